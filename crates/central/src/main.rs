//! `central`: the central API server and its administration commands.

use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

use central::access::Role;
use central::clock::{Clock, OffsetClock, SystemClock};
use central::http::limits::RequestLimits;
use central::http::serve::{serve, Limits, FILES_FOR_THE_REST};
use central::http::{router, AppState};
use central::store::sqlite::SqliteStore;
use central::store::Store;
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
    #[command(subcommand)]
    command: Command,
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
        Command::Token {
            command:
                TokenCommand::Create {
                    role: arg,
                    office,
                    counter,
                },
        } => {
            let role = role(arg, office, counter)?;
            let token = store
                .create_token(&role, SystemClock.now())
                .await
                .map_err(|e| format!("cannot create the token: {e}"))?;
            println!("{token}");
            Ok(())
        }
    }
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

#[tokio::main]
async fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| "central=info".into()),
        )
        .with_writer(std::io::stderr)
        .init();
    match run(Cli::parse()).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("central: {message}");
            ExitCode::FAILURE
        }
    }
}
