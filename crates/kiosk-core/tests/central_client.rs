//! The kiosk's side of the API against a real central server on a random port, and the
//! maintenance screen's tests of the central and the printer.

use std::path::Path;

use chrono::Utc;
use kiosk_core::app::KioskApp;
use kiosk_core::ipc::{KioskErrorKind, MaintenanceErrorKind, PrintOutcome};
use kiosk_core::kiosk::Kiosk;
use kiosk_core::maintenance::{self, Maintenance};
use kiosk_core::profile::Profile;
use kiosk_core::recent_log::RecentLog;
use printer::virtual_printer::VirtualPrinter;
use printer::PrinterStatus;
use wire::Priority;

mod common;

use common::{spawn_central, Central};

fn kiosk(dir: &Path, url: &str, token: &str) -> Kiosk {
    kiosk_with(dir, url, token, "")
}

/// A kiosk whose profile ends with `extra` (e.g. a `[printer]` table).
fn kiosk_with(dir: &Path, url: &str, token: &str, extra: &str) -> Kiosk {
    std::fs::write(dir.join("kiosk.token"), token).unwrap();
    let profile = Profile::parse(
        &format!(
            "central_url = \"{url}\"\noffice = \"hn-ba-dinh\"\ntoken_file = \"kiosk.token\"\n\
             cache_dir = \"kiosk-cache\"\n{extra}"
        ),
        dir,
    )
    .unwrap();
    Kiosk::new(profile).unwrap()
}

/// A kiosk printing to a virtual printer writing PNGs into `dir/printed`.
fn printing_kiosk(dir: &Path, central: &Central) -> (Kiosk, VirtualPrinter) {
    let printer = VirtualPrinter::start("127.0.0.1:0", dir.join("printed")).unwrap();
    let table = format!(
        "[printer]\ntransport = \"tcp\"\naddress = \"{}\"\npaper_width_mm = 80\n",
        printer.addr()
    );
    (
        kiosk_with(dir, &central.url, &central.token, &table),
        printer,
    )
}

