//! The files in `deploy/` that run the central stay true to it: the systemd unit's command
//! line is one `central serve` knows, and the real binary starts with it, logs as it says
//! and stops within the unit's stop timeout; the unit keeps its hardening; both proxies send
//! to the unit's address, pass every event stream the API has unbuffered, and take the
//! largest body the central takes.

use std::collections::BTreeSet;
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::PathBuf;
use std::process::Command;
use std::time::Duration;

use central::http::events::KEEP_ALIVE;
use central::http::fleet::PROFILE_BODY_LIMIT;
use central::http::openapi::ApiDoc;
use central::http::serve::SHUTDOWN_GRACE;
use utoipa::OpenApi;

#[path = "common/process.rs"]
#[allow(dead_code)] // this file starts the server its own way and makes no token
mod process;

use process::CENTRAL;

/// A file of the repository's `deploy/` folder.
fn deploy(name: &str) -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../deploy")
        .join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The `Key=value` settings of a unit file in order, continued lines joined, comments and
/// section headers left out.
fn unit_settings(text: &str) -> Vec<(String, String)> {
    let mut settings = Vec::new();
    let mut pending = String::new();
    for line in text.lines() {
        let line = line.trim();
        if pending.is_empty() && (line.starts_with('#') || line.starts_with('[')) {
            continue;
        }
        match line.strip_suffix('\\') {
            Some(start) => {
                pending.push_str(start);
                pending.push(' ');
            }
            None => {
                pending.push_str(line);
                if let Some((key, value)) = pending.split_once('=') {
                    settings.push((key.trim().to_owned(), value.trim().to_owned()));
                }
                pending.clear();
            }
        }
    }
    settings
}

/// Every value the unit gives `key`.
fn values<'a>(settings: &'a [(String, String)], key: &str) -> Vec<&'a str> {
    settings
        .iter()
        .filter(|(k, _)| k == key)
        .map(|(_, v)| v.as_str())
        .collect()
}

/// The one value the unit gives `key`.
fn value<'a>(settings: &'a [(String, String)], key: &str) -> &'a str {
    match values(settings, key)[..] {
        [one] => one,
        ref many => panic!("the unit sets {key} {} times: {many:?}", many.len()),
    }
}

/// The value after `--flag` in a command line.
fn argument<'a>(words: &[&'a str], flag: &str) -> &'a str {
    let at = words
        .iter()
        .position(|w| *w == flag)
        .unwrap_or_else(|| panic!("ExecStart has no {flag}"));
    words.get(at + 1).copied().unwrap_or_default()
}

/// A systemd or nginx time span in seconds: `6`, `6s`, `60s`, `1m`.
fn seconds(text: &str) -> u64 {
    let text = text.trim();
    let (number, factor) = match text.strip_suffix('m') {
        Some(n) => (n, 60),
        None => (text.trim_end_matches('s'), 1),
    };
    number.parse::<u64>().expect("a whole number of seconds") * factor
}

/// A size as nginx (`128k`) or Caddy (`128KiB`, `128KB`) writes it, in bytes.
fn bytes(text: &str) -> usize {
    let split = text
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(text.len());
    let (number, unit) = text.split_at(split);
    let factor = match unit {
        "" => 1,
        "k" | "K" | "KiB" => 1024,
        "KB" => 1000,
        "m" | "M" | "MiB" => 1024 * 1024,
        "MB" => 1_000_000,
        other => panic!("unknown size unit {other:?} in {text:?}"),
    };
    number.parse::<usize>().expect("a size") * factor
}

/// The text between the braces that follow `opener` in a configuration file.
fn block<'a>(text: &'a str, opener: &str) -> &'a str {
    let start = text
        .find(opener)
        .unwrap_or_else(|| panic!("no `{opener}` block"))
        + opener.len();
    let body = &text[start..];
    let open = body.find('{').expect("an opening brace") + 1;
    let mut depth = 1;
    for (i, c) in body[open..].char_indices() {
        match c {
            '{' => depth += 1,
            '}' if depth == 1 => return &body[open..open + i],
            '}' => depth -= 1,
            _ => {}
        }
    }
    panic!("the `{opener}` block is not closed")
}

