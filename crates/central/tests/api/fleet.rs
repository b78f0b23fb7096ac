//! Kiosk profiles and the fleet, over real HTTP: IT staff keep versioned profiles, assign
//! them to kiosks, and see each kiosk's state; a kiosk picks a change up at its next heartbeat.

use chrono::Duration;
use futures::future::join_all;
use reqwest::StatusCode;
use serde_json::{json, Value};
use wire::{HeartbeatAnswer, KioskRegistered, KioskState, ProfileVersion};

use crate::common::{spawn_app, TestApp, BA_DINH, HOAN_KIEM};

const LOBBY: &str = "office = \"hn-ba-dinh\"\nidle_timeout_seconds = 60\n";

impl TestApp {
    async fn create_profile(&self, name: &str, document: &str) -> crate::common::Reply {
        self.post(
            "/profiles",
            Some(&self.admin),
            None,
            Some(json!({ "name": name, "document": document })),
        )
        .await
    }

    async fn create_profile_ok(&self, name: &str, document: &str) -> ProfileVersion {
        self.create_profile(name, document)
            .await
            .expect(StatusCode::CREATED)
    }

    async fn update_profile(&self, id: i64, base: u32, document: &str) -> crate::common::Reply {
        self.put(
            &format!("/profiles/{id}"),
            Some(&self.admin),
            json!({ "document": document, "base_version": base }),
        )
        .await
    }

    async fn register(&self, token: &str, name: &str) -> KioskRegistered {
        self.post(
            "/kiosks/register",
            Some(token),
            None,
            Some(json!({ "name": name, "app_version": "0.1.0" })),
        )
        .await
        .expect(StatusCode::OK)
    }

    async fn heartbeat(&self, token: &str, body: Value) -> crate::common::Reply {
        self.post("/kiosks/heartbeat", Some(token), None, Some(body))
            .await
    }

    async fn beat_ok(&self, token: &str, profile: Option<(i64, u32)>) -> HeartbeatAnswer {
        self.heartbeat(
            token,
            json!({
                "app_version": "0.1.0",
                "profile_id": profile.map(|p| p.0),
                "profile_version": profile.map(|p| p.1),
                "printer": "ready",
                "last_error": null,
                "uptime_seconds": 120,
            }),
        )
        .await
        .expect(StatusCode::OK)
    }

    async fn assign(&self, kiosk: i64, profile: Option<i64>) -> crate::common::Reply {
        self.put(
            &format!("/kiosks/{kiosk}/profile"),
            Some(&self.admin),
            json!({ "profile": profile }),
        )
        .await
    }

    async fn fleet(&self) -> Vec<KioskState> {
        self.get("/kiosks", Some(&self.admin))
            .await
            .expect(StatusCode::OK)
    }
}

fn fields(body: &Value) -> Vec<String> {
    body["problems"]
        .as_array()
        .unwrap_or_else(|| panic!("no problems list: {body}"))
        .iter()
        .map(|p| p["field"].as_str().expect("a field").to_owned())
        .collect()
}

