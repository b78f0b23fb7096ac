//! Tokens that are revoked or expired are refused at once, by every central on the
//! database; the store lists tokens with their label and last use, never a secret.

use std::sync::Arc;
use std::time::{Duration, Instant};

use central::access::Role;
use central::clock::ManualClock;
use central::http::{router, AppState};
use central::store::sqlite::SqliteStore;
use central::store::{Store, StoreError, TokenTerms};
use chrono::TimeDelta;
use reqwest::StatusCode;

use crate::common::{spawn_app, TestApp, BA_DINH, STAFF_COUNTER};

/// A second central on the same database file, as another process would run it:
/// its own store (and so its own memory of tokens) and its own port.
struct SecondServer {
    base: String,
    server: tokio::task::JoinHandle<()>,
}

impl Drop for SecondServer {
    fn drop(&mut self) {
        self.server.abort();
    }
}

async fn second_server(app: &TestApp) -> SecondServer {
    let store = SqliteStore::open(&app.db_url)
        .await
        .expect("a second store on the database");
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind a port");
    let base = format!("http://{}", listener.local_addr().expect("local address"));
    let clock = Arc::new(ManualClock::new(app.clock_now()));
    let state = AppState::new(Arc::new(store), clock, base.clone());
    let server = tokio::spawn(async move {
        axum::serve(listener, router(state))
            .await
            .expect("server runs");
    });
    SecondServer { base, server }
}

/// `GET /counters` (a staff read) at `base` with `token`: its status.
async fn counters_status(app: &TestApp, base: &str, token: &str) -> StatusCode {
    app.client
        .get(format!("{base}/api/v1/counters"))
        .bearer_auth(token)
        .send()
        .await
        .expect("the server answers")
        .status()
}

/// A store of its own on the app's database, as `central token ...` opens one.
async fn command_store(app: &TestApp) -> SqliteStore {
    SqliteStore::open(&app.db_url)
        .await
        .expect("open the database")
}

fn staff_role() -> Role {
    Role::Staff {
        office: BA_DINH.into(),
        counter: Some(STAFF_COUNTER.into()),
    }
}

