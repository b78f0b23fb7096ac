//! The public checklist page a visitor keeps on their phone, and the catalogue's
//! pointer to it.

use reqwest::StatusCode;

use crate::common::{spawn_app, BA_DINH};

#[tokio::test]
async fn the_catalogue_names_the_checklist_page_and_the_page_is_public() {
    let app = spawn_app().await;
    let answer: wire::CatalogueAnswer = app
        .get(&format!("/offices/{BA_DINH}/catalogue"), Some(&app.kiosk))
        .await
        .expect(StatusCode::OK);
    let template = answer.checklist_url.expect("a checklist address");
    assert_eq!(template, format!("{}/c/{BA_DINH}/{{code}}", app.base));
    assert!(!answer.catalogue.procedures.is_empty());

    // No token: a visitor's phone opens it.
    let url = template.replace("{code}", "1.001193") + "?case=0";
    let page = app.send(app.client.get(&url)).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page
        .header("content-type")
        .is_some_and(|t| t.starts_with("text/html")));
    assert!(page
        .header("cache-control")
        .is_some_and(|c| c.contains("public")));
    let html = page.text();
    assert!(html.contains("Đăng ký khai sinh"));
    assert!(html.contains("Trung tâm Phục vụ hành chính công phường Ba Đình"));
    assert!(html.contains("Giấy chứng sinh do cơ sở y tế cấp"));
    assert!(
        !html.contains("Trường hợp trẻ em bị bỏ rơi"),
        "only the chosen case"
    );
    assert!(html.contains("Thời gian và lệ phí"));
}

#[tokio::test]
async fn the_page_loads_its_style_from_a_file_its_policy_allows() {
    let app = spawn_app().await;
    let page = app
        .send(app.client.get(format!("{}/c/{BA_DINH}/1.001193", app.base)))
        .await;
    assert_eq!(page.status, StatusCode::OK);
    let policy = page.header("content-security-policy").expect("a policy");
    // Its own stylesheet, no inline style and no script of any kind.
    assert!(policy.contains("style-src 'self'"), "{policy}");
    assert!(
        !policy.contains("unsafe-inline") && !policy.contains("script-src"),
        "{policy}"
    );
    let html = page.text();
    assert!(
        html.contains("<link rel=stylesheet href=/c/checklist.css>"),
        "{html}"
    );
    assert!(
        !html.contains("<style"),
        "no inline style: the policy refuses it"
    );

    let style = app
        .send(app.client.get(format!("{}/c/checklist.css", app.base)))
        .await;
    assert_eq!(style.status, StatusCode::OK);
    assert!(style
        .header("content-type")
        .is_some_and(|t| t.starts_with("text/css")));
    assert!(style.text().contains("small{display:block"));

    // The page of an unknown procedure is styled the same way.
    let missing = app
        .send(app.client.get(format!("{}/c/{BA_DINH}/9.999999", app.base)))
        .await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    assert_eq!(missing.header("content-security-policy"), Some(policy));
}

#[tokio::test]
async fn a_bad_case_shows_every_case_and_unknown_pages_are_404() {
    let app = spawn_app().await;
    let all = app
        .send(
            app.client
                .get(format!("{}/c/{BA_DINH}/1.001193?case=x", app.base)),
        )
        .await;
    assert_eq!(all.status, StatusCode::OK);
    assert!(all.text().contains("Trường hợp trẻ em bị bỏ rơi"));

    for path in ["/c/hn-ba-dinh/9.999999", "/c/nowhere/1.001193"] {
        let missing = app
            .send(app.client.get(format!("{}{path}", app.base)))
            .await;
        assert_eq!(missing.status, StatusCode::NOT_FOUND, "{path}");
        assert!(missing.text().contains("Không tìm thấy"));
    }
}

#[tokio::test]
async fn the_openapi_document_describes_the_checklist_address() {
    let app = spawn_app().await;
    let doc: serde_json::Value = app.get("/openapi.json", None).await.expect(StatusCode::OK);
    let answer = &doc["components"]["schemas"]["CatalogueAnswer"];
    assert!(answer.is_object(), "CatalogueAnswer is described: {answer}");
    assert!(
        answer.to_string().contains("checklist_url"),
        "with its checklist_url: {answer}"
    );
}
