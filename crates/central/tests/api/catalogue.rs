//! The catalogue: complete demo data, cached with an ETag.

use reqwest::header::{ETAG, IF_NONE_MATCH};
use reqwest::StatusCode;

use crate::common::{spawn_app, BA_DINH};

#[tokio::test]
async fn the_catalogue_answers_304_to_its_etag() {
    let app = spawn_app().await;
    let url = app.api(&format!("/offices/{BA_DINH}/catalogue"));
    let first = app.send(app.client.get(&url).bearer_auth(&app.kiosk)).await;
    assert_eq!(first.status, StatusCode::OK);
    assert!(first
        .header("content-type")
        .is_some_and(|t| t.starts_with("application/json")));
    let etag = first.header(ETAG.as_str()).expect("an ETag").to_owned();
    assert!(
        etag.starts_with('"') && etag.ends_with('"'),
        "ETag {etag} is not quoted"
    );

    let again = app.send(app.client.get(&url).bearer_auth(&app.kiosk)).await;
    assert_eq!(
        again.header(ETAG.as_str()),
        Some(etag.as_str()),
        "the ETag is stable"
    );

    let cached = app
        .send(
            app.client
                .get(&url)
                .bearer_auth(&app.kiosk)
                .header(IF_NONE_MATCH, &etag),
        )
        .await;
    assert_eq!(cached.status, StatusCode::NOT_MODIFIED);
    assert!(cached.body.is_empty());
    assert_eq!(cached.header(ETAG.as_str()), Some(etag.as_str()));

    let stale = app
        .send(
            app.client
                .get(&url)
                .bearer_auth(&app.kiosk)
                .header(IF_NONE_MATCH, "\"stale\""),
        )
        .await;
    assert_eq!(stale.status, StatusCode::OK);
    assert!(!stale.body.is_empty());

    // The validator is not a way around the token.
    let anonymous = app
        .send(app.client.get(&url).header(IF_NONE_MATCH, &etag))
        .await;
    anonymous.expect_error(StatusCode::UNAUTHORIZED, "unauthorized");
}

#[tokio::test]
async fn the_demo_catalogue_is_complete() {
    let app = spawn_app().await;
    let catalogue: wire::Catalogue = app
        .get(&format!("/offices/{BA_DINH}/catalogue"), Some(&app.kiosk))
        .await
        .expect(StatusCode::OK);
    assert_eq!(catalogue.office, BA_DINH);
    let groups: Vec<_> = catalogue
        .service_groups
        .iter()
        .map(|g| g.id.as_str())
        .collect();
    assert_eq!(groups, ["A", "B", "C", "D", "E"]);
    let procedures = &catalogue.procedures;
    assert!(
        procedures.len() >= 30,
        "the demo catalogue has {} procedures, fewer than 30",
        procedures.len()
    );
    for group in &groups {
        assert!(
            procedures.iter().any(|p| p.service_group == *group),
            "no demo procedure in group {group}"
        );
    }
    for p in procedures {
        assert!(!p.code.is_empty() && !p.name.vi.is_empty(), "{p:?}");
        assert!(!p.channels.is_empty(), "{} has no channel", p.code);
        assert!(
            p.dossier.iter().any(|case| !case.components.is_empty()),
            "{} has no dossier",
            p.code
        );
    }
}