/// The PNGs the virtual printer wrote, waiting a moment for the last one.
async fn printed(printer: &VirtualPrinter, expected: usize) -> usize {
    for _ in 0..50 {
        if printer.tickets().unwrap().len() >= expected {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    printer.tickets().unwrap().len()
}

#[tokio::test]
async fn a_ticket_is_printed_when_the_printer_is_ready() {
    let dir = tempfile::tempdir().unwrap();
    let central = spawn_central(&dir.path().join("c.db"), 40).await;
    let (kiosk, printer) = printing_kiosk(dir.path(), &central);
    kiosk.check_connection().await;
    let view = kiosk
        .take_ticket("1.001193", Priority::None, true)
        .await
        .unwrap();
    assert_eq!(view.printed, PrintOutcome::Printed);
    assert_eq!(printed(&printer, 1).await, 1);
    assert_eq!(kiosk.printer_problem(), None);
}

#[tokio::test]
async fn out_of_paper_issues_no_number_and_the_on_screen_ticket_is_offered() {
    let dir = tempfile::tempdir().unwrap();
    let central = spawn_central(&dir.path().join("c.db"), 40).await;
    let (kiosk, printer) = printing_kiosk(dir.path(), &central);
    kiosk.check_connection().await;
    printer.set_out_of_paper(true).unwrap();

    let error = kiosk
        .take_ticket("1.001193", Priority::None, true)
        .await
        .unwrap_err();
    assert_eq!(error.kind, KioskErrorKind::PrinterUnavailable);
    assert!(error.message.vi.contains("hết giấy"), "{:?}", error.message);
    assert!(
        error.message.en.contains("out of paper"),
        "{:?}",
        error.message
    );
    let problem = kiosk.printer_problem().unwrap();
    assert_eq!(problem.status, printer::PrinterStatus::OutOfPaper);
    assert!(!problem.ticket_issued);

    // The visitor takes the on-screen ticket: it is the first number, so none was issued
    // by the refused attempt. Paper is loaded meanwhile, so a ticket sent to the printer
    // would come out: none must.
    printer.set_out_of_paper(false).unwrap();
    let view = kiosk
        .take_ticket("1.001193", Priority::None, false)
        .await
        .unwrap();
    assert_eq!(view.ticket.number, "A-001");
    assert_eq!(view.printed, PrintOutcome::OnScreen);
    assert_eq!(view.qr.text, view.ticket.track_url);
    assert_printed_only_what_follows(&kiosk, &printer, 0).await;
}

/// Asserts that the printer holds `before` tickets and nothing more: prints one more
/// ticket through the kiosk and waits for it, so anything sent to the printer before it
/// has come out by then; exactly one new ticket must be there.
async fn assert_printed_only_what_follows(kiosk: &Kiosk, printer: &VirtualPrinter, before: usize) {
    let view = kiosk
        .take_ticket("1.001193", Priority::None, true)
        .await
        .unwrap();
    assert_eq!(view.printed, PrintOutcome::Printed);
    assert_eq!(
        printed(printer, before + 1).await,
        before + 1,
        "the printer got {} tickets before the one sent last",
        printer.tickets().unwrap().len().saturating_sub(1)
    );
}

/// The fleet as the IT console lists it.
async fn fleet(central: &Central) -> Vec<wire::KioskState> {
    reqwest::Client::new()
        .get(format!("{}/api/v1/kiosks", central.url))
        .bearer_auth(&central.admin)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap()
}

#[tokio::test]
async fn a_printer_out_of_paper_reaches_staff_through_the_heartbeat() {
    let dir = tempfile::tempdir().unwrap();
    let central = spawn_central(&dir.path().join("c.db"), 40).await;
    let printer = VirtualPrinter::start("127.0.0.1:0", dir.path().join("printed")).unwrap();
    std::fs::write(dir.path().join("kiosk.token"), &central.token).unwrap();
    let profile = Profile::parse(
        &format!(
            "central_url = \"{}\"\noffice = \"hn-ba-dinh\"\ntoken_file = \"kiosk.token\"\n\
             cache_dir = \"kiosk-cache\"\n[printer]\ntransport = \"tcp\"\naddress = \"{}\"\n",
            central.url,
            printer.addr()
        ),
        dir.path(),
    )
    .unwrap();
    let app = KioskApp::start(profile, "lobby-2".into(), "0.1.0".into()).unwrap();

    app.heartbeat(Utc::now()).await;
    let listed = fleet(&central).await;
    let me = listed
        .iter()
        .find(|k| k.name.as_deref() == Some("lobby-2"))
        .unwrap();
    assert!(me.online);
    assert_eq!(me.printer.as_deref(), Some("ready"));
    assert_eq!(me.last_error, None);

    // The paper runs out: a visitor is refused a number, and staff see why at once.
    printer.set_out_of_paper(true).unwrap();
    let refused = app
        .kiosk()
        .take_ticket("1.001193", Priority::None, true)
        .await;
    assert_eq!(
        refused.unwrap_err().kind,
        KioskErrorKind::PrinterUnavailable
    );
    app.heartbeat(Utc::now()).await;
    let listed = fleet(&central).await;
    let me = listed
        .iter()
        .find(|k| k.name.as_deref() == Some("lobby-2"))
        .unwrap();
    assert_eq!(me.printer.as_deref(), Some("out_of_paper"));
    let error = me.last_error.as_deref().unwrap();
    assert!(error.contains("no number issued"), "{error}");
    assert!(error.contains("paper"), "{error}");
    assert!(me.uptime_seconds.is_some());
}

#[tokio::test]
async fn without_a_printer_tickets_are_on_screen() {
    let dir = tempfile::tempdir().unwrap();
    let central = spawn_central(&dir.path().join("c.db"), 40).await;
    let kiosk = kiosk(dir.path(), &central.url, &central.token);
    let view = kiosk
        .take_ticket("1.001193", Priority::None, true)
        .await
        .unwrap();
    assert_eq!(view.printed, PrintOutcome::OnScreen);
    assert_eq!(kiosk.printer_problem(), None);
}

#[tokio::test]
async fn a_ticket_comes_with_a_qr_code_of_its_track_url() {
    let dir = tempfile::tempdir().unwrap();
    let central = spawn_central(&dir.path().join("c.db"), 40).await;
    let url = central.url.clone();
    let kiosk = kiosk(dir.path(), &url, &central.token);
    assert!(
        kiosk.check_connection().await,
        "the first check finds the central"
    );
    assert_eq!(
        kiosk.config().office_name,
        "Trung tâm Phục vụ hành chính công phường Ba Đình"
    );
    let first = kiosk
        .take_ticket("1.001193", Priority::None, true)
        .await
        .unwrap();
    let second = kiosk
        .take_ticket("1.001193", Priority::None, true)
        .await
        .unwrap();
    assert_eq!(first.ticket.number, "A-001");
    assert_eq!(second.ticket.number, "A-002");
    assert_eq!(second.ticket.people_ahead, 1);
    assert_eq!(first.qr.text, format!("{url}/t/{}", first.ticket.id));
}

#[tokio::test]
async fn a_full_lobby_becomes_an_offer_of_slots() {
    let dir = tempfile::tempdir().unwrap();
    let central = spawn_central(&dir.path().join("c.db"), 2).await; // capacity 1
    let kiosk = kiosk(dir.path(), &central.url, &central.token);
    kiosk
        .take_ticket("1.001193", Priority::None, true)
        .await
        .unwrap();
    let refused = kiosk
        .take_ticket("1.001193", Priority::Elderly, true)
        .await
        .unwrap_err();
    assert_eq!(refused.kind, KioskErrorKind::LobbyFull);
    assert!(!refused.next_slots.is_empty(), "slots are offered instead");
    assert!(refused.message.vi.contains("đặt lịch"));
}

#[tokio::test]
async fn a_kiosk_offers_only_the_fields_and_procedures_its_profile_shows() {
    let dir = tempfile::tempdir().unwrap();
    let central = spawn_central(&dir.path().join("c.db"), 40).await;
    let everything = kiosk(dir.path(), &central.url, &central.token);
    let all = everything.catalogue().await.unwrap().catalogue.procedures;
    let civil_status = all.iter().filter(|p| p.field.vi == "Hộ tịch").count();
    assert!(civil_status > 0 && civil_status < all.len());
    let attestation = all
        .iter()
        .find(|p| p.field.vi == "Chứng thực")
        .expect("the demo has Chứng thực procedures");
    assert!(everything.search("chứng thực").contains(&attestation.code));

    // A kiosk at the civil-status desk: Hộ tịch only (written as staff may type it).
    let desk = kiosk_with(
        dir.path(),
        &central.url,
        &central.token,
        "shown_fields = [\"hộ tịch\"]\n",
    );
    let shown = desk.catalogue().await.unwrap().catalogue.procedures;
    assert_eq!(shown.len(), civil_status);
    assert!(shown.iter().all(|p| p.field.vi == "Hộ tịch"));
    let found = desk.search("chứng thực");
    assert!(
        !found.contains(&attestation.code),
        "hidden procedures are not found"
    );
    assert!(found
        .iter()
        .all(|code| shown.iter().any(|p| &p.code == code)));
    assert_eq!(
        desk.search("khai sinh").first().map(String::as_str),
        Some("1.001193")
    );

    // Or two procedures by code.
    let two = kiosk_with(
        dir.path(),
        &central.url,
        &central.token,
        "shown_procedures = [\"1.001193\", \"1.000894\"]\n",
    );
    let codes: Vec<String> = two
        .catalogue()
        .await
        .unwrap()
        .catalogue
        .procedures
        .into_iter()
        .map(|p| p.code)
        .collect();
    let expected: Vec<&str> = ["1.001193", "1.000894"]
        .into_iter()
        .filter(|code| all.iter().any(|p| p.code == *code))
        .collect();
    assert_eq!(codes.len(), expected.len());
    assert!(codes.contains(&"1.001193".to_owned()));
}

#[tokio::test]
async fn the_catalogue_is_kept_for_when_the_central_is_away() {
    let dir = tempfile::tempdir().unwrap();
    let central = spawn_central(&dir.path().join("c.db"), 40).await;
    let kiosk = kiosk(dir.path(), &central.url, &central.token);
    assert!(!kiosk.catalogue().await.unwrap().from_cache);
    assert!(kiosk.check_connection().await);

    central.stop.send(()).unwrap();
    central.stopped.await.unwrap();
    assert!(kiosk.check_connection().await, "going offline is a change");
    assert!(!kiosk.is_online());
    let kept = kiosk.catalogue().await.unwrap();
    assert!(
        kept.from_cache,
        "the catalogue is served from what the kiosk holds"
    );
    assert_eq!(
        kiosk.search("khai sinh").first().map(String::as_str),
        Some("1.001193")
    );
    let error = kiosk
        .take_ticket("1.001193", Priority::None, true)
        .await
        .unwrap_err();
    assert_eq!(error.kind, KioskErrorKind::CentralUnreachable);
    assert!(error.message.en.contains("cannot reach"));
}

#[tokio::test]
async fn a_restarted_kiosk_searches_the_catalogue_it_kept_on_disk() {
    let dir = tempfile::tempdir().unwrap();
    let central = spawn_central(&dir.path().join("c.db"), 40).await;
    let first = kiosk(dir.path(), &central.url, &central.token);
    assert!(first.search("khai sinh").is_empty(), "nothing known yet");
    assert!(!first.catalogue().await.unwrap().from_cache);
    assert!(first.check_connection().await);
    let checklist = first.checklist_qr("1.001193", Some(1)).unwrap();
    assert_eq!(
        checklist.text,
        format!("{}/c/hn-ba-dinh/1.001193?case=1", central.url)
    );
    drop(first);

    central.stop.send(()).unwrap();
    central.stopped.await.unwrap();
    // The kiosk starts again while the central is away.
    let second = kiosk(dir.path(), &central.url, &central.token);
    assert_eq!(
        second.search("khai sinh").first().map(String::as_str),
        Some("1.001193"),
        "search works from the start"
    );
    assert_eq!(
        second
            .search("ddawng kys khai sinh")
            .first()
            .map(String::as_str),
        Some("1.001193")
    );
    assert_eq!(
        second.config().office_name,
        "Trung tâm Phục vụ hành chính công phường Ba Đình",
        "the header names the office, not its id"
    );
    let kept = second.catalogue().await.unwrap();
    assert!(kept.from_cache, "the visitor is told the list may be older");
    assert!(kept
        .catalogue
        .procedures
        .iter()
        .any(|p| p.code == "1.000894"));
    // The documents check and the online hand-off need nothing from the central.
    let handoff = second.online_handoff("1.004873").unwrap();
    assert_eq!(handoff.portal, kiosk_core::ipc::Portal::National);
    assert!(handoff.qr.text.starts_with("https://dichvucong.gov.vn/"));
    assert!(second.checklist_qr("1.001193", None).is_ok());
    assert_eq!(
        second.online_handoff("9.999999").unwrap_err().kind,
        KioskErrorKind::NotFound
    );
}

#[tokio::test]
async fn a_restart_with_the_central_up_asks_with_the_kept_etag() {
    let dir = tempfile::tempdir().unwrap();
    let central = spawn_central(&dir.path().join("c.db"), 40).await;
    let first = kiosk(dir.path(), &central.url, &central.token);
    first.catalogue().await.unwrap();
    let kept_file = dir.path().join("kiosk-cache/catalogue-hn-ba-dinh.json");
    let kept: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&kept_file).unwrap()).unwrap();
    assert!(kept["etag"].as_str().is_some_and(|e| e.starts_with('"')));
    let modified = std::fs::metadata(&kept_file).unwrap().modified().unwrap();

    let second = kiosk(dir.path(), &central.url, &central.token);
    let view = second.catalogue().await.unwrap();
    assert!(!view.from_cache, "the central confirmed it (304)");
    assert_eq!(
        std::fs::metadata(&kept_file).unwrap().modified().unwrap(),
        modified,
        "an unchanged catalogue is not written again"
    );
}