#[tokio::test]
async fn a_profile_is_created_changed_and_every_version_is_kept() {
    let app = spawn_app().await;
    let created = app.create_profile_ok("Ba Đình lobby", LOBBY).await;
    assert_eq!(created.name, "Ba Đình lobby");
    assert_eq!(created.version, 1);
    assert_eq!(created.document, LOBBY);
    assert!(
        created.updated_at.starts_with("2026-12-02T02:00:00"),
        "{created:?}"
    );

    let changed_doc = "office = \"hn-ba-dinh\"\nidle_timeout_seconds = 120\n";
    app.set_time(app.clock_now() + Duration::minutes(5));
    let changed: ProfileVersion = app
        .update_profile(created.id, 1, changed_doc)
        .await
        .expect(StatusCode::OK);
    assert_eq!((changed.id, changed.version), (created.id, 2));
    assert_eq!(changed.document, changed_doc);
    assert!(changed.updated_at.starts_with("2026-12-02T02:05:00"));

    let latest: ProfileVersion = app
        .get(&format!("/profiles/{}", created.id), Some(&app.admin))
        .await
        .expect(StatusCode::OK);
    assert_eq!(latest, changed);
    let first: ProfileVersion = app
        .get(
            &format!("/profiles/{}/versions/1", created.id),
            Some(&app.admin),
        )
        .await
        .expect(StatusCode::OK);
    assert_eq!(first, created);
    let list: Vec<ProfileVersion> = app
        .get("/profiles", Some(&app.admin))
        .await
        .expect(StatusCode::OK);
    assert_eq!(list, [changed]);

    app.get(
        &format!("/profiles/{}/versions/3", created.id),
        Some(&app.admin),
    )
    .await
    .expect_error(StatusCode::NOT_FOUND, "unknown_profile_version");
    app.get("/profiles/999", Some(&app.admin))
        .await
        .expect_error(StatusCode::NOT_FOUND, "unknown_profile");
    app.get("/profiles/abc", Some(&app.admin))
        .await
        .expect_error(StatusCode::BAD_REQUEST, "invalid_path");
    app.update_profile(999, 1, LOBBY)
        .await
        .expect_error(StatusCode::NOT_FOUND, "unknown_profile");
    app.create_profile("Ba Đình lobby", LOBBY)
        .await
        .expect_error(StatusCode::CONFLICT, "profile_name_taken");
}

#[tokio::test]
async fn every_invalid_setting_is_a_422_naming_its_field() {
    let app = spawn_app().await;
    let cases: &[(&str, &str)] = &[
        (
            "office = \"hn-ba-dinh\"\nidle_timeout_seconds = 5\n",
            "idle_timeout_seconds",
        ),
        ("office = \"nowhere\"\n", "office"),
        ("office = \"Ba Dinh\"\n", "office"),
        ("idle_timeout_seconds = 60\n", "office"),
        (
            "office = \"hn-ba-dinh\"\ncentral_url = \"http://10.0.0.5:8080\"\n",
            "central_url",
        ),
        (
            "office = \"hn-ba-dinh\"\ntoken_file = \"k.token\"\n",
            "token_file",
        ),
        (
            "office = \"hn-ba-dinh\"\ncache_dir = \"/var/cache\"\n",
            "cache_dir",
        ),
        (
            "office = \"hn-ba-dinh\"\ndefault_language = \"fr\"\n",
            "default_language",
        ),
        ("office = \"hn-ba-dinh\"\nlanguages = []\n", "languages"),
        (
            "office = \"hn-ba-dinh\"\ncity_portal_url = \"https://x.vn/\"\n",
            "city_portal_url",
        ),
        (
            "office = \"hn-ba-dinh\"\nhome_actions = []\n",
            "home_actions",
        ),
        (
            "office = \"hn-ba-dinh\"\nshown_fields = [\"Hộ tịch\", \"hộ tịch\"]\n",
            "shown_fields[1]",
        ),
        (
            "office = \"hn-ba-dinh\"\nshown_procedures = [\"1.001193\", \"1.1193\"]\n",
            "shown_procedures[1]",
        ),
        (
            "office = \"hn-ba-dinh\"\n[branding]\nprimary_colour = \"#ffcc00\"\n",
            "branding.primary_colour",
        ),
        (
            "office = \"hn-ba-dinh\"\n[branding]\nbackground_colour = \"#333333\"\n",
            "branding.background_colour",
        ),
        (
            "office = \"hn-ba-dinh\"\n[branding]\ntitle_vi = \"\"\n",
            "branding.title_vi",
        ),
        (
            "office = \"hn-ba-dinh\"\n[accessibility]\ntext_size = \"huge\"\n",
            "accessibility.text_size",
        ),
        (
            "office = \"hn-ba-dinh\"\n[accessibility]\nhigh_contrast = 1\n",
            "accessibility.high_contrast",
        ),
        (
            "office = \"hn-ba-dinh\"\n[closed_message]\nvi = 3\n",
            "closed_message.vi",
        ),
        (
            "office = \"hn-ba-dinh\"\n[printer]\ntransport = \"fax\"\n",
            "printer.transport",
        ),
        (
            "office = \"hn-ba-dinh\"\n[printer]\ndarkness = 9\n",
            "printer.darkness",
        ),
        ("office = \"hn-ba-dinh\"\ncolour = \"red\"\n", "colour"),
        ("office = [\n", "(file)"),
    ];
    for (i, (document, field)) in cases.iter().enumerate() {
        let reply = app.create_profile(&format!("p{i}"), document).await;
        let body = reply.expect_error(StatusCode::UNPROCESSABLE_ENTITY, "invalid_profile");
        assert_eq!(fields(&body), [*field], "{document:?}: {body}");
        let message = body["problems"][0]["message"].as_str().unwrap();
        assert!(!message.is_empty(), "{body}");
    }

    // Every problem at once, the name's too.
    let body = app
        .create_profile(
            " ",
            "office = \"hn-ba-dinh\"\nidle_timeout_seconds = 5\n[branding]\nprimary_colour = \"#ffcc00\"\n",
        )
        .await
        .expect_error(StatusCode::UNPROCESSABLE_ENTITY, "invalid_profile");
    assert_eq!(
        fields(&body),
        ["name", "idle_timeout_seconds", "branding.primary_colour"]
    );
    let contrast = &body["problems"][2]["message"];
    assert!(
        contrast.as_str().unwrap().contains(":1"),
        "the ratio is said: {contrast}"
    );

    // The same checks guard a change, and nothing is saved.
    let created = app.create_profile_ok("lobby", LOBBY).await;
    let body = app
        .update_profile(
            created.id,
            1,
            "office = \"hn-ba-dinh\"\nidle_timeout_seconds = 9999\n",
        )
        .await
        .expect_error(StatusCode::UNPROCESSABLE_ENTITY, "invalid_profile");
    assert_eq!(fields(&body), ["idle_timeout_seconds"]);
    let latest: ProfileVersion = app
        .get(&format!("/profiles/{}", created.id), Some(&app.admin))
        .await
        .expect(StatusCode::OK);
    assert_eq!(latest.version, 1);

    // Bodies: a document over 32 KiB is refused by field, a body far over it by size.
    let big = format!("{LOBBY}#{}\n", "x".repeat(40 * 1024));
    let body = app
        .create_profile("big", &big)
        .await
        .expect_error(StatusCode::UNPROCESSABLE_ENTITY, "invalid_profile");
    assert_eq!(fields(&body), ["(file)"]);
    let huge = format!("{LOBBY}#{}\n", "x".repeat(200 * 1024));
    app.create_profile("huge", &huge)
        .await
        .expect_error(StatusCode::PAYLOAD_TOO_LARGE, "payload_too_large");
    app.post(
        "/profiles",
        Some(&app.admin),
        None,
        Some(json!({ "name": "x", "document": LOBBY, "colour": 1 })),
    )
    .await
    .expect_error(StatusCode::BAD_REQUEST, "invalid_json");
}

