//! `central`: the central API server and its administration commands.

use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

use central::access::{parse_expiry, Role};
use central::clock::{Clock, OffsetClock, SystemClock};
use central::http::limits::RequestLimits;
use central::http::serve::{serve, Limits, FILES_FOR_THE_REST};
use central::http::{router, AppState};
use central::store::sqlite::SqliteStore;
use central::store::{Store, TokenRecord, TokenTerms};
use chrono::{DateTime, Utc};
use clap::{Parser, Subcommand, ValueEnum};

#[derive(Parser)]
#[command(
    name = "central",
    version,
    about = "Central API server for lobby kiosks"
)]
struct Cli {
    /// Database URL, e.g. `sqlite://central.db`.
    #[arg(
        long,
        env = "CENTRAL_DB",
        default_value = "sqlite://central.db",
        global = true
    )]
    db: String,
    /// How the log on standard error is written: `text`, one plain line an event (with
    /// colours on a terminal only), or `json`, one JSON object a line for log collectors.
    #[arg(
        long,
        env = "CENTRAL_LOG_FORMAT",
        value_enum,
        default_value = "text",
        global = true
    )]
    log_format: LogFormat,
    /// Writes one line per answered request (method, route template, status, time taken;
    /// never the address itself, which can hold a booking code or a ticket's id).
    #[arg(long, env = "CENTRAL_ACCESS_LOG", global = true)]
    access_log: bool,
    #[command(subcommand)]
    command: Command,
}

#[derive(Clone, Copy, ValueEnum)]
enum LogFormat {
    Text,
    Json,
}

#[derive(Subcommand)]
enum Command {
    /// Serves the JSON API.
    Serve {
        /// Address to listen on; port 0 picks a free port (printed at start).
        #[arg(long, default_value = "127.0.0.1:8080")]
        listen: String,
        /// Seeds demo offices, procedures, counters and slots into an empty database.
        #[arg(long)]
        demo: bool,
        /// Public base address used in track URLs; defaults to the listen address.
        #[arg(long)]
        public_url: Option<String>,
        /// Starts the server's clock at this instant and lets it run on in real time,
        /// for demos and tests: RFC 3339 with an offset, e.g. 2026-12-02T09:00:00+07:00.
        /// Opening hours, ticket days and check-in windows follow this clock, and
        /// --demo seeds its appointment slots relative to it.
        #[arg(long, value_name = "RFC3339", value_parser = parse_clock_start)]
        clock_start: Option<DateTime<Utc>>,
        /// Seconds a client has to send a request's headers, counted from the connection's
        /// start or from the end of its previous answer, and as long again for its body: a
        /// half-sent request and an idle keep-alive connection are both closed after it.
        #[arg(long, env = "CENTRAL_HEADER_TIMEOUT", value_name = "SECONDS",
              default_value = "10", value_parser = parse_seconds)]
        header_timeout: Duration,
        /// Open client connections at most [default: the open-files limit, raised at
        /// start as far as the system allows, less 128 for the server's own files, and
        /// at most 50000; each connection takes about 15 KiB]. At
        /// the limit a new connection closes the oldest one that has sent no request
        /// (then the oldest idle one); event streams fill at most 90% of it, so the
        /// health check, staff and kiosks always find room.
        #[arg(long, env = "CENTRAL_MAX_CONNECTIONS", value_name = "N",
              value_parser = clap::value_parser!(u64).range(1..))]
        max_connections: Option<u64>,
        /// Open event streams at most from one client address (IPv6: its /64); more are
        /// answered 429. The default fits a large lobby behind one NAT address: a hundred
        /// phones, forty counter pages and a few boards, with room for reconnects. Behind
        /// a reverse proxy every client has the proxy's address: raise it there.
        #[arg(long, env = "CENTRAL_MAX_STREAMS_PER_ADDRESS", value_name = "N",
              default_value_t = Limits::DEFAULT_STREAMS_PER_ADDRESS as u64,
              value_parser = clap::value_parser!(u64).range(1..))]
        max_streams_per_address: u64,
        /// Turns the request limits off (per token and per address: requests, numbers
        /// and bookings, check-ins, lookups, wrong booking codes). For load tests only:
        /// a lobby's real traffic stays far below them.
        #[arg(long, env = "CENTRAL_NO_REQUEST_LIMITS")]
        no_request_limits: bool,
        /// A reverse proxy in front of the central (repeat for several): from it, the
        /// client's address for the limits per address is the last one it added to
        /// X-Forwarded-For; without it every client would share the proxy's limits.
        #[arg(
            long = "trusted-proxy",
            env = "CENTRAL_TRUSTED_PROXIES",
            value_name = "IP",
            value_delimiter = ','
        )]
        trusted_proxies: Vec<std::net::IpAddr>,
    },
    /// Manages bearer tokens.
    Token {
        #[command(subcommand)]
        command: TokenCommand,
    },
}

