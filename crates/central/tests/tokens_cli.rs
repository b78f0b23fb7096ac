//! `central token create --label --expires`, `token list` and `token revoke`, run as
//! the real binary against a running `central serve` on the same database.

use std::process::{Command, Output};
use std::time::{Duration, Instant};

use reqwest::StatusCode;

const OFFICE: &str = "hn-ba-dinh";

#[path = "common/process.rs"]
mod process;

use process::{create_token, Server, CENTRAL};

fn central(db: &str, args: &[&str]) -> Output {
    Command::new(CENTRAL)
        .args(["--db", db])
        .args(args)
        .output()
        .expect("run central")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// `token create` with `args` after `--role`: the secret (stdout) and the id (from
/// the line on stderr).
fn create(db: &str, args: &[&str]) -> (String, i64) {
    let output = central(db, &[&["token", "create", "--role"], args].concat());
    assert!(output.status.success(), "{}", text(&output.stderr));
    let stdout = text(&output.stdout);
    let secret = stdout.trim().to_owned();
    assert_eq!(
        stdout.lines().count(),
        1,
        "only the secret on stdout: {stdout:?}"
    );
    let stderr = text(&output.stderr);
    let id = stderr
        .lines()
        .find_map(|line| line.strip_prefix("token "))
        .and_then(|rest| rest.split_whitespace().next())
        .and_then(|id| id.parse().ok())
        .unwrap_or_else(|| panic!("no `token ID created` line: {stderr}"));
    assert!(stderr.contains("shown only this once"), "{stderr}");
    (secret, id)
}

async fn status(server: &Server, path: &str, token: &str) -> StatusCode {
    reqwest::Client::new()
        .get(server.api(path))
        .bearer_auth(token)
        .timeout(Duration::from_secs(30))
        .send()
        .await
        .expect("the server answers")
        .status()
}

/// The log without terminal colour codes.
fn plain_text(log: &str) -> String {
    let mut out = String::with_capacity(log.len());
    let mut chars = log.chars();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' {
            // CSI: ESC [ parameters, then a final letter.
            for c in chars.by_ref() {
                if c.is_ascii_alphabetic() {
                    break;
                }
            }
        } else {
            out.push(c);
        }
    }
    out
}

