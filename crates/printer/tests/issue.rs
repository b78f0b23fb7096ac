//! The printer path of issuing a number: no number when the printer cannot print, the
//! on-screen fallback, and a ticket kept on screen when printing fails after issuing.

mod support;

use std::sync::atomic::{AtomicBool, Ordering};

use printer::{
    issue_and_print, Issued, PaperWidth, PrintError, Printer, PrinterSettings, PrinterStatus,
    TicketPrint,
};
use support::{spawn_printer, tcp_printer};

/// What the central answers: here just the number.
#[derive(Debug, PartialEq)]
struct CentralTicket(String);

/// Stands in for the central: issues ticket `number` and remembers that it did.
async fn issue(
    issued: &AtomicBool,
    number: &str,
) -> Result<CentralTicket, std::convert::Infallible> {
    issued.store(true, Ordering::SeqCst);
    Ok(CentralTicket(number.to_owned()))
}

fn content(ticket: &CentralTicket) -> TicketPrint {
    TicketPrint {
        number: ticket.0.clone(),
        ..TicketPrint::example()
    }
}

#[tokio::test]
async fn out_of_paper_issues_no_number_and_offers_the_on_screen_ticket() {
    let (virtual_printer, _dir) = spawn_printer();
    virtual_printer.set_out_of_paper(true).unwrap();
    let printer = tcp_printer(&virtual_printer.addr().to_string(), PaperWidth::Mm58);
    let issued = AtomicBool::new(false);

    let outcome = issue_and_print(&printer, issue(&issued, "A-001"), content)
        .await
        .unwrap();

    let Issued::NotIssued(status) = outcome else {
        panic!("{outcome:?}")
    };
    assert_eq!(status, PrinterStatus::OutOfPaper);
    assert!(!issued.load(Ordering::SeqCst), "no number was issued");
    assert!(
        virtual_printer.tickets().unwrap().is_empty(),
        "nothing printed"
    );
    assert!(status.message_vi().contains("màn hình") && status.message_en().contains("on screen"));
}

#[tokio::test]
async fn with_paper_the_number_is_issued_and_printed() {
    let (virtual_printer, _dir) = spawn_printer();
    let printer = tcp_printer(&virtual_printer.addr().to_string(), PaperWidth::Mm80);
    let issued = AtomicBool::new(false);

    let outcome = issue_and_print(&printer, issue(&issued, "B-042"), content)
        .await
        .unwrap();

    assert!(
        matches!(&outcome, Issued::Printed(n) if n.0 == "B-042"),
        "{outcome:?}"
    );
    assert!(issued.load(Ordering::SeqCst));
    assert_eq!(virtual_printer.tickets().unwrap().len(), 1);
}

#[tokio::test]
async fn paper_running_out_after_the_check_keeps_the_ticket_on_screen_with_the_reason() {
    let (virtual_printer, _dir) = spawn_printer();
    let printer = tcp_printer(&virtual_printer.addr().to_string(), PaperWidth::Mm80);
    // The roll ends while the central is issuing.
    let issue = async {
        virtual_printer.set_out_of_paper(true).unwrap();
        Ok::<_, std::convert::Infallible>(CentralTicket("C-007".to_owned()))
    };

    let outcome = issue_and_print(&printer, issue, content).await.unwrap();

    let Issued::PrintFailed { ticket, error } = outcome else {
        panic!("{outcome:?}")
    };
    assert_eq!(ticket.0, "C-007");
    assert!(
        matches!(error, PrintError::NotReady(PrinterStatus::OutOfPaper)),
        "{error:?}"
    );
    assert_eq!(error.status(), PrinterStatus::OutOfPaper);
    assert!(
        error.to_string().contains("out of paper"),
        "a line for staff: {error}"
    );
    assert!(virtual_printer.tickets().unwrap().is_empty());
}

#[tokio::test]
async fn a_printer_gone_after_the_check_is_a_print_failure_not_a_lost_ticket() {
    let (virtual_printer, _dir) = spawn_printer();
    let printer = tcp_printer(&virtual_printer.addr().to_string(), PaperWidth::Mm80);
    let issue = async move {
        drop(virtual_printer); // unplugged while the central issues
        Ok::<_, std::convert::Infallible>(CentralTicket("D-001".to_owned()))
    };
    let outcome = issue_and_print(&printer, issue, content).await.unwrap();
    let Issued::PrintFailed { ticket, error } = outcome else {
        panic!("{outcome:?}")
    };
    assert_eq!(ticket.0, "D-001");
    assert!(!error.status().can_print());
}

#[tokio::test]
async fn without_a_printer_the_ticket_is_on_screen_only() {
    let printer = Printer::new(&PrinterSettings::default()).unwrap();
    let issued = AtomicBool::new(false);
    let outcome = issue_and_print(&printer, issue(&issued, "E-003"), content)
        .await
        .unwrap();
    assert!(
        matches!(&outcome, Issued::OnScreenOnly(n) if n.0 == "E-003"),
        "{outcome:?}"
    );
}

#[tokio::test]
async fn an_error_from_the_central_is_returned_as_is() {
    let (virtual_printer, _dir) = spawn_printer();
    let printer = tcp_printer(&virtual_printer.addr().to_string(), PaperWidth::Mm80);
    let outcome = issue_and_print(
        &printer,
        async { Err::<CentralTicket, _>("lobby_full") },
        content,
    )
    .await;
    assert_eq!(outcome.unwrap_err(), "lobby_full");
    assert!(virtual_printer.tickets().unwrap().is_empty());
}