/// The maintenance side of a kiosk, unlocked with the PIN 246810.
fn unlocked(kiosk: &Kiosk) -> Maintenance {
    let maintenance = Maintenance::new(
        Some(maintenance::hash_pin("246810").unwrap()),
        RecentLog::default(),
        "/etc/lobby-kiosk/kiosk.toml".into(),
        "0.1.0".into(),
    );
    let info = maintenance
        .unlock(kiosk, None, "246810", Utc::now())
        .unwrap();
    assert_eq!(info.profile_source, "/etc/lobby-kiosk/kiosk.toml");
    assert_eq!(info.profile_version, None);
    maintenance
}

#[tokio::test]
async fn the_maintenance_connection_test_reaches_the_central_and_checks_the_token() {
    let dir = tempfile::tempdir().unwrap();
    let central = spawn_central(&dir.path().join("c.db"), 40).await;
    let good = kiosk(dir.path(), &central.url, &central.token);
    let test = unlocked(&good)
        .connection_test(&good, Utc::now())
        .await
        .unwrap();
    assert!(test.reachable, "{test:?}");
    assert!(test.latency_ms.is_some());
    assert!(test.office_name.is_some_and(|n| n.contains("Ba Đình")));
    assert_eq!(test.token_accepted, Some(true));
    assert_eq!(test.problem, None);

    let bad = kiosk(dir.path(), &central.url, "kiosk_not-a-token");
    let test = unlocked(&bad)
        .connection_test(&bad, Utc::now())
        .await
        .unwrap();
    assert!(test.reachable);
    assert_eq!(test.token_accepted, Some(false));
    assert!(test.problem.is_some_and(|p| p.contains("token")));

    let _ = central.stop.send(());
    let _ = central.stopped.await;
    let test = unlocked(&good)
        .connection_test(&good, Utc::now())
        .await
        .unwrap();
    assert!(!test.reachable);
    assert_eq!(test.latency_ms, None);
    let problem = test.problem.unwrap();
    assert!(problem.contains("onnection refused"), "{problem}");
    assert!(!problem.contains("http://"), "no URL in {problem}");
}