#[tokio::test]
async fn a_revoked_token_is_refused_within_a_second_by_every_central_on_the_database() {
    let app = spawn_app().await;
    let second = second_server(&app).await;
    let command = command_store(&app).await;
    let token = command
        .create_token_with(
            &staff_role(),
            &TokenTerms {
                label: Some("counter 3 tablet".into()),
                expires_at: None,
            },
            app.clock_now(),
        )
        .await
        .expect("create a token");
    // Both centrals have seen the token, so each holds it in memory.
    for base in [&app.base, &second.base] {
        for _ in 0..3 {
            assert_eq!(
                counters_status(&app, base, &token.secret).await,
                StatusCode::OK
            );
        }
    }

    // Revoked by a third store, as the command line does: neither server is told.
    let revoked = command
        .revoke_token(token.id, app.clock_now())
        .await
        .expect("revoke");
    assert!(revoked.revoked_at.is_some());
    let revoked_at = Instant::now();
    let mut refused_after = [None, None];
    while refused_after.iter().any(Option::is_none) && revoked_at.elapsed() < Duration::from_secs(5)
    {
        for (i, base) in [&app.base, &second.base].into_iter().enumerate() {
            if refused_after[i].is_none()
                && counters_status(&app, base, &token.secret).await == StatusCode::UNAUTHORIZED
            {
                refused_after[i] = Some(revoked_at.elapsed());
            }
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    for (which, after) in ["the first", "the second"].iter().zip(refused_after) {
        let after = after.unwrap_or_else(|| panic!("{which} central still accepts it after 5 s"));
        assert!(
            after <= Duration::from_secs(1),
            "{which} central refused it only after {after:?}"
        );
    }
    // Refused as an unknown token is, in the API's error shape, and for good.
    tokio::time::sleep(Duration::from_millis(600)).await;
    for base in [&app.base, &second.base] {
        let reply = app
            .send(
                app.client
                    .get(format!("{base}/api/v1/counters"))
                    .bearer_auth(&token.secret),
            )
            .await;
        reply.expect_error(StatusCode::UNAUTHORIZED, "unauthorized");
    }
    // Other tokens still work.
    assert_eq!(
        counters_status(&app, &second.base, &app.staff).await,
        StatusCode::OK
    );
}

#[tokio::test]
async fn an_expired_token_is_refused_like_an_unknown_one() {
    let app = spawn_app().await;
    let command = command_store(&app).await;
    let token = command
        .create_token_with(
            &staff_role(),
            &TokenTerms {
                label: None,
                expires_at: Some(app.clock_now() + TimeDelta::hours(1)),
            },
            app.clock_now(),
        )
        .await
        .expect("create a token");
    let path = format!("/counters/{STAFF_COUNTER}");
    app.get(&path, Some(&token.secret))
        .await
        .expect::<serde_json::Value>(StatusCode::OK);

    app.set_time(app.clock_now() + TimeDelta::minutes(59));
    app.get(&path, Some(&token.secret))
        .await
        .expect::<serde_json::Value>(StatusCode::OK);

    // Its memory in the server is fresh, yet the expiry counts at once.
    app.set_time(app.clock_now() + TimeDelta::minutes(1));
    let reply = app.get(&path, Some(&token.secret)).await;
    reply.expect_error(StatusCode::UNAUTHORIZED, "unauthorized");
    assert_eq!(reply.header("www-authenticate"), Some("Bearer"));
    app.get(&path, Some(&app.staff))
        .await
        .expect::<serde_json::Value>(StatusCode::OK);
}

#[tokio::test]
async fn the_list_shows_labels_and_last_use_and_is_written_at_most_once_a_minute() {
    let app = spawn_app().await;
    let command = command_store(&app).await;
    let made_at = app.clock_now();
    let token = command
        .create_token_with(
            &Role::Admin,
            &TokenTerms {
                label: Some("IT desk".into()),
                expires_at: None,
            },
            made_at,
        )
        .await
        .expect("create a token");
    let listed = |tokens: Vec<central::store::TokenRecord>| {
        tokens
            .into_iter()
            .find(|t| t.id == token.id)
            .expect("the new token is listed")
    };
    let fresh = listed(command.tokens().await.expect("list"));
    assert_eq!(fresh.label.as_deref(), Some("IT desk"));
    assert_eq!(fresh.role, Role::Admin);
    assert_eq!(fresh.created_at, made_at);
    assert_eq!(fresh.last_used_at, None);
    assert_eq!(fresh.revoked_at, None);
    assert_eq!(fresh.expires_at, None);
    // The four tokens of the test app were made first; ids rise from 1.
    let ids: Vec<i64> = command
        .tokens()
        .await
        .expect("list")
        .iter()
        .map(|t| t.id)
        .collect();
    assert_eq!(ids, [1, 2, 3, 4, 5]);

    let last_used = || async { listed(command.tokens().await.expect("list")).last_used_at };
    let wait_for = |expected: chrono::DateTime<chrono::Utc>| async move {
        let start = Instant::now();
        while last_used().await != Some(expected) {
            assert!(
                start.elapsed() < Duration::from_secs(5),
                "last use stays {:?}, not {expected}",
                last_used().await
            );
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    };
    app.get("/kiosks", Some(&token.secret))
        .await
        .expect::<serde_json::Value>(StatusCode::OK);
    wait_for(made_at).await;

    // Used again within the minute: nothing is written.
    app.set_time(made_at + TimeDelta::seconds(30));
    app.get("/kiosks", Some(&token.secret))
        .await
        .expect::<serde_json::Value>(StatusCode::OK);
    tokio::time::sleep(Duration::from_millis(700)).await;
    app.get("/kiosks", Some(&token.secret))
        .await
        .expect::<serde_json::Value>(StatusCode::OK);
    tokio::time::sleep(Duration::from_millis(200)).await;
    assert_eq!(last_used().await, Some(made_at));

    // A minute on, the use is written again.
    let later = made_at + TimeDelta::seconds(61);
    app.set_time(later);
    app.get("/kiosks", Some(&token.secret))
        .await
        .expect::<serde_json::Value>(StatusCode::OK);
    wait_for(later).await;
}

#[tokio::test]
async fn revoking_an_unknown_token_fails_and_revoking_twice_keeps_the_first_time() {
    let app = spawn_app().await;
    let command = command_store(&app).await;
    match command.revoke_token(999, app.clock_now()).await {
        Err(StoreError::UnknownToken(999)) => {}
        other => panic!("revoking token 999 gave {other:?}"),
    }
    let first = app.clock_now();
    let once = command.revoke_token(2, first).await.expect("revoke");
    assert_eq!(once.revoked_at, Some(first));
    let twice = command
        .revoke_token(2, first + TimeDelta::hours(1))
        .await
        .expect("revoke again");
    assert_eq!(twice.revoked_at, Some(first));
    // Token 2 is the Ba Đình kiosk's: refused now.
    app.get(&format!("/offices/{BA_DINH}/queues"), Some(&app.kiosk))
        .await
        .expect_error(StatusCode::UNAUTHORIZED, "unauthorized");
}

#[tokio::test]
async fn tokens_made_before_they_had_ids_get_their_row_number_and_keep_working() {
    // A database as the central before tokens had ids left it: migrations up to 0007.
    let dir = tempfile::tempdir().expect("temporary directory");
    let old_migrations = dir.path().join("migrations");
    std::fs::create_dir(&old_migrations).expect("a folder for the old migrations");
    let current = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("migrations");
    for entry in std::fs::read_dir(&current).expect("the migrations") {
        let path = entry.expect("a migration").path();
        let name = path
            .file_name()
            .expect("a name")
            .to_string_lossy()
            .into_owned();
        if name.as_str() < "0008" {
            std::fs::copy(&path, old_migrations.join(&name)).expect("copy a migration");
        }
    }
    let url = format!("sqlite://{}", dir.path().join("old.db").display());
    let options = <sqlx::sqlite::SqliteConnectOptions as std::str::FromStr>::from_str(&url)
        .expect("a database URL")
        .create_if_missing(true);
    let db = sqlx::SqlitePool::connect_with(options)
        .await
        .expect("create the old database");
    sqlx::migrate::Migrator::new(old_migrations.as_path())
        .await
        .expect("read the old migrations")
        .run(&db)
        .await
        .expect("migrate to 0007");
    for secret in ["admin_first", "admin_second"] {
        sqlx::query(
            "INSERT INTO tokens (hash, role, office, counter, created_at)
             VALUES (?, 'admin', NULL, NULL, '2026-11-01T02:00:00.000000Z')",
        )
        .bind(central::access::token_hash(secret))
        .execute(&db)
        .await
        .expect("a token of the old kind");
    }
    db.close().await;

    let store = SqliteStore::open(&url).await.expect("open and migrate");
    let tokens = store.tokens().await.expect("list");
    let ids: Vec<i64> = tokens.iter().map(|t| t.id).collect();
    assert_eq!(ids, [1, 2]);
    assert!(tokens
        .iter()
        .all(|t| t.label.is_none() && t.expires_at.is_none() && t.revoked_at.is_none()));
    let now = "2026-12-02T02:00:00Z".parse().expect("a time");
    let grant = store
        .token_for_hash(&central::access::token_hash("admin_second"), now)
        .await
        .expect("look up")
        .expect("an old token still works");
    assert_eq!((grant.id, grant.role), (2, Role::Admin));
    // New tokens follow on.
    let next = store
        .create_token_with(&Role::Admin, &TokenTerms::default(), now)
        .await
        .expect("create");
    assert_eq!(next.id, 3);
}