#[tokio::test]
async fn pinned_quick_numbers_must_be_procedures_of_the_profile_s_office() {
    let app = spawn_app().await;
    let pinned = |codes: &str| format!("{LOBBY}[quick_numbers]\npinned = [{codes}]\n");
    let body = app
        .create_profile("pins", &pinned("\"1.001193\", \"9.999999\""))
        .await
        .expect_error(StatusCode::UNPROCESSABLE_ENTITY, "invalid_profile");
    assert_eq!(fields(&body), ["quick_numbers.pinned[1]"], "{body}");
    let message = body["problems"][0]["message"].as_str().unwrap();
    assert!(
        message.contains("9.999999") && message.contains(BA_DINH),
        "{message}"
    );
    let created = app
        .create_profile_ok("pins", &pinned("\"2.000815\", \"1.001193\""))
        .await;
    let body = app
        .update_profile(created.id, 1, &pinned("\"1.234567\""))
        .await
        .expect_error(StatusCode::UNPROCESSABLE_ENTITY, "invalid_profile");
    assert_eq!(fields(&body), ["quick_numbers.pinned[0]"], "{body}");
}

#[tokio::test]
async fn a_change_from_an_old_version_is_refused_as_stale() {
    let app = spawn_app().await;
    let created = app.create_profile_ok("lobby", LOBBY).await;
    app.update_profile(
        created.id,
        1,
        "office = \"hn-ba-dinh\"\nidle_timeout_seconds = 30\n",
    )
    .await
    .expect::<ProfileVersion>(StatusCode::OK);
    // A second editor still on version 1, even with a broken document, must reload first.
    let body = app
        .update_profile(created.id, 1, "idle_timeout_seconds = 1\n")
        .await
        .expect_error(StatusCode::CONFLICT, "stale_profile_version");
    assert_eq!(body["latest_version"], 2);
    app.update_profile(created.id, 7, LOBBY)
        .await
        .expect_error(StatusCode::UNPROCESSABLE_ENTITY, "invalid_base_version");

    // Editors saving from the same version at once: one wins, the others must reload.
    let documents: Vec<String> = (0..6)
        .map(|i| {
            format!(
                "office = \"hn-ba-dinh\"\nidle_timeout_seconds = {}\n",
                20 + i
            )
        })
        .collect();
    let replies = join_all(
        documents
            .iter()
            .map(|document| app.update_profile(created.id, 2, document)),
    )
    .await;
    let saved: Vec<_> = replies
        .iter()
        .filter(|r| r.status == StatusCode::OK)
        .collect();
    assert_eq!(saved.len(), 1, "{replies:?}");
    for reply in replies.iter().filter(|r| r.status != StatusCode::OK) {
        let body = reply.expect_error(StatusCode::CONFLICT, "stale_profile_version");
        assert_eq!(body["latest_version"], 3);
    }
    let winner: ProfileVersion = saved[0].json();
    let latest: ProfileVersion = app
        .get(&format!("/profiles/{}", created.id), Some(&app.admin))
        .await
        .expect(StatusCode::OK);
    assert_eq!(latest, winner);
}

