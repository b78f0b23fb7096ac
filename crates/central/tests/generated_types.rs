//! The staff and lobby pages' TypeScript types, generated from `wire`: this test
//! fails when `pages/src/generated/types.ts` no longer matches the Rust types.
//! `UPDATE_TYPES=1 cargo test -p central --test generated_types` rewrites it.

use std::path::PathBuf;

use ts_rs::TS;

/// Path of the generated file, relative to this crate.
const GENERATED_TYPES_PATH: &str = "pages/src/generated/types.ts";

/// The whole generated file: one `export type` per type the pages see.
fn declarations() -> String {
    let decls = [
        wire::LocalizedText::decl(),
        wire::ApiError::decl(),
        wire::FieldProblem::decl(),
        wire::Slot::decl(),
        wire::CheckInWindow::decl(),
        wire::Arrival::decl(),
        wire::OpeningStatus::decl(),
        wire::QueueOverview::decl(),
        wire::GroupQueue::decl(),
        wire::Lobby::decl(),
        wire::Priority::decl(),
        wire::TicketState::decl(),
        wire::OfficeTicket::decl(),
        wire::CalledTicket::decl(),
        wire::LobbyEvent::decl(),
        wire::LobbySnapshot::decl(),
        wire::IssuedEvent::decl(),
        wire::CallEvent::decl(),
        wire::TransferredEvent::decl(),
        wire::ClosedEvent::decl(),
        wire::CounterSummary::decl(),
        wire::CounterView::decl(),
        wire::ServedTicket::decl(),
        wire::UpcomingTicket::decl(),
        wire::TransferTargets::decl(),
        wire::GroupName::decl(),
        wire::TransferRequest::decl(),
        wire::AuditEntry::decl(),
        wire::AuditLog::decl(),
    ];
    wire::typescript_module(
        "// Generated from the Rust types in crates/wire.\n\
         // Do not edit: run `UPDATE_TYPES=1 cargo test -p central --test generated_types`.\n\n",
        decls,
    )
}

#[test]
fn generated_typescript_is_up_to_date() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(GENERATED_TYPES_PATH);
    let expected = declarations();
    if std::env::var_os("UPDATE_TYPES").is_some() {
        std::fs::create_dir_all(path.parent().expect("the path has a folder"))
            .expect("create the generated folder");
        std::fs::write(&path, &expected).expect("write the generated types");
        return;
    }
    let actual = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        actual == expected,
        "{} is stale: run `UPDATE_TYPES=1 cargo test -p central --test generated_types`",
        path.display()
    );
}
