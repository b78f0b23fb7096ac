//! What goes on a printed ticket: the kiosk fills a [`TicketPrint`] from the ticket the
//! central issued and the office's catalogue; this crate only lays it out.

use serde::{Deserialize, Serialize};

/// The content of one printed queue ticket, already in the words and formats to print.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TicketPrint {
    /// Office name, e.g. "Trung tâm phục vụ hành chính công phường Ba Đình".
    pub office_name: String,
    /// The queue number, e.g. `A-017`; printed huge.
    pub number: String,
    /// Service or procedure name in the visitor's language.
    pub service_name: String,
    /// Issue time in the office's local time, e.g. `29/11/2026 09:15`.
    pub issued_at_local: String,
    /// Tickets of the same queue called before this one.
    pub people_ahead: u32,
    /// Estimated wait in minutes.
    pub estimated_wait_minutes: u32,
    /// Public page where the visitor follows the ticket; printed as a QR code.
    pub track_url: String,
    /// A short line on what to bring, e.g. "Mang theo CCCD / Bring your ID card".
    pub bring_line: Option<String>,
    /// Fixed words of the ticket.
    pub labels: TicketLabels,
}

/// The fixed words of a ticket. The default is Vietnamese with English after a slash,
/// so staff and visitors both read it whatever language the screen was in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TicketLabels {
    /// Above the number.
    pub your_number: String,
    /// Before the issue time.
    pub issued_at: String,
    /// Before the number of people ahead.
    pub people_ahead: String,
    /// Before the estimated wait.
    pub estimated_wait: String,
    /// After the estimated wait's number.
    pub minutes: String,
    /// Under the QR code.
    pub scan_to_track: String,
}

impl Default for TicketLabels {
    fn default() -> Self {
        Self {
            your_number: "Số thứ tự / Your number".into(),
            issued_at: "Giờ lấy số / Issued".into(),
            people_ahead: "Số người trước bạn / People ahead".into(),
            estimated_wait: "Thời gian chờ khoảng / About".into(),
            minutes: "phút / min".into(),
            scan_to_track: "Quét mã để theo dõi lượt / Scan to follow your turn".into(),
        }
    }
}

impl TicketPrint {
    /// A filled-in ticket for tests, demos and the benchmark.
    pub fn example() -> Self {
        Self {
            office_name: "Trung tâm phục vụ hành chính công phường Ba Đình".into(),
            number: "A-017".into(),
            service_name: "Đăng ký khai sinh / Birth registration".into(),
            issued_at_local: "29/11/2026 09:15".into(),
            people_ahead: 4,
            estimated_wait_minutes: 20,
            track_url: "http://127.0.0.1:8080/t/3f9c2a7be41d4c0f9a8e5b6d".into(),
            bring_line: Some(
                "Mang theo: CCCD, giấy chứng sinh / Bring: ID card, birth certificate".into(),
            ),
            labels: TicketLabels::default(),
        }
    }
}
