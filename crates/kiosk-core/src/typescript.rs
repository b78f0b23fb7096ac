//! The UI's TypeScript types, generated from the Rust types that cross to it.

use ts_rs::TS;

/// Path of the generated file, relative to the workspace root.
pub const GENERATED_TYPES_PATH: &str = "ui/src/generated/types.ts";

/// The whole generated TypeScript file: one `export type` per type the UI sees.
pub fn declarations() -> String {
    let decls = [
        wire::LocalizedText::decl(),
        wire::Health::decl(),
        wire::Office::decl(),
        wire::OpeningSession::decl(),
        wire::OpeningStatus::decl(),
        wire::OfficeStatus::decl(),
        wire::OfficeCalendar::decl(),
        wire::Catalogue::decl(),
        wire::ServiceGroup::decl(),
        wire::Procedure::decl(),
        wire::OnlineLevel::decl(),
        wire::ChannelKind::decl(),
        wire::Channel::decl(),
        wire::DossierCase::decl(),
        wire::DossierComponent::decl(),
        wire::QueueOverview::decl(),
        wire::GroupQueue::decl(),
        wire::Lobby::decl(),
        wire::SlotList::decl(),
        wire::Slot::decl(),
        wire::NewTicket::decl(),
        wire::Priority::decl(),
        wire::Ticket::decl(),
        wire::TicketState::decl(),
        wire::TicketStatus::decl(),
        wire::OfficeTicket::decl(),
        wire::CalledTicket::decl(),
        wire::NewAppointment::decl(),
        wire::Contact::decl(),
        wire::Appointment::decl(),
        wire::CheckInWindow::decl(),
        wire::Arrival::decl(),
        wire::AppointmentLookup::decl(),
        wire::FoundAppointments::decl(),
        wire::FoundAppointment::decl(),
        wire::ApiError::decl(),
        wire::FieldProblem::decl(),
        crate::ipc::Language::decl(),
        crate::ipc::KioskConfig::decl(),
        kiosk_profile::HomeAction::decl(),
        kiosk_profile::Branding::decl(),
        kiosk_profile::Accessibility::decl(),
        kiosk_profile::TextSize::decl(),
        kiosk_profile::ClosedMessage::decl(),
        crate::ipc::ConnectionState::decl(),
        crate::ipc::NumberOffer::decl(),
        crate::ipc::NumberState::decl(),
        crate::ipc::CardBookings::decl(),
        crate::ipc::CatalogueView::decl(),
        crate::ipc::QrSvg::decl(),
        crate::ipc::Portal::decl(),
        crate::ipc::OnlineHandoff::decl(),
        crate::ipc::TicketView::decl(),
        crate::ipc::PrintOutcome::decl(),
        crate::ipc::AppointmentView::decl(),
        crate::ipc::DaySlots::decl(),
        crate::ipc::ScanRead::decl(),
        crate::ipc::KioskError::decl(),
        crate::ipc::KioskErrorKind::decl(),
        crate::ipc::MaintenanceInfo::decl(),
        crate::ipc::PrinterSummary::decl(),
        crate::ipc::MaintenanceError::decl(),
        crate::ipc::MaintenanceErrorKind::decl(),
        crate::ipc::ConnectionTest::decl(),
        printer::PrinterStatus::decl(),
        crate::ipc::TestPrint::decl(),
    ];
    let mut out = String::from(
        "// Generated from the Rust types in crates/wire and crates/kiosk-core/src/ipc.rs.\n\
         // Do not edit: run `UPDATE_TYPES=1 cargo test -p kiosk-core --test generated_types`.\n\n",
    );
    for decl in decls {
        out.push_str("export ");
        out.push_str(&decl);
        out.push_str("\n\n");
    }
    out.truncate(out.trim_end().len());
    out.push('\n');
    out
}
