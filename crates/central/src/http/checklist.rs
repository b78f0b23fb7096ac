//! The public checklist page of a procedure: what to bring, time and fee per
//! channel, and how to apply online. A kiosk shows its address as a QR code so
//! that a visitor keeps the list on their phone. Server-rendered HTML without
//! scripts, in Vietnamese with English beneath; it holds no personal data.

use std::fmt::Write;

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::get;
use axum::Router;
use serde::Deserialize;
use wire::{Channel, ChannelKind, DossierCase, LocalizedText, OnlineLevel, Procedure};

use super::extract::{PathParam, QueryParams};
use super::page_headers::page_response;
use super::AppState;

/// The page may load its own stylesheet and nothing else: no script, no inline style.
const CONTENT_SECURITY_POLICY: &str = "default-src 'none'; style-src 'self'; \
     base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/// The catalogue changes rarely; a phone may keep the page and its style a while.
const CACHE: &str = "public, max-age=300";

/// Address of the page's stylesheet.
const STYLESHEET: &str = "/c/checklist.css";

/// The visitor's page and its stylesheet, outside the API.
pub fn page_router() -> Router<AppState> {
    Router::new()
        .route("/c/{office}/{code}", get(page))
        .route(STYLESHEET, get(style))
}

async fn style() -> Response {
    page_response(
        "text/css; charset=utf-8",
        CONTENT_SECURITY_POLICY,
        CACHE,
        STYLE,
    )
}

/// Public address of an office's checklist pages, with `{code}` for the procedure.
pub fn url_template(state: &AppState, office: &str) -> String {
    let office: String = url_escape(office);
    format!("{}/c/{office}/{{code}}", state.public_url)
}

/// Query of the page.
#[derive(Debug, Deserialize)]
pub struct PageQuery {
    /// Index of the one case to show (0-based, as in the catalogue); all cases when absent.
    pub case: Option<usize>,
}

/// `GET /c/{office}/{code}[?case=N]`.
async fn page(
    State(state): State<AppState>,
    PathParam((office, code)): PathParam<(String, String)>,
    query: Result<QueryParams<PageQuery>, super::error::HttpError>,
) -> Response {
    // A mangled query (a phone app adding parameters) still shows the whole list.
    let case = query.ok().and_then(|QueryParams(q)| q.case);
    let found = match state.store.office(&office).await {
        Ok(record) => state
            .store
            .procedure(&office, &code)
            .await
            .map(|p| (record.office.name, p)),
        Err(e) => Err(e),
    };
    match found {
        Ok((office_name, procedure)) => html(render(&office_name, &procedure, case)),
        Err(error) => {
            tracing::debug!(%error, office, code, "checklist page not found");
            let mut response = html(document(
                "Không tìm thấy",
                "<h1>Không tìm thấy thủ tục này<small lang=en>No such procedure</small></h1>",
            ));
            *response.status_mut() = StatusCode::NOT_FOUND;
            response
        }
    }
}

/// Escapes text for HTML.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

fn url_escape(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                (b as char).to_string()
            }
            b => format!("%{b:02X}"),
        })
        .collect()
}

/// Vietnamese, with its English beneath in smaller type (marked English, so a screen
/// reader switches voice).
fn both(text: &LocalizedText) -> String {
    if text.en.trim().is_empty() || text.en == text.vi {
        escape(&text.vi)
    } else {
        format!(
            "{}<small lang=en>{}</small>",
            escape(&text.vi),
            escape(&text.en)
        )
    }
}

fn both_str(vi: &str, en: &str) -> String {
    both(&LocalizedText::new(vi, en))
}

/// An amount grouped the Vietnamese way: 100000 → "100.000".
fn grouped(amount: u32, separator: char) -> String {
    let digits = amount.to_string();
    let mut out = String::new();
    for (i, d) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(separator);
        }
        out.push(d);
    }
    out
}

fn fee(channel: &Channel) -> String {
    if !channel.fee_note.vi.trim().is_empty() {
        return both(&channel.fee_note);
    }
    match channel.fee_vnd {
        Some(0) => both_str("Miễn lệ phí", "Free"),
        Some(n) => both_str(
            &format!("{} đồng", grouped(n, '.')),
            &format!("{} VND", grouped(n, ',')),
        ),
        None => both_str("Không có thông tin", "No information"),
    }
}

fn channel_name(kind: ChannelKind) -> String {
    match kind {
        ChannelKind::Direct => both_str("Trực tiếp", "In person"),
        ChannelKind::Online => both_str("Trực tuyến", "Online"),
        ChannelKind::Postal => both_str("Qua bưu chính", "By post"),
    }
}