#[tokio::test]
async fn an_assigned_kiosk_gets_the_new_document_exactly_when_it_is_newer() {
    let app = spawn_app().await;
    let registered = app.register(&app.kiosk, "lobby-1").await;
    assert_eq!(registered.office, BA_DINH);
    assert_eq!(registered.profile, None);
    assert_eq!(app.beat_ok(&app.kiosk, None).await.profile, None);

    let created = app.create_profile_ok("lobby", LOBBY).await;
    let state: KioskState = app
        .assign(registered.kiosk_id, Some(created.id))
        .await
        .expect(StatusCode::OK);
    assert_eq!(state.assigned_profile.as_ref().map(|p| p.version), Some(1));

    // Running its own settings, the kiosk gets version 1 …
    let sent = app
        .beat_ok(&app.kiosk, None)
        .await
        .profile
        .expect("a profile");
    assert_eq!((sent.id, sent.version), (created.id, 1));
    assert_eq!(sent.document, LOBBY);
    // … and nothing more while it runs it.
    assert_eq!(
        app.beat_ok(&app.kiosk, Some((created.id, 1))).await.profile,
        None
    );

    // A change reaches it at the next heartbeat, exactly as saved.
    let changed_doc =
        "office = \"hn-ba-dinh\"\n# Shorter for the busy morning.\nidle_timeout_seconds = 45\n";
    app.update_profile(created.id, 1, changed_doc)
        .await
        .expect::<ProfileVersion>(StatusCode::OK);
    let sent = app
        .beat_ok(&app.kiosk, Some((created.id, 1)))
        .await
        .profile
        .expect("the new version");
    assert_eq!((sent.id, sent.version), (created.id, 2));
    assert_eq!(sent.document, changed_doc);
    assert_eq!(
        app.beat_ok(&app.kiosk, Some((created.id, 2))).await.profile,
        None
    );

    // Starting again, it gets the latest version at once.
    let again = app.register(&app.kiosk, "lobby-1").await;
    assert_eq!(again.kiosk_id, registered.kiosk_id);
    assert_eq!(again.profile.map(|p| p.version), Some(2));

    // Another profile at the same version number is still sent.
    let other = app.create_profile_ok("other", LOBBY).await;
    app.update_profile(other.id, 1, LOBBY)
        .await
        .expect::<ProfileVersion>(StatusCode::OK);
    app.assign(registered.kiosk_id, Some(other.id))
        .await
        .expect::<KioskState>(StatusCode::OK);
    let sent = app
        .beat_ok(&app.kiosk, Some((created.id, 2)))
        .await
        .profile
        .expect("the other profile");
    assert_eq!((sent.id, sent.version), (other.id, 2));

    // Unassigned, nothing is sent; the kiosk keeps what it runs.
    app.assign(registered.kiosk_id, None)
        .await
        .expect::<KioskState>(StatusCode::OK);
    assert_eq!(
        app.beat_ok(&app.kiosk, Some((other.id, 2))).await.profile,
        None
    );
}