/// The directive lines of a configuration text, comments left out.
fn directives(text: &str) -> Vec<&str> {
    text.lines()
        .map(|l| l.split('#').next().unwrap_or_default().trim())
        .filter(|l| !l.is_empty())
        .collect()
}

/// The words after `name` on the first directive line that starts with it.
fn directive<'a>(lines: &[&'a str], name: &str) -> &'a str {
    lines
        .iter()
        .find_map(|l| {
            l.strip_prefix(name)
                .filter(|rest| rest.starts_with([' ', '\t']))
        })
        .unwrap_or_else(|| panic!("no `{name}` directive"))
        .trim()
        .trim_end_matches(';')
        .trim()
}

/// The API's event-stream paths as the world sees them, from the OpenAPI document.
fn event_stream_paths() -> Vec<String> {
    let doc = serde_json::to_value(ApiDoc::openapi()).expect("the OpenAPI document");
    let prefix = doc["servers"][0]["url"].as_str().expect("a server URL");
    let paths: Vec<String> = doc["paths"]
        .as_object()
        .expect("paths")
        .iter()
        .filter(|(_, item)| {
            item["get"]["responses"]["200"]["content"]
                .get("text/event-stream")
                .is_some()
        })
        .map(|(path, _)| format!("{prefix}{path}"))
        .collect();
    assert!(!paths.is_empty(), "the API has no event stream");
    paths
}

/// `/api/v1/offices/{office}/events` as the nginx location that matches it.
fn nginx_location(path: &str) -> String {
    let pattern: Vec<String> = path
        .split('/')
        .map(|part| {
            if part.starts_with('{') {
                "[^/]+".to_owned()
            } else {
                part.to_owned()
            }
        })
        .collect();
    format!("location ~ ^{}$", pattern.join("/"))
}

/// A GET with `Connection: close` on a plain socket: the answer's status, or `None` when
/// nothing answers.
fn get_status(url: &str) -> Option<u16> {
    let rest = url.strip_prefix("http://")?;
    let (host, path) = rest.split_at(rest.find('/')?);
    let mut stream = TcpStream::connect(host).ok()?;
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .ok()?;
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"
    )
    .ok()?;
    let mut answer = String::new();
    stream.read_to_string(&mut answer).ok()?;
    answer.split_whitespace().nth(1)?.parse().ok()
}

/// The unit's settings and its command line's words.
fn unit() -> (Vec<(String, String)>, Vec<String>) {
    let settings = unit_settings(&deploy("lobby-central.service"));
    let words = value(&settings, "ExecStart")
        .split_whitespace()
        .map(str::to_owned)
        .collect();
    (settings, words)
}

#[test]
fn the_units_flags_are_ones_central_serve_knows() {
    let (settings, words) = unit();
    let words: Vec<&str> = words.iter().map(String::as_str).collect();
    assert!(
        words[0].ends_with("/central"),
        "ExecStart runs {}",
        words[0]
    );
    assert_eq!(words[1], "serve", "ExecStart runs `central {}`", words[1]);

    let help = Command::new(CENTRAL)
        .args(["serve", "--help"])
        .output()
        .expect("run central serve --help");
    assert!(help.status.success());
    let known: BTreeSet<String> = String::from_utf8_lossy(&help.stdout)
        .split_whitespace()
        .filter(|w| w.starts_with("--"))
        .map(|w| {
            w.chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '-')
                .collect()
        })
        .collect();
    for flag in [
        "--db",
        "--listen",
        "--public-url",
        "--max-streams-per-address",
    ] {
        assert!(known.contains(flag), "`serve --help` lists no {flag}");
    }
    let used: Vec<&str> = words
        .iter()
        .filter(|w| w.starts_with("--"))
        .map(|w| w.split('=').next().unwrap_or_default())
        .collect();
    for flag in &used {
        assert!(
            known.contains(*flag),
            "the unit passes {flag}, which `central serve` does not know (it knows {known:?})"
        );
    }
    for flag in [
        "--max-streams-per-address",
        "--header-timeout",
        "--max-connections",
        "--log-format",
        "--access-log",
    ] {
        assert!(used.contains(&flag), "the unit does not set {flag}");
    }

    // The database is in the state directory, the server only on the loopback, behind TLS.
    let state = value(&settings, "StateDirectory");
    let db = argument(&words, "--db");
    assert!(
        db.starts_with(&format!("sqlite:///var/lib/{state}/")),
        "--db {db} is not in the state directory /var/lib/{state}"
    );
    let listen: SocketAddr = argument(&words, "--listen").parse().expect("--listen");
    assert!(listen.ip().is_loopback(), "--listen {listen}");
    assert!(argument(&words, "--public-url").starts_with("https://"));
    assert_eq!(argument(&words, "--log-format"), "json");
}