#[tokio::test]
async fn a_maintenance_test_page_prints_and_a_locked_screen_does_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let central = spawn_central(&dir.path().join("c.db"), 40).await;
    let (kiosk, printer) = printing_kiosk(dir.path(), &central);
    let maintenance = unlocked(&kiosk);
    let page = maintenance
        .print_test_page(&kiosk, Utc::now())
        .await
        .unwrap();
    assert!(page.printed, "{page:?}");
    assert_eq!(page.state, PrinterStatus::Ready);
    assert_eq!(page.printer.paper_width_mm, 80);
    assert_eq!(printed(&printer, 1).await, 1);

    printer.set_out_of_paper(true).unwrap();
    let page = maintenance
        .print_test_page(&kiosk, Utc::now())
        .await
        .unwrap();
    assert!(!page.printed);
    assert_eq!(page.state, PrinterStatus::OutOfPaper);
    assert!(page.detail.contains("load a new roll"));

    maintenance.lock();
    let refused = maintenance
        .print_test_page(&kiosk, Utc::now())
        .await
        .unwrap_err();
    assert_eq!(refused.kind, MaintenanceErrorKind::NotUnlocked);
    assert_eq!(
        maintenance.recent_logs(Utc::now()).unwrap_err().kind,
        MaintenanceErrorKind::NotUnlocked
    );
    // With paper again, a test page that slipped through the lock would come out.
    printer.set_out_of_paper(false).unwrap();
    let refused = maintenance
        .print_test_page(&kiosk, Utc::now())
        .await
        .unwrap_err();
    assert_eq!(refused.kind, MaintenanceErrorKind::NotUnlocked);
    assert_printed_only_what_follows(&kiosk, &printer, 1).await;
}