#[tokio::test]
async fn a_profile_reaches_only_kiosks_of_its_office() {
    let app = spawn_app().await;
    let ba_dinh = app.register(&app.kiosk, "ba-dinh-1").await;
    let hoan_kiem_doc = "office = \"hn-hoan-kiem\"\n";
    let other_office = app.create_profile_ok("hoan kiem", hoan_kiem_doc).await;
    app.assign(ba_dinh.kiosk_id, Some(other_office.id))
        .await
        .expect_error(StatusCode::UNPROCESSABLE_ENTITY, "office_mismatch");

    let lobby = app.create_profile_ok("lobby", LOBBY).await;
    app.assign(ba_dinh.kiosk_id, Some(lobby.id))
        .await
        .expect::<KioskState>(StatusCode::OK);
    let body = app
        .update_profile(lobby.id, 1, hoan_kiem_doc)
        .await
        .expect_error(StatusCode::UNPROCESSABLE_ENTITY, "invalid_profile");
    assert_eq!(fields(&body), ["office"]);
    assert!(body["problems"][0]["message"]
        .as_str()
        .unwrap()
        .contains(BA_DINH));

    app.assign(ba_dinh.kiosk_id, Some(999))
        .await
        .expect_error(StatusCode::NOT_FOUND, "unknown_profile");
    app.assign(424_242, Some(lobby.id))
        .await
        .expect_error(StatusCode::NOT_FOUND, "unknown_kiosk");
}

#[tokio::test]
async fn the_fleet_shows_each_kiosk_online_or_offline_by_the_central_s_clock() {
    let app = spawn_app().await;
    // Before any kiosk starts, every kiosk token is listed, offline and nameless, so a
    // profile can be assigned before the machine is set up.
    let fleet = app.fleet().await;
    assert_eq!(fleet.len(), 2, "{fleet:?}");
    assert!(fleet
        .iter()
        .all(|k| !k.online && k.name.is_none() && k.last_heartbeat.is_none()));
    let hoan_kiem_id = fleet.iter().find(|k| k.office == HOAN_KIEM).unwrap().id;

    let ba_dinh = app.register(&app.kiosk, "ba-dinh-1").await;
    let lobby = app.create_profile_ok("lobby", LOBBY).await;
    app.assign(ba_dinh.kiosk_id, Some(lobby.id))
        .await
        .expect::<KioskState>(StatusCode::OK);
    app.heartbeat(
        &app.kiosk,
        json!({ "app_version": "0.2.0", "profile_id": lobby.id, "profile_version": 1,
                "printer": "out_of_paper", "last_error": "printer: out of paper",
                "uptime_seconds": 3600 }),
    )
    .await
    .expect::<HeartbeatAnswer>(StatusCode::OK);

    let fleet = app.fleet().await;
    let kiosk = fleet.iter().find(|k| k.id == ba_dinh.kiosk_id).unwrap();
    assert!(kiosk.online);
    assert_eq!(kiosk.name.as_deref(), Some("ba-dinh-1"));
    assert_eq!(kiosk.office, BA_DINH);
    assert_eq!(kiosk.app_version.as_deref(), Some("0.2.0"));
    assert_eq!(kiosk.printer.as_deref(), Some("out_of_paper"));
    assert_eq!(kiosk.last_error.as_deref(), Some("printer: out of paper"));
    assert_eq!(kiosk.uptime_seconds, Some(3600));
    assert_eq!(
        (kiosk.profile_id, kiosk.profile_version),
        (Some(lobby.id), Some(1))
    );
    let assigned = kiosk.assigned_profile.as_ref().unwrap();
    assert_eq!(
        (assigned.id, assigned.name.as_str(), assigned.version),
        (lobby.id, "lobby", 1)
    );
    assert!(kiosk
        .last_heartbeat
        .as_deref()
        .unwrap()
        .starts_with("2026-12-02T02:00:00"));
    assert!(!fleet.iter().find(|k| k.id == hoan_kiem_id).unwrap().online);

    app.set_time(app.clock_now() + Duration::seconds(90));
    assert!(app
        .fleet()
        .await
        .iter()
        .any(|k| k.id == ba_dinh.kiosk_id && k.online));
    app.set_time(app.clock_now() + Duration::seconds(1));
    let kiosk = app
        .fleet()
        .await
        .into_iter()
        .find(|k| k.id == ba_dinh.kiosk_id)
        .unwrap();
    assert!(!kiosk.online, "91 s after its last heartbeat");
    assert_eq!(
        kiosk.printer.as_deref(),
        Some("out_of_paper"),
        "the last report stays"
    );

    app.beat_ok(&app.kiosk, Some((lobby.id, 1))).await;
    assert!(app
        .fleet()
        .await
        .iter()
        .any(|k| k.id == ba_dinh.kiosk_id && k.online));
}