#[derive(Subcommand)]
enum TokenCommand {
    /// Creates a token and prints it once; only its hash is kept.
    Create {
        /// Role of the token.
        #[arg(long, value_enum)]
        role: RoleArg,
        /// Office of a kiosk or staff token.
        #[arg(long)]
        office: Option<String>,
        /// Counter of a staff token, if it is for one counter.
        #[arg(long)]
        counter: Option<String>,
        /// What the token is for, shown by `token list` and in the audit log, e.g.
        /// "counter 3 tablet" (at most 80 characters; not secret).
        #[arg(long, value_parser = check_label)]
        label: Option<String>,
        /// When the token stops working: YYYY-MM-DD (it works through that day, UTC,
        /// and is refused from the next midnight UTC), an RFC 3339 time such as
        /// 2027-06-30T17:00:00+07:00, or a duration from now such as 90d, 12h, 30m, 2w.
        /// Without it the token works until revoked.
        #[arg(long, value_name = "WHEN")]
        expires: Option<String>,
    },
    /// Lists every token: id, role, office, counter, label, created, last used, expiry,
    /// revocation. Never a secret: only hashes are kept, and not shown either.
    List {
        /// One JSON array, for scripts.
        #[arg(long)]
        json: bool,
    },
    /// Revokes a token by its id (see `token list`): every central on the database
    /// refuses it within a second, without a restart.
    Revoke {
        /// The token's id.
        id: i64,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum RoleArg {
    Kiosk,
    Staff,
    Admin,
}

fn parse_clock_start(text: &str) -> Result<DateTime<Utc>, String> {
    DateTime::parse_from_rfc3339(text.trim())
        .map(|t| t.with_timezone(&Utc))
        .map_err(|e| {
            format!("{e}: write an RFC 3339 time with its offset, e.g. 2026-12-02T09:00:00+07:00")
        })
}

fn check_label(text: &str) -> Result<String, String> {
    central::access::check_label(text)
}

fn parse_seconds(text: &str) -> Result<Duration, String> {
    match text.trim().parse::<f64>() {
        Ok(seconds) if seconds > 0.0 && seconds <= 3600.0 => Ok(Duration::from_secs_f64(seconds)),
        _ => Err("write a number of seconds above 0 and at most 3600, e.g. 10 or 0.5".into()),
    }
}

fn role(arg: RoleArg, office: Option<String>, counter: Option<String>) -> Result<Role, String> {
    match (arg, office, counter) {
        (RoleArg::Kiosk, Some(office), None) => Ok(Role::Kiosk { office }),
        (RoleArg::Kiosk, _, Some(_)) => Err("a kiosk token has no counter".into()),
        (RoleArg::Staff, Some(office), counter) => Ok(Role::Staff { office, counter }),
        (RoleArg::Kiosk | RoleArg::Staff, None, _) => {
            Err("kiosk and staff tokens need --office".into())
        }
        (RoleArg::Admin, None, None) => Ok(Role::Admin),
        (RoleArg::Admin, _, _) => Err("an admin token has no office or counter".into()),
    }
}

async fn run(cli: Cli) -> Result<(), String> {
    let store = SqliteStore::open(&cli.db)
        .await
        .map_err(|e| format!("cannot open the database {}: {e}", cli.db))?;
    match cli.command {
        Command::Serve {
            listen,
            demo,
            public_url,
            clock_start,
            header_timeout,
            max_connections,
            max_streams_per_address,
            no_request_limits,
            trusted_proxies,
        } => {
            let clock: Arc<dyn Clock> = match clock_start {
                Some(start) => {
                    tracing::info!(%start, "the clock starts at the given instant");
                    Arc::new(OffsetClock::starting_at(start))
                }
                None => Arc::new(SystemClock),
            };
            if demo && store.is_empty().await.map_err(|e| e.to_string())? {
                let offices =
                    central::demo::offices(clock.now()).map_err(|e| format!("demo data: {e}"))?;
                store
                    .seed(&offices)
                    .await
                    .map_err(|e| format!("seeding demo data: {e}"))?;
                tracing::info!(offices = offices.len(), "seeded demo data");
            }
            // Each board and phone following the lobby holds a connection open: use
            // every file the system allows this process, not the usual soft 1,024.
            let files = match rlimit::increase_nofile_limit(u64::MAX) {
                Ok(files) => files,
                Err(error) => {
                    tracing::warn!(%error, "the open-files limit stays as it was");
                    rlimit::getrlimit(rlimit::Resource::NOFILE).map_or(1024, |(soft, _)| soft)
                }
            };
            let fitting =
                usize::try_from(files.saturating_sub(FILES_FOR_THE_REST)).unwrap_or(usize::MAX);
            let limits = Limits {
                header_timeout,
                max_connections: max_connections
                    .map_or(Limits::connections_for_open_files(files), |n| {
                        usize::try_from(n).unwrap_or(usize::MAX)
                    }),
                streams_per_address: usize::try_from(max_streams_per_address).unwrap_or(usize::MAX),
            };
            if limits.max_connections > fitting {
                tracing::warn!(
                    files,
                    max_connections = limits.max_connections,
                    "more connections are allowed than open files: accepts will fail before the limit"
                );
            }
            tracing::info!(
                files,
                max_connections = limits.max_connections,
                max_streams = limits.max_streams(),
                streams_per_address = limits.streams_per_address,
                header_timeout_ms =
                    u64::try_from(limits.header_timeout.as_millis()).unwrap_or(u64::MAX),
                "connection limits"
            );
            let listener = tokio::net::TcpListener::bind(&listen)
                .await
                .map_err(|e| format!("cannot listen on {listen}: {e}"))?;
            let address = listener.local_addr().map_err(|e| e.to_string())?;
            let state = AppState::new(
                Arc::new(store),
                clock,
                public_url
                    .unwrap_or_else(|| format!("http://{address}"))
                    .trim_end_matches('/')
                    .to_owned(),
            );
            let mut request_limits = if no_request_limits {
                tracing::warn!("request limits are off: for load tests only");
                RequestLimits::none()
            } else {
                RequestLimits::lobby()
            };
            request_limits.trusted_proxies = trusted_proxies;
            let state = state.with_limits(request_limits);
            println!("listening on http://{address}");
            // Event streams never end by themselves: they are told to when shutdown starts.
            let lobby = state.lobby.clone();
            let shutdown = async move {
                shutdown_signal().await;
                tracing::info!("shutting down");
                lobby.close();
            };
            serve(listener, router(state), limits, shutdown)
                .await
                .map_err(|e| e.to_string())
        }
        Command::Token { command } => token_command(&store, command).await,
    }
}

async fn token_command(store: &SqliteStore, command: TokenCommand) -> Result<(), String> {
    let now = SystemClock.now();
    match command {
        TokenCommand::Create {
            role: arg,
            office,
            counter,
            label,
            expires,
        } => {
            let role = role(arg, office, counter)?;
            let expires_at = expires
                .map(|text| parse_expiry(&text, now).map_err(|e| format!("--expires: {e}")))
                .transpose()?;
            let terms = TokenTerms { label, expires_at };
            let token = store
                .create_token_with(&role, &terms, now)
                .await
                .map_err(|e| format!("cannot create the token: {e}"))?;
            // The secret alone goes to standard output, as scripts read it.
            println!("{}", token.secret);
            let expiry = expires_at.map_or("never expires".into(), |at| {
                format!("expires {}", rfc3339(at))
            });
            eprintln!(
                "token {} created ({}, {expiry}); its secret is shown only this once",
                token.id,
                role_text(&role)
            );
            Ok(())
        }
        TokenCommand::List { json } => {
            let tokens = store
                .tokens()
                .await
                .map_err(|e| format!("cannot read the tokens: {e}"))?;
            if json {
                let rows: Vec<TokenRow> = tokens.iter().map(token_row).collect();
                println!(
                    "{}",
                    serde_json::to_string_pretty(&rows).map_err(|e| e.to_string())?
                );
            } else {
                print!("{}", token_table(&tokens));
            }
            Ok(())
        }
        TokenCommand::Revoke { id } => {
            let known = store.tokens().await.map_err(|e| e.to_string())?;
            let Some(before) = known.iter().find(|t| t.id == id) else {
                return Err(format!(
                    "no token {id}: `central token list` shows the tokens and their ids"
                ));
            };
            if let Some(at) = before.revoked_at {
                println!("token {id} was already revoked at {}", rfc3339(at));
                return Ok(());
            }
            let revoked = store
                .revoke_token(id, now)
                .await
                .map_err(|e| format!("cannot revoke token {id}: {e}"))?;
            println!(
                "token {id} ({}) revoked at {}; every central on this database refuses it within a second",
                role_text(&revoked.role),
                revoked.revoked_at.map_or_else(String::new, rfc3339)
            );
            Ok(())
        }
    }
}

fn rfc3339(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

fn role_text(role: &Role) -> String {
    match role {
        Role::Kiosk { office } => format!("kiosk of office {office}"),
        Role::Staff {
            office,
            counter: None,
        } => format!("staff of office {office}"),
        Role::Staff {
            office,
            counter: Some(counter),
        } => format!("staff of counter {counter}, office {office}"),
        Role::Admin => "admin".into(),
    }
}

fn role_office_counter(role: &Role) -> (&'static str, Option<&str>, Option<&str>) {
    match role {
        Role::Kiosk { office } => ("kiosk", Some(office), None),
        Role::Staff { office, counter } => ("staff", Some(office), counter.as_deref()),
        Role::Admin => ("admin", None, None),
    }
}

/// A line of `token list --json`.
#[derive(serde::Serialize)]
struct TokenRow<'a> {
    id: i64,
    role: &'static str,
    office: Option<&'a str>,
    counter: Option<&'a str>,
    label: Option<&'a str>,
    created_at: String,
    last_used_at: Option<String>,
    expires_at: Option<String>,
    revoked_at: Option<String>,
}

fn token_row(token: &TokenRecord) -> TokenRow<'_> {
    let (role, office, counter) = role_office_counter(&token.role);
    TokenRow {
        id: token.id,
        role,
        office,
        counter,
        label: token.label.as_deref(),
        created_at: rfc3339(token.created_at),
        last_used_at: token.last_used_at.map(rfc3339),
        expires_at: token.expires_at.map(rfc3339),
        revoked_at: token.revoked_at.map(rfc3339),
    }
}

/// The tokens as a plain table, one line each, columns padded to their widest cell.
fn token_table(tokens: &[TokenRecord]) -> String {
    let time = |at: Option<DateTime<Utc>>| at.map_or("-".into(), rfc3339);
    let mut rows = vec![[
        "ID",
        "ROLE",
        "OFFICE",
        "COUNTER",
        "LABEL",
        "CREATED",
        "LAST USED",
        "EXPIRES",
        "REVOKED",
    ]
    .map(String::from)];
    for token in tokens {
        let (role, office, counter) = role_office_counter(&token.role);
        rows.push([
            token.id.to_string(),
            role.into(),
            office.unwrap_or("-").into(),
            counter.unwrap_or("-").into(),
            token.label.clone().unwrap_or_else(|| "-".into()),
            rfc3339(token.created_at),
            time(token.last_used_at),
            time(token.expires_at),
            time(token.revoked_at),
        ]);
    }
    let mut widths = [0; 9];
    for row in &rows {
        for (width, cell) in widths.iter_mut().zip(row) {
            *width = (*width).max(cell.chars().count());
        }
    }
    let mut out = String::new();
    for row in &rows {
        let cells: Vec<String> = row
            .iter()
            .zip(widths)
            .map(|(cell, width)| format!("{cell:<width$}"))
            .collect();
        out.push_str(cells.join("  ").trim_end());
        out.push('\n');
    }
    out
}

async fn shutdown_signal() {
    let ctrl_c = tokio::signal::ctrl_c();
    #[cfg(unix)]
    {
        let mut term = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
            .expect("SIGTERM handler");
        tokio::select! { _ = ctrl_c => {}, _ = term.recv() => {} }
    }
    #[cfg(not(unix))]
    let _ = ctrl_c.await;
}

/// The log: `RUST_LOG` when set, else the central's own events from `info` up, and the
/// request lines when asked for.
fn start_log(format: LogFormat, access_log: bool) {
    use std::io::IsTerminal;
    let default = if access_log {
        "central=info"
    } else {
        "central=info,central::request=off"
    };
    let filter =
        tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| default.into());
    let log = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr);
    match format {
        LogFormat::Text => log.with_ansi(std::io::stderr().is_terminal()).init(),
        LogFormat::Json => log.json().flatten_event(true).init(),
    }
}

#[tokio::main]
async fn main() -> ExitCode {
    let cli = Cli::parse();
    start_log(cli.log_format, cli.access_log);
    match run(cli).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("central: {message}");
            ExitCode::FAILURE
        }
    }
}
