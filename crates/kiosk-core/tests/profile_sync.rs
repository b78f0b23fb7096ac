//! The kiosk's side of the fleet against a real central on a random port: it picks a changed
//! profile up within one heartbeat, starts from its disk copy when the central is away, and
//! refuses an older version or one that fails its checks, keeping the last good one.

use std::path::Path;

use kiosk_core::client::{CentralClient, ClientError};
use kiosk_core::fleet::{printer_code, KioskStatus, Offer, ProfileSync};
use kiosk_core::profile::Profile;
use serde_json::json;

mod common;

use common::{spawn_central, Central};

/// What these tests ask of the central as IT staff.
impl Central {
    async fn admin(
        &self,
        method: reqwest::Method,
        path: &str,
        body: serde_json::Value,
    ) -> serde_json::Value {
        let reply = reqwest::Client::new()
            .request(method, format!("{}/api/v1{path}", self.url))
            .bearer_auth(&self.admin)
            .json(&body)
            .send()
            .await
            .unwrap();
        assert!(reply.status().is_success(), "{path}: {}", reply.status());
        reply.json().await.unwrap()
    }

    /// Creates a profile and assigns it to the kiosk; returns its id.
    async fn assign_new_profile(&self, kiosk_id: i64, document: &str) -> i64 {
        let created = self
            .admin(
                reqwest::Method::POST,
                "/profiles",
                json!({ "name": "lobby", "document": document }),
            )
            .await;
        let id = created["id"].as_i64().unwrap();
        self.admin(
            reqwest::Method::PUT,
            &format!("/kiosks/{kiosk_id}/profile"),
            json!({ "profile": id }),
        )
        .await;
        id
    }

    async fn change(&self, id: i64, base: u32, document: &str) {
        self.admin(
            reqwest::Method::PUT,
            &format!("/profiles/{id}"),
            json!({ "document": document, "base_version": base }),
        )
        .await;
    }

    /// The fleet row of the only kiosk that registered.
    async fn fleet_row(&self) -> serde_json::Value {
        let reply = reqwest::Client::new()
            .get(format!("{}/api/v1/kiosks", self.url))
            .bearer_auth(&self.admin)
            .send()
            .await
            .unwrap();
        let fleet: Vec<serde_json::Value> = reply.json().await.unwrap();
        fleet
            .into_iter()
            .find(|k| !k["name"].is_null())
            .expect("a registered kiosk")
    }
}

/// The kiosk's own profile file, pointing at `url` with `token`, caching in `dir/cache`.
fn own_profile(dir: &Path, url: &str, token: &str) -> Profile {
    std::fs::write(dir.join("kiosk.token"), token).unwrap();
    Profile::parse(
        &format!(
            "central_url = \"{url}\"\noffice = \"hn-ba-dinh\"\ntoken_file = \"kiosk.token\"\n\
             cache_dir = \"cache\"\nidle_timeout_seconds = 90\n"
        ),
        dir,
    )
    .unwrap()
}

fn client_of(profile: &Profile) -> CentralClient {
    CentralClient::new(profile.central_url.clone(), &profile.office, &profile.token).unwrap()
}

fn status() -> KioskStatus {
    KioskStatus {
        app_version: "0.1.0".into(),
        printer: printer_code(None).into(),
        last_error: None,
        uptime_seconds: 30,
    }
}

fn doc(idle: u32) -> String {
    format!("office = \"hn-ba-dinh\"\nidle_timeout_seconds = {idle}\n")
}

#[tokio::test]
async fn a_changed_profile_is_picked_up_within_one_heartbeat() {
    let dir = tempfile::tempdir().unwrap();
    let central = spawn_central(&dir.path().join("c.db"), 40).await;
    let profile = own_profile(dir.path(), &central.url, &central.token);
    let client = client_of(&profile);
    let sync = ProfileSync::open(&profile);
    assert_eq!(
        sync.take_ready(),
        None,
        "nothing kept yet: the file's settings run"
    );

    let registered = client.register("lobby-1", "0.1.0").await.unwrap();
    let id = central
        .assign_new_profile(registered.kiosk_id, &doc(60))
        .await;

    // Assigned after start: the next heartbeat brings it; applied when no one is mid-flow.
    assert_eq!(
        sync.heartbeat(&client, &status()).await.unwrap(),
        Offer::Ready { id, version: 1 }
    );
    let ready = sync.take_ready().unwrap();
    assert_eq!(ready.settings.idle_timeout_seconds, 60);
    assert_eq!(
        sync.heartbeat(&client, &status()).await.unwrap(),
        Offer::Nothing
    );

    // Changed on the central: one heartbeat later it is ready.
    central.change(id, 1, &doc(45)).await;
    assert_eq!(
        sync.heartbeat(&client, &status()).await.unwrap(),
        Offer::Ready { id, version: 2 }
    );
    assert!(sync.is_ready());
    // Until it is applied, the kiosk says it still runs version 1.
    assert_eq!(central.fleet_row().await["profile_version"], 1);
    assert_eq!(
        sync.take_ready().map(|r| r.settings.idle_timeout_seconds),
        Some(45)
    );
    assert_eq!(
        sync.heartbeat(&client, &status()).await.unwrap(),
        Offer::Nothing
    );
    let row = central.fleet_row().await;
    assert_eq!(
        (row["profile_id"].as_i64(), row["profile_version"].as_u64()),
        (Some(id), Some(2))
    );
    assert_eq!(row["online"], true);

    // Unassigned on the central: the next heartbeat takes the kiosk back to its own file.
    central
        .admin(
            reqwest::Method::PUT,
            &format!("/kiosks/{}/profile", registered.kiosk_id),
            json!({ "profile": null }),
        )
        .await;
    assert_eq!(
        sync.heartbeat(&client, &status()).await.unwrap(),
        Offer::Withdrawn
    );
    let own = sync.take_ready().unwrap();
    assert_eq!(own.from, None);
    assert_eq!(
        own.settings.idle_timeout_seconds,
        profile.idle_timeout_seconds
    );
    assert_eq!(
        sync.heartbeat(&client, &status()).await.unwrap(),
        Offer::Nothing
    );
    assert_eq!(
        central.fleet_row().await["profile_version"],
        serde_json::Value::Null
    );
    central.shut_down().await;
}

