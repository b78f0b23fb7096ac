//! The visitor's phone page `/t/{id}`: where their number stands, in plain words.
//! It is whole as plain HTML (refreshed every 30 s where scripts do not run); a
//! small script then follows the office's live events, so the page changes the
//! moment the number is called, without reloading or polling.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::get;
use axum::Router;
use wire::{TicketState, TicketStatus};

use super::extract::PathParam;
use super::page_headers::page_response;
use super::AppState;

const SCRIPT: &str = include_str!("track_page/track.js");

/// The page may load its own script and talk to this server only.
const CONTENT_SECURITY_POLICY: &str = "default-src 'none'; script-src 'self'; \
     style-src 'unsafe-inline'; connect-src 'self'; base-uri 'none'; form-action 'none'; \
     frame-ancestors 'none'";

/// Waiting this long or more, the page says the visitor may step out.
const STEP_OUT_MINUTES: u32 = 20;
/// How early before their turn a visitor who stepped out should be back.
const BACK_BEFORE_MINUTES: u32 = 10;

/// Routes of the page.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/t/{id}", get(page))
        .route("/t/track.js", get(script))
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}

/// "quầy số 3" / "counter 3" from a counter's name, as the board says it; a name the
/// speech rules refuse (never one the central makes) as it is.
fn counter_phrase(counter_name: &str) -> (String, String) {
    let say = |language| {
        speech::counter_text(counter_name, language).unwrap_or_else(|_| counter_name.to_owned())
    };
    (say(speech::Language::Vi), say(speech::Language::En))
}

/// What the page says of a ticket: a line in Vietnamese and its English, and a
/// word of advice for a long wait.
pub fn status_lines(t: &TicketStatus) -> (String, String, Option<(String, String)>) {
    match t.state {
        TicketState::Waiting => {
            let (vi, en) = match t.people_ahead {
                0 => (
                    "Bạn là người tiếp theo".to_owned(),
                    "You are next".to_owned(),
                ),
                n => (
                    format!(
                        "Còn {n} người trước bạn · khoảng {} phút",
                        t.estimated_wait_minutes
                    ),
                    format!(
                        "{n} {} ahead of you · about {} min",
                        if n == 1 { "person" } else { "people" },
                        t.estimated_wait_minutes
                    ),
                ),
            };
            let advice = (t.estimated_wait_minutes >= STEP_OUT_MINUTES).then(|| {
                let back = t.estimated_wait_minutes - BACK_BEFORE_MINUTES;
                (
                    format!("Bạn có thể ra ngoài và quay lại trong vòng {back} phút. Trang này báo khi đến lượt."),
                    format!("You may step out and come back within {back} minutes. This page tells you when it is your turn."),
                )
            });
            (vi, en, advice)
        }
        TicketState::Called => {
            let (vi, en) = counter_phrase(t.counter_name.as_deref().unwrap_or("quầy"));
            (
                format!("Mời bạn đến {vi}"),
                format!("Please go to {en}"),
                None,
            )
        }
        TicketState::Done => ("Đã phục vụ xong".into(), "Served".into(), None),
        TicketState::NoShow => (
            "Đã qua lượt: hãy hỏi cán bộ tại quầy".into(),
            "Missed: please ask at a counter".into(),
            None,
        ),
    }
}

async fn script() -> Response {
    page_response(
        "text/javascript; charset=utf-8",
        CONTENT_SECURITY_POLICY,
        "no-cache",
        SCRIPT,
    )
}

const STYLE: &str = "body{margin:0;font-family:system-ui,sans-serif;background:#f6f7f9;color:#111;\
text-align:center}main{padding:1.5rem 1rem;max-width:32rem;margin:0 auto}\
h1{font-size:4.5rem;margin:.5rem 0;letter-spacing:.02em}\
#status{font-size:1.6rem;line-height:1.35;margin:1rem 0}\
#status small,#advice small{display:block;color:#444;font-size:.75em;margin-top:.3rem}\
#advice{font-size:1.15rem;line-height:1.4;background:#fff;border-radius:.75rem;padding:1rem}\
main.called{background:#0b6b2e;color:#fff;min-height:100vh;box-sizing:border-box}\
main.called #status{font-size:2.6rem;font-weight:700}main.called #status small{color:#e8ffe8}\
.note{font-size:1rem;color:#555}main.called .note{color:#e8ffe8}";