fn case_html(out: &mut String, dossier_case: &DossierCase) {
    let _ = write!(out, "<h3>{}</h3>", both(&dossier_case.case));
    if dossier_case.components.is_empty() {
        out.push_str("<p>Không có thông tin<small lang=en>No information</small></p>");
        return;
    }
    out.push_str("<ul class=docs>");
    for component in &dossier_case.components {
        let _ = write!(
            out,
            "<li><label><input type=checkbox> <span><b>{}</b><span class=n>Bản chính: {} · Bản sao: {}\
             <small lang=en>Originals: {} · Copies: {}</small></span>",
            both(&component.name),
            component.originals,
            component.copies,
            component.originals,
            component.copies,
        );
        if let Some(form) = &component.form {
            let _ = write!(out, "<span class=f>Mẫu / Form: {}</span>", escape(form));
        }
        out.push_str("</span></label></li>");
    }
    out.push_str("</ul>");
}

/// The page of `procedure`, narrowed to case `case` when it exists.
pub fn render(office_name: &str, procedure: &Procedure, case: Option<usize>) -> String {
    let mut body = String::new();
    let _ = write!(
        body,
        "<p class=office>{}</p><h1>{}</h1><p class=code>{} · {}</p>",
        escape(office_name),
        both(&procedure.name),
        escape(&procedure.field.vi),
        escape(&procedure.code),
    );

    body.push_str("<h2>Hồ sơ cần chuẩn bị<small lang=en>Documents to bring</small></h2>");
    match case.and_then(|i| procedure.dossier.get(i)) {
        Some(one) => case_html(&mut body, one),
        None if procedure.dossier.is_empty() => {
            body.push_str("<p>Không có thông tin<small lang=en>No information</small></p>")
        }
        None => {
            if procedure.dossier.len() > 1 {
                body.push_str(
                    "<p>Chọn trường hợp của bạn.<small lang=en>Pick the case that fits you.</small></p>",
                );
            }
            for dossier_case in &procedure.dossier {
                case_html(&mut body, dossier_case);
            }
        }
    }

    body.push_str("<h2>Thời gian và lệ phí<small lang=en>Time and fee</small></h2>");
    if procedure.channels.is_empty() {
        body.push_str("<p>Không có thông tin<small lang=en>No information</small></p>");
    } else {
        body.push_str(
            "<table><tr><th>Cách nộp<small lang=en>How</small></th><th>Thời gian giải quyết<small lang=en>Processing time</small></th>\
             <th>Lệ phí<small lang=en>Fee</small></th></tr>",
        );
        for channel in &procedure.channels {
            let _ = write!(
                body,
                "<tr><th>{}</th><td>{}</td><td>{}</td></tr>",
                channel_name(channel.kind),
                both(&channel.processing_time),
                fee(channel),
            );
        }
        body.push_str("</table>");
    }
    body.push_str(match procedure.result_by_post {
        Some(true) => "<p>Có thể nhận kết quả qua dịch vụ bưu chính công ích.<small lang=en>The result can be delivered by post.</small></p>",
        Some(false) => "<p>Phải nhận kết quả trực tiếp tại bộ phận Một cửa.<small lang=en>The result must be collected in person.</small></p>",
        None => "<p>Hỏi cán bộ nếu bạn muốn nhận kết quả qua bưu điện.<small lang=en>Ask staff if you want the result by post.</small></p>",
    });

    body.push_str("<h2>Nộp trực tuyến<small lang=en>Apply online</small></h2>");
    body.push_str(match procedure.online_level {
        OnlineLevel::Full => "<p>Làm được hoàn toàn trên mạng, không cần đến văn phòng.<small lang=en>Can be done fully online, no visit needed.</small></p>",
        OnlineLevel::Partial => "<p>Nộp trên mạng được, nhưng vẫn phải đến văn phòng một lần để xuất trình bản chính.<small lang=en>You can apply online, but must still visit once to show the originals.</small></p>",
        OnlineLevel::None => "<p>Thủ tục này phải làm trực tiếp tại văn phòng.<small lang=en>This procedure is done in person only.</small></p>",
    });
    if procedure.online_level != OnlineLevel::None && !procedure.portal_url.is_empty() {
        let _ = write!(
            body,
            "<p><a href=\"{}\">Cổng Dịch vụ công quốc gia<small lang=en>National Public Service Portal</small></a></p>\
             <p>Đăng nhập bằng tài khoản VNeID.<small lang=en>Log in with your VNeID account.</small></p>",
            escape(&procedure.portal_url)
        );
    }
    if !procedure.unsure.is_empty() {
        body.push_str(
            "<p class=note>Một số thông tin chưa được xác nhận; hãy hỏi cán bộ tại quầy.\
             <small lang=en>Some details are not confirmed; please ask staff at the counter.</small></p>",
        );
    }
    body.push_str(
        "<p class=note>Trang này không chứa thông tin cá nhân.<small lang=en>This page holds no personal data.</small></p>",
    );
    document(&procedure.name.vi, &body)
}