fn list_json(db: &str) -> Vec<serde_json::Value> {
    let output = central(db, &["token", "list", "--json"]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    serde_json::from_slice(&output.stdout).expect("token list --json is JSON")
}

#[tokio::test]
async fn tokens_are_made_listed_and_revoked_from_the_command_line_while_a_central_runs() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let db = format!("sqlite://{}", dir.path().join("c.db").display());
    let server = Server::start(&db, &dir.path().join("central.log"), &[], "central=info");

    // The form scripts use still prints the bare secret.
    let plain = create_token(&db, &["kiosk", "--office", OFFICE]);
    assert!(plain.starts_with("kiosk_"), "{plain}");
    let (staff, staff_id) = create(
        &db,
        &[
            "staff",
            "--office",
            OFFICE,
            "--counter",
            "hn-ba-dinh-q3",
            "--label",
            "Quầy 3 tablet",
            "--expires",
            "2099-12-31",
        ],
    );
    let (admin, admin_id) = create(&db, &["admin", "--label", "IT desk", "--expires", "90d"]);
    assert_eq!((staff_id, admin_id), (2, 3));

    assert_eq!(status(&server, "/counters", &staff).await, StatusCode::OK);
    assert_eq!(status(&server, "/kiosks", &admin).await, StatusCode::OK);

    // An admin change says in the log which token made it, by id and label.
    let changed = reqwest::Client::new()
        .put(server.api(&format!("/offices/{OFFICE}/calendar")))
        .bearer_auth(&admin)
        .json(&serde_json::json!({
            "opening_hours": [{ "weekdays": [1, 2, 3, 4, 5], "opens": "07:30", "closes": "17:00" }],
            "closed_days": []
        }))
        .send()
        .await
        .expect("the server answers");
    assert_eq!(changed.status(), StatusCode::OK);
    let log = plain_text(&std::fs::read_to_string(dir.path().join("central.log")).expect("log"));
    let line = log
        .lines()
        .find(|l| l.contains("admin change"))
        .unwrap_or_else(|| panic!("no admin change in the log:\n{log}"));
    assert!(line.contains(&format!("token_id={admin_id}")), "{line}");
    assert!(line.contains("IT desk"), "{line}");
    assert!(
        line.contains(&format!("calendar replaced for office {OFFICE}")),
        "{line}"
    );
    assert!(
        !log.contains(admin.split_once('_').unwrap().1),
        "a secret is in the log"
    );

    // The table: a header, one line per token, labels and expiry; no secret, no hash.
    let output = central(&db, &["token", "list"]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    let table = text(&output.stdout);
    let lines: Vec<&str> = table.lines().collect();
    assert_eq!(lines.len(), 4, "{table}");
    for column in [
        "ID",
        "ROLE",
        "OFFICE",
        "COUNTER",
        "LABEL",
        "CREATED",
        "LAST USED",
        "EXPIRES",
        "REVOKED",
    ] {
        assert!(lines[0].contains(column), "no {column} column: {table}");
    }
    assert!(
        lines[2].starts_with("2 ") && lines[2].contains("staff"),
        "{table}"
    );
    assert!(
        lines[2].contains("Quầy 3 tablet") && lines[2].contains("hn-ba-dinh-q3"),
        "{table}"
    );
    assert!(
        lines[2].contains("2100-01-01T00:00:00Z"),
        "end of 31 December UTC: {table}"
    );
    assert!(lines[3].contains("IT desk"), "{table}");
    for secret in [&plain, &staff, &admin] {
        let hex = secret.split_once('_').expect("role prefix").1;
        assert!(!table.contains(hex), "a secret is listed: {table}");
        assert!(
            !table.contains(&central::access::token_hash(secret)),
            "a hash is listed"
        );
    }

    // Machines read JSON; the last use the server noted shows there.
    let start = Instant::now();
    let staff_row = loop {
        let rows = list_json(&db);
        let row = rows
            .into_iter()
            .find(|r| r["id"] == staff_id)
            .expect("the staff token is listed");
        if row["last_used_at"].is_string() || start.elapsed() > Duration::from_secs(5) {
            break row;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    };
    assert!(staff_row["last_used_at"].is_string(), "{staff_row}");
    assert_eq!(staff_row["label"], "Quầy 3 tablet");
    assert_eq!(staff_row["role"], "staff");
    assert_eq!(staff_row["office"], OFFICE);
    assert_eq!(staff_row["counter"], "hn-ba-dinh-q3");
    assert_eq!(staff_row["expires_at"], "2100-01-01T00:00:00Z");
    assert_eq!(staff_row["revoked_at"], serde_json::Value::Null);
    let row_text = staff_row.to_string();
    assert!(
        !row_text.contains(staff.split_once('_').unwrap().1),
        "{row_text}"
    );

    // Revoked by one process, refused by the running server within a second.
    let output = central(&db, &["token", "revoke", &staff_id.to_string()]);
    let revoked_at = Instant::now();
    assert!(output.status.success(), "{}", text(&output.stderr));
    assert!(
        text(&output.stdout).contains(&format!("token {staff_id}")),
        "{}",
        text(&output.stdout)
    );
    while status(&server, "/counters", &staff).await != StatusCode::UNAUTHORIZED {
        assert!(
            revoked_at.elapsed() <= Duration::from_secs(1),
            "the running central still accepts the revoked token after a second"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    assert_eq!(status(&server, "/kiosks", &admin).await, StatusCode::OK);
    let row = list_json(&db)
        .into_iter()
        .find(|r| r["id"] == staff_id)
        .expect("a revoked token stays listed");
    assert!(row["revoked_at"].is_string(), "{row}");

    // Again: said, and no failure.
    let again = central(&db, &["token", "revoke", &staff_id.to_string()]);
    assert!(again.status.success(), "{}", text(&again.stderr));
    assert!(
        text(&again.stdout).contains("already revoked"),
        "{}",
        text(&again.stdout)
    );

    // An unknown id fails clearly.
    let unknown = central(&db, &["token", "revoke", "99"]);
    assert!(!unknown.status.success());
    let message = text(&unknown.stderr);
    assert!(
        message.contains("no token 99") && message.contains("token list"),
        "{message}"
    );
    let not_a_number = central(&db, &["token", "revoke", "tok_x"]);
    assert!(!not_a_number.status.success());
    drop(server);
}

#[tokio::test]
async fn a_token_that_expires_is_refused_from_then_on() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let db = format!("sqlite://{}", dir.path().join("c.db").display());
    let server = Server::start(&db, &dir.path().join("central.log"), &[], "central=info");
    let made = Instant::now();
    let (kiosk, _) = create(&db, &["kiosk", "--office", OFFICE, "--expires", "3s"]);
    let path = format!("/offices/{OFFICE}/queues");
    assert_eq!(status(&server, &path, &kiosk).await, StatusCode::OK);
    assert!(
        made.elapsed() < Duration::from_secs(3),
        "too slow to see it work"
    );
    tokio::time::sleep(Duration::from_secs(3).saturating_sub(made.elapsed())).await;
    tokio::time::sleep(Duration::from_millis(100)).await;
    assert_eq!(
        status(&server, &path, &kiosk).await,
        StatusCode::UNAUTHORIZED
    );
}

#[test]
fn bad_expiries_and_labels_are_refused_with_the_rule() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let db = format!("sqlite://{}", dir.path().join("c.db").display());
    for (args, expected) in [
        (&["--expires", "yesterday"][..], "90d"),
        (&["--expires", "2020-01-01"][..], "already past"),
        (&["--expires", "0d"][..], "duration"),
        (&["--label", ""][..], "empty"),
        (&["--label", "a\u{202e}b"][..], "U+202E"),
    ] {
        let output = central(
            &db,
            &[&["token", "create", "--role", "admin"], args].concat(),
        );
        assert!(!output.status.success(), "{args:?} was accepted");
        let message = text(&output.stderr);
        assert!(message.contains(expected), "{args:?}: {message}");
        assert!(output.stdout.is_empty(), "{args:?} printed a token");
    }
    let rows = list_json(&db);
    assert!(rows.is_empty(), "a refused token was made: {rows:?}");
}
