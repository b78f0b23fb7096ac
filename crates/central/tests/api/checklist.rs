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