#[tokio::test]
async fn quick_numbers_are_the_pinned_then_the_most_taken_and_are_kept_for_an_offline_start() {
    let dir = tempfile::tempdir().unwrap();
    let central = spawn_central(&dir.path().join("c.db"), 40).await;
    let commonest: Vec<String> = central::demo::COMMONEST
        .iter()
        .map(|(code, _)| (*code).to_owned())
        .collect();

    // The demo's four weeks at Ba Đình: its five commonest first, then one more.
    let plain = kiosk(dir.path(), &central.url, &central.token);
    let quick = plain.catalogue().await.unwrap().quick_numbers;
    assert_eq!(quick.len(), 6, "{quick:?}");
    assert_eq!(quick[..5], commonest[..]);

    // Pinned first; only what the kiosk offers.
    let desk = kiosk_with(
        dir.path(),
        &central.url,
        &central.token,
        "shown_fields = [\"Hộ tịch\"]\n[quick_numbers]\npinned = [\"1.000656\"]\n",
    );
    let quick = desk.catalogue().await.unwrap().quick_numbers;
    assert_eq!(
        quick[..3],
        ["1.000656", "1.001193", "1.000894"],
        "{quick:?}"
    );
    let shown = desk.catalogue().await.unwrap().catalogue.procedures;
    assert!(quick.iter().all(|code| shown
        .iter()
        .any(|p| &p.code == code && p.field.vi == "Hộ tịch")));
    drop(desk);

    // Started again while the central is away, the kiosk offers the same.
    central.stop.send(()).unwrap();
    central.stopped.await.unwrap();
    let offline = kiosk(dir.path(), &central.url, &central.token);
    let kept = offline.catalogue().await.unwrap();
    assert!(kept.from_cache);
    assert_eq!(kept.quick_numbers[..5], commonest[..]);
}