#[tokio::test]
async fn heartbeats_and_registrations_are_checked_by_field() {
    let app = spawn_app().await;
    let good = json!({ "app_version": "0.1.0", "profile_version": null, "printer": "ready",
                       "last_error": null, "uptime_seconds": 5 });
    let with = |key: &str, value: Value| {
        let mut body = good.clone();
        body[key] = value;
        body
    };
    for (body, field) in [
        (
            with("last_error", Value::from("x".repeat(201))),
            "last_error",
        ),
        (
            with("last_error", Value::from("line one\nline two")),
            "last_error",
        ),
        (with("printer", Value::from("Out of paper")), "printer"),
        (with("printer", Value::from("")), "printer"),
        (
            with("app_version", Value::from("x".repeat(41))),
            "app_version",
        ),
        (with("profile_id", Value::from(3)), "profile_version"),
    ] {
        let reply = app.heartbeat(&app.kiosk, body).await;
        let error = reply.expect_error(StatusCode::UNPROCESSABLE_ENTITY, "invalid_heartbeat");
        assert_eq!(fields(&error), [field]);
    }
    app.heartbeat(&app.kiosk, with("uptime_seconds", Value::from(-1)))
        .await
        .expect_error(StatusCode::BAD_REQUEST, "invalid_json");
    app.heartbeat(&app.kiosk, with("colour", Value::from("red")))
        .await
        .expect_error(StatusCode::BAD_REQUEST, "invalid_json");

    let body = app
        .post(
            "/kiosks/register",
            Some(&app.kiosk),
            None,
            Some(json!({ "name": "", "app_version": "a b" })),
        )
        .await
        .expect_error(StatusCode::UNPROCESSABLE_ENTITY, "invalid_registration");
    assert_eq!(fields(&body), ["name", "app_version"]);
}