#[test]
fn the_real_central_starts_with_the_units_command_line_and_stops_in_its_timeout() {
    let (settings, words) = unit();
    let dir = tempfile::tempdir().expect("temporary directory");
    let log_path = dir.path().join("central.log");
    // The unit's arguments, with a database and a port of this test's own.
    let mut args: Vec<String> = words[1..].to_vec();
    for (flag, own) in [
        (
            "--db",
            format!("sqlite://{}", dir.path().join("central.db").display()),
        ),
        ("--listen", "127.0.0.1:0".to_owned()),
    ] {
        let at = args.iter().position(|a| a == flag).expect(flag);
        args[at + 1] = own;
    }
    let mut command = Command::new(CENTRAL);
    command.args(&args).env_remove("RUST_LOG");
    let server = process::Server::launch(command, &log_path);
    let health = get_status(&server.api("/health"));
    let limit = Duration::from_secs(seconds(value(&settings, "TimeoutStopSec")));
    let status = server.terminate_within(limit).unwrap_or_else(|| {
        panic!("still running {limit:?} after SIGTERM: systemd would SIGKILL it")
    });
    assert!(status.success(), "exit after SIGTERM: {status}");
    assert_eq!(health, Some(200), "GET /api/v1/health");

    // --log-format json and --access-log: every line is JSON, and the request has its line.
    let log = std::fs::read_to_string(&log_path).expect("the log");
    let lines: Vec<serde_json::Value> = log
        .lines()
        .map(|l| {
            serde_json::from_str(l).unwrap_or_else(|_| panic!("a log line that is not JSON: {l}"))
        })
        .collect();
    assert!(
        lines.iter().any(|l| l["target"] == "central::request"
            && l["route"] == "/api/v1/health"
            && l["status"] == 200),
        "no request line for the health check in:\n{log}"
    );
}

#[test]
fn the_unit_keeps_its_hardening() {
    let (settings, _) = unit();
    for (key, expected) in [
        ("User", "lobby-central"),
        ("StateDirectory", "lobby-central"),
        ("StateDirectoryMode", "0700"),
        ("UMask", "0077"),
        ("NoNewPrivileges", "yes"),
        ("CapabilityBoundingSet", ""),
        ("ProtectSystem", "strict"),
        ("ProtectHome", "yes"),
        ("PrivateTmp", "yes"),
        ("PrivateDevices", "yes"),
        ("ProtectKernelTunables", "yes"),
        ("ProtectKernelModules", "yes"),
        ("ProtectControlGroups", "yes"),
        ("RestrictAddressFamilies", "AF_INET AF_INET6 AF_UNIX"),
        ("RestrictNamespaces", "yes"),
        ("LockPersonality", "yes"),
        ("MemoryDenyWriteExecute", "yes"),
        ("LimitNOFILE", "65536"),
        ("Restart", "on-failure"),
        ("KillSignal", "SIGTERM"),
    ] {
        assert_eq!(value(&settings, key), expected, "{key}");
    }
    assert!(
        values(&settings, "SystemCallFilter").contains(&"@system-service"),
        "SystemCallFilter=@system-service"
    );
    // systemd waits a little longer than the central's own grace before it kills.
    let stop = Duration::from_secs(seconds(value(&settings, "TimeoutStopSec")));
    assert!(
        stop > SHUTDOWN_GRACE && stop <= SHUTDOWN_GRACE + Duration::from_secs(10),
        "TimeoutStopSec={stop:?} with a shutdown grace of {SHUTDOWN_GRACE:?}"
    );
}

