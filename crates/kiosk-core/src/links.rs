//! Addresses a visitor takes away on their phone: the procedure's page on the
//! public service portal (to apply online), and the office's checklist page on
//! the central (to keep the list of documents).

use wire::Procedure;

use crate::ipc::Portal;

/// Search page of the National Public Service Portal, for a procedure without an address.
const NATIONAL_PORTAL_SEARCH: &str =
    "https://dichvucong.gov.vn/p/home/dvc-tra-cuu-thu-tuc-hanh-chinh.html?keyWord={code}";

/// Percent-encodes `text` for a URL path segment or query value.
fn encode(text: &str) -> String {
    url::form_urlencoded::byte_serialize(text.as_bytes()).collect()
}

/// Where to apply online for `procedure`: the city portal when the office chose
/// one (`city_portal_url`, with `{code}` for the code), else the procedure's page
/// on the National Public Service Portal.
pub fn portal_url(procedure: &Procedure, city_portal_url: Option<&str>) -> (Portal, String) {
    match city_portal_url {
        Some(template) => (
            Portal::City,
            template.replace("{code}", &encode(&procedure.code)),
        ),
        None if !procedure.portal_url.trim().is_empty() => {
            (Portal::National, procedure.portal_url.trim().to_owned())
        }
        None => (
            Portal::National,
            NATIONAL_PORTAL_SEARCH.replace("{code}", &encode(&procedure.code)),
        ),
    }
}

/// The public checklist page of procedure `code`, narrowed to dossier case `case`.
/// `template` comes from the central's catalogue answer (`{code}` for the code);
/// an older central without one is reached at `central_url` under `/c/{office}/`.
pub fn checklist_url(
    template: Option<&str>,
    central_url: &url::Url,
    office: &str,
    code: &str,
    case: Option<u32>,
) -> String {
    let mut address = match template {
        Some(template) => template.replace("{code}", &encode(code)),
        None => format!(
            "{}/c/{}/{}",
            central_url.as_str().trim_end_matches('/'),
            encode(office),
            encode(code)
        ),
    };
    if let Some(case) = case {
        address.push(if address.contains('?') { '&' } else { '?' });
        address.push_str(&format!("case={case}"));
    }
    address
}

#[cfg(test)]
mod tests {
    use super::*;

    fn procedure(portal_url: &str) -> Procedure {
        let mut p = central::demo::procedures().unwrap().remove(0);
        p.portal_url = portal_url.into();
        p
    }

    #[test]
    fn the_national_portal_unless_the_office_chose_its_city_portal() {
        let p = procedure("https://dichvucong.gov.vn/p/x?keyWord=1.001193");
        assert_eq!(
            portal_url(&p, None),
            (
                Portal::National,
                "https://dichvucong.gov.vn/p/x?keyWord=1.001193".into()
            )
        );
        assert_eq!(
            portal_url(&p, Some("https://dichvucong.hanoi.gov.vn/tim?ma={code}")),
            (
                Portal::City,
                "https://dichvucong.hanoi.gov.vn/tim?ma=1.001193".into()
            )
        );
        let (_, fallback) = portal_url(&procedure(""), None);
        assert!(
            fallback.starts_with("https://dichvucong.gov.vn/") && fallback.ends_with("1.001193")
        );
    }

    #[test]
    fn the_checklist_page_from_the_central_or_its_address() {
        let central: url::Url = "http://10.0.0.5:8080/".parse().unwrap();
        assert_eq!(
            checklist_url(
                Some("https://motcua.example.vn/c/hn-ba-dinh/{code}"),
                &central,
                "hn-ba-dinh",
                "1.001193",
                Some(2)
            ),
            "https://motcua.example.vn/c/hn-ba-dinh/1.001193?case=2"
        );
        assert_eq!(
            checklist_url(None, &central, "hn-ba-dinh", "1.001193", None),
            "http://10.0.0.5:8080/c/hn-ba-dinh/1.001193"
        );
    }
}