#[tokio::test]
async fn a_kiosk_starts_from_its_disk_copy_when_the_central_is_away() {
    let dir = tempfile::tempdir().unwrap();
    let central = spawn_central(&dir.path().join("c.db"), 40).await;
    let profile = own_profile(dir.path(), &central.url, &central.token);
    let client = client_of(&profile);
    let registered = client.register("lobby-1", "0.1.0").await.unwrap();
    let id = central
        .assign_new_profile(registered.kiosk_id, &doc(75))
        .await;
    let sync = ProfileSync::open(&profile);
    assert_eq!(
        sync.register(&client, "lobby-1", "0.1.0").await.unwrap(),
        Offer::Ready { id, version: 1 }
    );
    sync.take_ready().unwrap();
    central.shut_down().await;

    // Restarted with the central gone: the kept profile is ready at once.
    let restarted = ProfileSync::open(&profile);
    let ready = restarted.take_ready().expect("the kept profile");
    assert_eq!(ready.from, Some((id, 1)));
    assert_eq!(ready.settings.idle_timeout_seconds, 75);
    let applied = profile.with_settings(ready.settings);
    assert_eq!(applied.idle_timeout_seconds, 75);
    assert_eq!(applied.token, profile.token, "device settings stay");
    let down = restarted.register(&client, "lobby-1", "0.1.0").await;
    assert!(matches!(down, Err(ClientError::Unreachable(_))), "{down:?}");
    assert!(matches!(
        restarted.heartbeat(&client, &status()).await,
        Err(ClientError::Unreachable(_))
    ));
    assert_eq!(restarted.held().map(|h| h.version), Some(1));
    assert_eq!(restarted.running(), Some((id, 1)));
}

#[tokio::test]
async fn an_older_version_is_refused_as_stale_and_the_last_good_one_stays() {
    let dir = tempfile::tempdir().unwrap();
    let first = spawn_central(&dir.path().join("first.db"), 40).await;
    let profile = own_profile(dir.path(), &first.url, &first.token);
    let sync = ProfileSync::open(&profile);
    let client = client_of(&profile);
    let kiosk_id = client.register("lobby-1", "0.1.0").await.unwrap().kiosk_id;
    let id = first.assign_new_profile(kiosk_id, &doc(60)).await;
    first.change(id, 1, &doc(45)).await;
    assert_eq!(
        sync.heartbeat(&client, &status()).await.unwrap(),
        Offer::Ready { id, version: 2 }
    );
    sync.take_ready();
    first.shut_down().await;

    // The central comes back from an older backup: the same profile at version 1.
    let restored = spawn_central(&dir.path().join("restored.db"), 40).await;
    let profile = own_profile(dir.path(), &restored.url, &restored.token);
    let client = client_of(&profile);
    let kiosk_id = client.register("lobby-1", "0.1.0").await.unwrap().kiosk_id;
    assert_eq!(restored.assign_new_profile(kiosk_id, &doc(90)).await, id);
    assert_eq!(
        sync.heartbeat(&client, &status()).await.unwrap(),
        Offer::Stale {
            id,
            offered: 1,
            held: 2
        }
    );
    assert!(!sync.is_ready());
    assert_eq!(sync.held().unwrap().settings.idle_timeout_seconds, 45);
    // The refusal reaches IT staff with the next heartbeat.
    sync.heartbeat(&client, &status()).await.unwrap();
    let row = restored.fleet_row().await;
    let error = row["last_error"].as_str().unwrap();
    assert!(error.contains("older than v2"), "{error}");
    assert_eq!(row["profile_version"], 2);
    restored.shut_down().await;
}

#[tokio::test]
async fn a_profile_that_fails_the_kiosk_s_checks_is_refused_and_reported() {
    let dir = tempfile::tempdir().unwrap();
    let central = spawn_central(&dir.path().join("c.db"), 40).await;
    let profile = own_profile(dir.path(), &central.url, &central.token);
    let client = client_of(&profile);
    let sync = ProfileSync::open(&profile);
    let kiosk_id = client.register("lobby-1", "0.1.0").await.unwrap().kiosk_id;
    let id = central.assign_new_profile(kiosk_id, &doc(60)).await;
    sync.heartbeat(&client, &status()).await.unwrap();
    sync.take_ready().unwrap();

    // The central cannot see the kiosk's disk; the kiosk finds no such logo beside its file.
    central
        .change(
            id,
            1,
            "office = \"hn-ba-dinh\"\n[printer]\nlogo = \"missing-logo.png\"\n",
        )
        .await;
    let offer = sync.heartbeat(&client, &status()).await.unwrap();
    let Offer::Invalid {
        version, problems, ..
    } = offer
    else {
        panic!("{offer:?}")
    };
    assert_eq!((version, problems[0].field.as_str()), (2, "printer.logo"));
    assert_eq!(sync.held().unwrap().version, 1, "the last good one stays");
    sync.heartbeat(&client, &status()).await.unwrap();
    let row = central.fleet_row().await;
    assert_eq!(row["profile_version"], 1);
    let error = row["last_error"].as_str().unwrap();
    assert!(
        error.starts_with("profile 1 v2 refused: printer.logo"),
        "{error}"
    );
    central.shut_down().await;
}