#[tokio::test]
async fn only_it_staff_manage_profiles_and_only_kiosks_report() {
    let app = spawn_app().await;
    let lobby = app.create_profile_ok("lobby", LOBBY).await;
    let kiosk = app.register(&app.kiosk, "k").await;
    let admin_only: Vec<(&str, String, Option<Value>)> = vec![
        ("GET", "/profiles".into(), None),
        (
            "POST",
            "/profiles".into(),
            Some(json!({ "name": "x", "document": LOBBY })),
        ),
        ("GET", format!("/profiles/{}", lobby.id), None),
        ("GET", format!("/profiles/{}/versions/1", lobby.id), None),
        (
            "PUT",
            format!("/profiles/{}", lobby.id),
            Some(json!({ "document": LOBBY, "base_version": 1 })),
        ),
        ("GET", "/kiosks".into(), None),
        (
            "PUT",
            format!("/kiosks/{}/profile", kiosk.kiosk_id),
            Some(json!({ "profile": lobby.id })),
        ),
    ];
    for (method, path, body) in &admin_only {
        for token in [Some(app.kiosk.as_str()), Some(app.staff.as_str()), None] {
            let mut request = app.client.request(method.parse().unwrap(), app.api(path));
            if let Some(token) = token {
                request = request.bearer_auth(token);
            }
            if let Some(body) = body {
                request = request.json(body);
            }
            let reply = app.send(request).await;
            match token {
                Some(_) => reply.expect_error(StatusCode::FORBIDDEN, "forbidden"),
                None => reply.expect_error(StatusCode::UNAUTHORIZED, "unauthorized"),
            };
        }
    }
    for token in [&app.admin, &app.staff] {
        app.post(
            "/kiosks/register",
            Some(token),
            None,
            Some(json!({ "name": "x", "app_version": "1" })),
        )
        .await
        .expect_error(StatusCode::FORBIDDEN, "forbidden");
        app.heartbeat(
            token,
            json!({ "app_version": "1", "profile_version": null, "printer": "none",
                    "last_error": null, "uptime_seconds": 1 }),
        )
        .await
        .expect_error(StatusCode::FORBIDDEN, "forbidden");
    }
    app.post(
        "/kiosks/register",
        Some("kiosk_forged"),
        None,
        Some(json!({ "name": "x", "app_version": "1" })),
    )
    .await
    .expect_error(StatusCode::UNAUTHORIZED, "unauthorized");
    // Nothing changed on the way.
    let list: Vec<ProfileVersion> = app
        .get("/profiles", Some(&app.admin))
        .await
        .expect(StatusCode::OK);
    assert_eq!(list.len(), 1);
    assert_eq!(list[0].version, 1);
}

#[tokio::test]
async fn the_profile_schema_is_public_and_is_the_format_s() {
    let app = spawn_app().await;
    let schema: Value = app
        .get("/profile-schema.json", None)
        .await
        .expect(StatusCode::OK);
    assert_eq!(schema, kiosk_profile::schema());
    assert!(schema["properties"]["idle_timeout_seconds"].is_object());

    let doc: Value = app.get("/openapi.json", None).await.expect(StatusCode::OK);
    for (path, method) in [
        ("/profiles", "get"),
        ("/profiles", "post"),
        ("/profiles/{id}", "get"),
        ("/profiles/{id}", "put"),
        ("/profiles/{id}/versions/{version}", "get"),
        ("/profile-schema.json", "get"),
        ("/kiosks", "get"),
        ("/kiosks/register", "post"),
        ("/kiosks/heartbeat", "post"),
        ("/kiosks/{kiosk}/profile", "put"),
    ] {
        assert!(
            doc["paths"][path][method].is_object(),
            "{method} {path} is missing from the OpenAPI document"
        );
    }
    for schema in ["ProfileVersion", "KioskState", "Heartbeat", "FieldProblem"] {
        assert!(doc["components"]["schemas"][schema].is_object(), "{schema}");
    }
}

#[tokio::test]
async fn the_console_is_one_page_that_loads_nothing_from_elsewhere() {
    let app = spawn_app().await;
    for (path, kind) in [
        ("/admin", "text/html"),
        ("/admin/console.js", "text/javascript"),
        ("/admin/console.css", "text/css"),
    ] {
        let reply = app
            .send(app.client.get(format!("{}{path}", app.base)))
            .await;
        assert_eq!(reply.status, StatusCode::OK, "{path}");
        assert!(
            reply.header("content-type").unwrap().starts_with(kind),
            "{path}"
        );
        let csp = reply.header("content-security-policy").expect("a CSP");
        assert!(csp.contains("default-src 'none'") && csp.contains("script-src 'self'"));
        assert!(!csp.contains("unsafe"), "{csp}");
        assert_eq!(reply.header("x-content-type-options"), Some("nosniff"));
        let text = reply.text();
        assert!(
            !text.contains("http://") && !text.contains("https://"),
            "{path} names another site"
        );
    }
    let page = app
        .send(app.client.get(format!("{}/admin", app.base)))
        .await
        .text();
    assert!(
        !page.contains("<script>") && !page.contains("style="),
        "no inline script or style"
    );
    assert!(page.contains("<label for=\"token\">Admin token</label>"));
}
