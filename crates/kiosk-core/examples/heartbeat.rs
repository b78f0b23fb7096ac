//! A kiosk without a window: registers with the central, sends heartbeats and applies the
//! profile assigned to it at once, printing what it runs. It shows the calls the app makes,
//! and plays a kiosk for trying the IT console at `/admin` by hand:
//!
//! ```text
//! cargo run -p kiosk-core --example heartbeat -- profiles/demo.toml [SECONDS]
//! ```

use std::path::PathBuf;
use std::time::{Duration, Instant};

use kiosk_core::client::CentralClient;
use kiosk_core::fleet::{printer_code, KioskStatus, Offer, ProfileSync, HEARTBEAT_SECONDS};
use kiosk_core::profile::Profile;

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), String> {
    let mut args = std::env::args().skip(1);
    let path = PathBuf::from(args.next().ok_or("usage: heartbeat PROFILE [SECONDS]")?);
    let every = match args.next() {
        Some(s) => s
            .parse()
            .map_err(|_| format!("{s:?} is not a number of seconds"))?,
        None => HEARTBEAT_SECONDS,
    };
    let started = Instant::now();
    let profile = Profile::load(&path).map_err(|e| e.to_string())?;
    let client = CentralClient::new(profile.central_url.clone(), &profile.office, &profile.token)
        .map_err(|e| e.to_string())?;

    // At start: the profile kept from the central, if any, else the file's own settings.
    let sync = ProfileSync::open(&profile);
    let mut running = profile.clone();
    apply(&sync, &mut running);
    let name = format!("{}-{}", profile.office, std::process::id());
    if let Err(e) = sync
        .register(&client, &name, env!("CARGO_PKG_VERSION"))
        .await
    {
        println!("central away ({e}); running what was kept");
    }

    loop {
        // No visitor here: whatever is ready is applied at once.
        apply(&sync, &mut running);
        let status = KioskStatus {
            app_version: env!("CARGO_PKG_VERSION").into(),
            printer: printer_code(None).into(),
            last_error: None,
            uptime_seconds: started.elapsed().as_secs(),
        };
        match sync.heartbeat(&client, &status).await {
            Ok(Offer::Nothing) => {}
            Ok(offer) => println!("central: {offer:?}"),
            Err(e) => println!("heartbeat failed: {e}"),
        }
        apply(&sync, &mut running);
        tokio::time::sleep(Duration::from_secs(every)).await;
    }
}

fn apply(sync: &ProfileSync, running: &mut Profile) {
    if let Some(ready) = sync.take_ready() {
        *running = running.with_settings(ready.settings);
        match ready.from {
            Some((id, version)) => println!(
                "running profile {id} v{version}: idle timeout {} s",
                running.idle_timeout_seconds
            ),
            None => println!("running the file's own settings"),
        }
    }
}