/// The page: the number, a line of where it stands, and advice for long waits.
async fn page(State(state): State<AppState>, PathParam(id): PathParam<String>) -> Response {
    let (status, title, body) = match state.store.ticket_status(&id).await {
        Ok(t) => {
            let (vi, en, advice) = status_lines(&t);
            let advice = advice
                .map(|(vi, en)| {
                    format!(
                        "<p id=advice>{}<small lang=en>{}</small></p>",
                        escape(&vi),
                        escape(&en)
                    )
                })
                .unwrap_or_else(|| "<p id=advice hidden></p>".into());
            let class = if t.state == TicketState::Called {
                " class=called"
            } else {
                ""
            };
            (
                StatusCode::OK,
                format!("Số {}", escape(&t.number)),
                format!(
                    "<main{class} data-ticket=\"{id}\" data-office=\"{office}\" data-number=\"{number}\">\
                     <p class=note>Số thứ tự của bạn · Your number</p><h1>{number}</h1>\
                     <p id=status role=status aria-live=assertive>{vi}<small lang=en>{en}</small></p>{advice}\
                     <p class=note id=live></p></main><script src=\"/t/track.js\" defer></script>",
                    id = escape(&t.id),
                    office = escape(&t.office),
                    number = escape(&t.number),
                    vi = escape(&vi),
                    en = escape(&en),
                ),
            )
        }
        Err(_) => (
            StatusCode::NOT_FOUND,
            "Không tìm thấy số".to_owned(),
            // The "?" stands where the number would; a screen reader hears what it means.
            "<main><h1 aria-label=\"Không tìm thấy số\">?</h1>\
             <p id=status>Không tìm thấy số này<small lang=en>Ticket not found</small></p></main>"
                .to_owned(),
        ),
    };
    let html = format!(
        "<!doctype html><html lang=vi><head><meta charset=utf-8>\
         <meta name=viewport content=\"width=device-width, initial-scale=1\">\
         <noscript><meta http-equiv=refresh content=30></noscript>\
         <title>{title}</title><style>{STYLE}</style></head><body>{body}</body></html>"
    );
    // The address is the ticket's secret: no copy of the page is kept anywhere.
    let mut response = page_response(
        "text/html; charset=utf-8",
        CONTENT_SECURITY_POLICY,
        "no-store",
        html,
    );
    *response.status_mut() = status;
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    fn waiting(ahead: u32, minutes: u32) -> TicketStatus {
        TicketStatus {
            id: "x".into(),
            number: "A-017".into(),
            office: "o".into(),
            service_group: "A".into(),
            state: TicketState::Waiting,
            people_ahead: ahead,
            estimated_wait_minutes: minutes,
            counter: None,
            counter_name: None,
            issued_at: String::new(),
        }
    }

    #[test]
    fn a_long_wait_says_how_long_one_may_step_out() {
        let (vi, en, advice) = status_lines(&waiting(12, 35));
        assert_eq!(vi, "Còn 12 người trước bạn · khoảng 35 phút");
        assert_eq!(en, "12 people ahead of you · about 35 min");
        let (vi, _) = advice.expect("advice for a long wait");
        assert!(vi.contains("trong vòng 25 phút"), "{vi}");
        assert!(status_lines(&waiting(2, 8)).2.is_none());
        assert_eq!(status_lines(&waiting(0, 0)).0, "Bạn là người tiếp theo");
    }

    #[test]
    fn a_called_ticket_names_the_counter_as_the_board_says_it() {
        let mut t = waiting(0, 0);
        t.state = TicketState::Called;
        t.counter_name = Some("Quầy 3".into());
        let (vi, en, _) = status_lines(&t);
        assert_eq!(vi, "Mời bạn đến quầy số 3");
        assert_eq!(en, "Please go to counter 3");
    }
}