fn html(document: String) -> Response {
    page_response(
        "text/html; charset=utf-8",
        CONTENT_SECURITY_POLICY,
        CACHE,
        document,
    )
}

fn document(title: &str, body: &str) -> String {
    format!(
        "<!doctype html><html lang=vi><meta charset=utf-8>\
         <meta name=viewport content=\"width=device-width,initial-scale=1\">\
         <title>{}</title><link rel=stylesheet href={STYLESHEET}><body><main>{body}</main></body></html>",
        escape(title)
    )
}

const STYLE: &str = "body{font-family:system-ui,sans-serif;font-size:1.15em;line-height:1.4;color:#111;\
background:#fff;max-width:42em;margin:0 auto;padding:1em}\
h1{font-size:1.5em;margin:.2em 0}h2{font-size:1.25em;margin:1.2em 0 .4em;border-bottom:2px solid #0b4a94}\
h3{font-size:1.1em;margin:1em 0 .3em}small{display:block;font-size:.85em;font-weight:normal;color:#444}\
.office,.code,.note{color:#333}.docs{list-style:none;padding:0}.docs li{margin:.5em 0;padding:.5em;\
border:1px solid #999;border-radius:.4em}.docs label{display:flex;gap:.6em;align-items:flex-start}\
.docs input{width:1.6em;height:1.6em;flex:none;margin-top:.1em}.n,.f{display:block}\
table{border-collapse:collapse;width:100%}th,td{border:1px solid #888;padding:.35em;text-align:left;\
vertical-align:top}a{color:#0b4a94;font-weight:bold}";

#[cfg(test)]
mod tests {
    use super::*;

    fn demo(code: &str) -> Procedure {
        crate::demo::procedures()
            .unwrap()
            .into_iter()
            .find(|p| p.code == code)
            .unwrap()
    }

    #[test]
    fn the_page_lists_every_case_with_counts_and_forms_in_both_languages() {
        let html = render("Phường Ba Đình", &demo("1.001193"), None);
        assert!(html.contains("<title>Đăng ký khai sinh</title>"));
        assert!(html.contains("Trường hợp trẻ em có Giấy chứng sinh"));
        assert!(html.contains("Trường hợp không có Giấy chứng sinh"));
        assert!(html.contains("Bản chính: 1 · Bản sao: 0"));
        assert!(html.contains("Originals: 1 · Copies: 0"));
        assert!(html.contains("Mẫu / Form: Tờ khai đăng ký khai sinh"));
        assert!(html.contains("Birth registration"));
        assert!(!html.contains("<script"), "no scripts");
    }

    #[test]
    fn the_page_is_one_main_landmark_with_its_english_marked_as_such() {
        let html = render("Phường Ba Đình", &demo("1.001193"), None);
        assert_eq!(html.matches("<main>").count(), 1);
        assert!(html.contains("<body><main><p class=office>"), "{html}");
        assert!(html.ends_with("</main></body></html>"));
        assert_eq!(html.matches("<h1>").count(), 1);
        assert!(html.contains("<small lang=en>Birth registration</small>"));
        assert!(
            !html.contains("<small>"),
            "every English line is marked English"
        );
    }

    #[test]
    fn a_case_narrows_the_list_and_an_unknown_case_shows_all() {
        let procedure = demo("1.001193");
        let one = render("x", &procedure, Some(1));
        assert!(one.contains("Trường hợp không có Giấy chứng sinh"));
        assert!(!one.contains("Trường hợp trẻ em bị bỏ rơi"));
        let all = render("x", &procedure, Some(99));
        assert!(all.contains("Trường hợp trẻ em bị bỏ rơi"));
    }

    #[test]
    fn text_is_escaped_and_fixed_fees_are_grouped() {
        let mut procedure = demo("2.000884");
        procedure.name.vi = "<b>x</b> & y".into();
        procedure.channels[0].fee_note = LocalizedText::new("", "");
        procedure.channels[0].fee_vnd = Some(100000);
        let html = render("a\"b", &procedure, None);
        assert!(html.contains("&lt;b&gt;x&lt;/b&gt; &amp; y"));
        assert!(html.contains("a&quot;b"));
        assert!(html.contains("100.000 đồng") && html.contains("100,000 VND"));
    }

    #[test]
    fn the_office_is_escaped_in_the_url() {
        assert_eq!(url_escape("hn-ba-dinh"), "hn-ba-dinh");
        assert_eq!(url_escape("a b/c"), "a%20b%2Fc");
    }
}