#[test]
fn nginx_passes_event_streams_unbuffered_to_the_units_address() {
    let (_, words) = unit();
    let words: Vec<&str> = words.iter().map(String::as_str).collect();
    let listen = argument(&words, "--listen");
    let header_timeout = seconds(argument(&words, "--header-timeout"));
    let conf = deploy("nginx-lobby-central.conf");

    let upstream = directives(block(&conf, "upstream lobby_central"));
    assert_eq!(directive(&upstream, "server"), listen);
    assert!(
        seconds(directive(&upstream, "keepalive_timeout")) < header_timeout,
        "nginx keeps idle connections to the central longer than the central does"
    );

    let all = directives(&conf);
    let tls = all
        .iter()
        .position(|l| l.starts_with("listen 443 ssl"))
        .expect("a TLS server");
    let server = &all[tls..];
    assert_eq!(directive(server, "proxy_http_version"), "1.1");
    assert_eq!(directive(server, "proxy_set_header Connection"), "\"\"");
    assert!(directive(server, "proxy_set_header X-Forwarded-For").starts_with('$'));
    assert_eq!(
        directive(server, "proxy_set_header X-Forwarded-Proto"),
        "$scheme"
    );
    assert!(directive(server, "add_header Strict-Transport-Security").contains("max-age="));
    assert!(
        bytes(directive(server, "client_max_body_size")) >= PROFILE_BODY_LIMIT,
        "nginx refuses a profile the central takes ({PROFILE_BODY_LIMIT} bytes)"
    );

    for path in event_stream_paths() {
        let location = nginx_location(&path);
        let lines = directives(block(&conf, &location));
        assert_eq!(
            directive(&lines, "proxy_pass"),
            "http://lobby_central",
            "{path}"
        );
        assert_eq!(directive(&lines, "proxy_buffering"), "off", "{path}");
        assert_eq!(directive(&lines, "proxy_cache"), "off", "{path}");
        assert!(
            seconds(directive(&lines, "proxy_read_timeout")) > KEEP_ALIVE.as_secs(),
            "{path}: nginx would end an idle stream before the central's keep-alive comes"
        );
    }
}

#[test]
fn caddy_passes_event_streams_unbuffered_to_the_units_address() {
    let (_, words) = unit();
    let words: Vec<&str> = words.iter().map(String::as_str).collect();
    let listen = argument(&words, "--listen");
    let header_timeout = seconds(argument(&words, "--header-timeout"));
    let caddy = deploy("Caddyfile");

    let proxy = directives(block(&caddy, &format!("reverse_proxy {listen}")));
    assert_eq!(directive(&proxy, "flush_interval"), "-1");
    let transport = directives(block(&caddy, "transport http"));
    assert!(seconds(directive(&transport, "keepalive")) < header_timeout);
    let site = directives(&caddy);
    assert!(directive(&site, "header Strict-Transport-Security").contains("max-age="));
    let body = directives(block(&caddy, "request_body"));
    assert!(
        bytes(directive(&body, "max_size")) >= PROFILE_BODY_LIMIT,
        "Caddy refuses a profile the central takes ({PROFILE_BODY_LIMIT} bytes)"
    );
    // Nothing compresses the streams on the way.
    assert!(!site.iter().any(|l| l.starts_with("encode")));
}

#[test]
fn the_readers_read_what_they_should() {
    let settings = unit_settings("[Service]\n# c\nA=1\nExecStart=/x serve \\\n  --db y\nB=\n");
    assert_eq!(value(&settings, "ExecStart"), "/x serve  --db y");
    assert_eq!(value(&settings, "B"), "");
    assert_eq!(bytes("128k"), 131_072);
    assert_eq!(bytes("128KiB"), 131_072);
    assert_eq!(bytes("128KB"), 128_000);
    assert_eq!((seconds("6"), seconds("60s"), seconds("1m")), (6, 60, 60));
    assert_eq!(
        nginx_location("/api/v1/offices/{office}/events"),
        "location ~ ^/api/v1/offices/[^/]+/events$"
    );
    let conf = "a {\n b { c 1; }\n d 2; # e 3;\n}\n";
    assert_eq!(directives(block(conf, "a")), ["b { c 1; }", "d 2;"]);
    assert_eq!(directive(&directives(block(conf, "b")), "c"), "1");
}
