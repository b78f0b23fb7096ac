// Generated from the Rust types in crates/wire and crates/kiosk-core/src/ipc.rs.
// Do not edit: run `UPDATE_TYPES=1 cargo test -p kiosk-core --test generated_types`.

export type LocalizedText = { 
/**
 * Vietnamese.
 */
vi: string, 
/**
 * English.
 */
en: string, };

export type Health = { 
/**
 * `ok` when the server and its database answer, `unavailable` when the database
 * does not (the answer is then a 503).
 */
status: string, 
/**
 * Server version.
 */
version: string, 
/**
 * `ok` when a query to the database was answered just now, else `unreachable`.
 */
database: string, };

export type Office = { 
/**
 * Stable identifier, e.g. `hn-ba-dinh`.
 */
id: string, 
/**
 * Name as shown to visitors.
 */
name: string, 
/**
 * Street address.
 */
address: string, 
/**
 * IANA time zone; all local days and times are in it.
 */
time_zone: string, 
/**
 * Opening sessions; a lunch break is the gap between two sessions of a day.
 */
opening_hours: Array<OpeningSession>, 
/**
 * Local dates (`YYYY-MM-DD`) on which the office stays closed, such as public
 * holidays, whatever its opening sessions say; in date order.
 */
closed_days: Array<string>, };

export type OpeningSession = { 
/**
 * ISO weekdays, 1 = Monday … 7 = Sunday.
 */
weekdays: Array<number>, 
/**
 * Local opening time, `HH:MM`.
 */
opens: string, 
/**
 * Local closing time, `HH:MM`, or `24:00` for midnight.
 */
closes: string, };

export type OpeningStatus = { 
/**
 * True while an opening session is running and the day is not a closed day.
 */
open: boolean, 
/**
 * While open: when this opening ends (RFC 3339 with the office's offset);
 * sessions that follow without a gap count as one. `null` while closed, or
 * when the opening runs on past the next 60 days.
 */
closes_at: string | null, 
/**
 * While closed: the next opening within the next 60 days (RFC 3339 with the
 * office's offset), `null` if there is none. `null` while open.
 */
opens_at: string | null, };

export type OfficeStatus = { 
/**
 * Office.
 */
office: string, 
/**
 * The central's time now, RFC 3339 with the office's offset.
 */
now: string, 
/**
 * Open or closed now, and until when.
 */
opening: OpeningStatus, };

export type OfficeCalendar = { 
/**
 * Opening sessions: weekdays 1–7, `HH:MM` times (`closes` may be `24:00`),
 * opening before closing, no two sessions overlapping on a weekday.
 */
opening_hours: Array<OpeningSession>, 
/**
 * Local dates `YYYY-MM-DD` on which the office stays closed.
 */
closed_days: Array<string>, };

export type Catalogue = { 
/**
 * Office the catalogue belongs to.
 */
office: string, 
/**
 * Queues of the office; each procedure is served by one.
 */
service_groups: Array<ServiceGroup>, 
/**
 * Administrative procedures (TTHC) handled at the office.
 */
procedures: Array<Procedure>, };

export type ServiceGroup = { 
/**
 * Identifier, also the ticket number's prefix (`A` gives `A-001`).
 */
id: string, 
/**
 * Name of the queue.
 */
name: LocalizedText, };

export type Procedure = { 
/**
 * National TTHC code, e.g. `1.001193`.
 */
code: string, 
/**
 * Procedure name.
 */
name: LocalizedText, 
/**
 * Field ("lĩnh vực"), e.g. Hộ tịch.
 */
field: LocalizedText, 
/**
 * Agency that carries it out.
 */
agency: string, 
/**
 * Service group (queue) that serves it at this office.
 */
service_group: string, 
/**
 * How far it can be done online.
 */
online_level: OnlineLevel, 
/**
 * Page of the procedure on the public service portal.
 */
portal_url: string, 
/**
 * Processing time and fee per channel.
 */
channels: Array<Channel>, 
/**
 * Dossier components, grouped by the case they apply to.
 */
dossier: Array<DossierCase>, 
/**
 * Whether the result can be delivered by the public postal service ("dịch vụ
 * bưu chính công ích"); `null` when the record does not say.
 */
result_by_post: boolean | null, 
/**
 * Words people use for it ("giấy khai sinh", "sổ đỏ").
 */
keywords: Array<string>, 
/**
 * Facts of this record not confirmed from an official source.
 */
unsure: Array<string>, };

export type OnlineLevel = "full" | "partial" | "none";

export type ChannelKind = "direct" | "online" | "postal";

export type Channel = { 
/**
 * Which channel.
 */
kind: ChannelKind, 
/**
 * Processing time as worded in the record, e.g. "Trong ngày".
 */
processing_time: LocalizedText, 
/**
 * Fee in VND when fixed; `null` when it varies (see `fee_note`).
 */
fee_vnd: number | null, 
/**
 * Fee as worded in the record, e.g. "Miễn lệ phí".
 */
fee_note: LocalizedText, };

export type DossierCase = { 
/**
 * The case, e.g. "Bao gồm" when there is only one.
 */
case: LocalizedText, 
/**
 * Documents to bring in that case.
 */
components: Array<DossierComponent>, };

export type DossierComponent = { 
/**
 * Document name.
 */
name: LocalizedText, 
/**
 * Number of originals ("Bản chính").
 */
originals: number, 
/**
 * Number of copies ("Bản sao").
 */
copies: number, 
/**
 * Form (template) name, if there is one.
 */
form: string | null, };

export type QueueOverview = { 
/**
 * Office.
 */
office: string, 
/**
 * One entry per service group.
 */
groups: Array<GroupQueue>, 
/**
 * Seats in use against the allowed number.
 */
lobby: Lobby, 
/**
 * Whether the office is open now (tickets are issued only then), and until when.
 */
opening: OpeningStatus, };

export type GroupQueue = { 
/**
 * Service group id.
 */
service_group: string, 
/**
 * Its name.
 */
name: LocalizedText, 
/**
 * Tickets waiting to be called.
 */
waiting: number, 
/**
 * Counters open for this group.
 */
counters_open: number, 
/**
 * Estimated wait for a ticket taken now, in minutes.
 */
estimated_wait_minutes: number, };

export type Lobby = { 
/**
 * People in the lobby now.
 */
occupancy: number, 
/**
 * Allowed number (seats × allowed occupancy ratio).
 */
capacity: number, };

export type SlotList = { 
/**
 * Procedure code asked for.
 */
service: string, 
/**
 * Local date, `YYYY-MM-DD`.
 */
date: string, 
/**
 * Slots of that day in time order.
 */
slots: Array<Slot>, };

export type Slot = { 
/**
 * Start, RFC 3339 with the office's offset.
 */
start: string, 
/**
 * End, RFC 3339 with the office's offset.
 */
end: string, 
/**
 * Bookings the slot takes.
 */
capacity: number, 
/**
 * Places left.
 */
remaining: number, };

export type NewTicket = { 
/**
 * Procedure code, e.g. `1.001193`.
 */
service: string, 
/**
 * Priority the visitor asked for; `none` when absent.
 */
priority: Priority, };

export type Priority = "none" | "elderly" | "disabled" | "pregnant" | "child_under6" | "appointment";

export type Ticket = { 
/**
 * Unguessable id, used in the track URL.
 */
id: string, 
/**
 * Human-readable number, e.g. `B-017`; unique per office, group and local day.
 */
number: string, 
/**
 * Office that issued it.
 */
office: string, 
/**
 * Procedure code.
 */
service: string, 
/**
 * Service group (queue).
 */
service_group: string, 
/**
 * Priority.
 */
priority: Priority, 
/**
 * Issue time, RFC 3339 with the office's offset.
 */
issued_at: string, 
/**
 * Tickets of the same group that will be called before this one.
 */
people_ahead: number, 
/**
 * Estimated wait in minutes.
 */
estimated_wait_minutes: number, 
/**
 * Public page where the visitor follows the ticket.
 */
track_url: string, };

export type TicketState = "waiting" | "called" | "done" | "no_show";

export type TicketStatus = { 
/**
 * Ticket id.
 */
id: string, 
/**
 * Human-readable number.
 */
number: string, 
/**
 * Office.
 */
office: string, 
/**
 * Service group.
 */
service_group: string, 
/**
 * State.
 */
state: TicketState, 
/**
 * Tickets to be called before this one (0 once called).
 */
people_ahead: number, 
/**
 * Estimated wait in minutes (0 once called).
 */
estimated_wait_minutes: number, 
/**
 * Counter it was called to, if called.
 */
counter: string | null, 
/**
 * Name of that counter as visitors see it ("Quầy 3").
 */
counter_name: string | null, 
/**
 * Issue time.
 */
issued_at: string, };

export type OfficeTicket = { 
/**
 * Ticket id.
 */
id: string, 
/**
 * Number.
 */
number: string, 
/**
 * Procedure code.
 */
service: string, 
/**
 * Service group.
 */
service_group: string, 
/**
 * Priority.
 */
priority: Priority, 
/**
 * State.
 */
state: TicketState, 
/**
 * Issue time.
 */
issued_at: string, 
/**
 * Time it was called, if called.
 */
called_at: string | null, 
/**
 * Counter it was called to.
 */
counter: string | null, 
/**
 * Time it was completed or marked no-show.
 */
closed_at: string | null, };

export type CalledTicket = { 
/**
 * Counter that called.
 */
counter: string, 
/**
 * The ticket now called to it.
 */
ticket: OfficeTicket, };

export type NewAppointment = { 
/**
 * Procedure code.
 */
service: string, 
/**
 * Start of the chosen slot, RFC 3339.
 */
slot_start: string, 
/**
 * How the office can reach the visitor.
 */
contact: Contact, };

export type Contact = { 
/**
 * Vietnamese mobile number, e.g. `0912345678` or `+84912345678`.
 */
phone: string, 
/**
 * Name, if given: at most 100 characters, one line, no control or
 * direction-override characters.
 */
name: string | null, };

export type Appointment = { 
/**
 * Short code a person can type; no ambiguous characters.
 */
code: string, 
/**
 * Office.
 */
office: string, 
/**
 * Procedure code.
 */
service: string, 
/**
 * Slot start.
 */
slot_start: string, 
/**
 * Slot end.
 */
slot_end: string, 
/**
 * When check-in opens and closes.
 */
check_in: CheckInWindow, };

export type CheckInWindow = { 
/**
 * Earliest check-in, RFC 3339.
 */
opens_at: string, 
/**
 * Latest check-in, RFC 3339.
 */
closes_at: string, };

export type Arrival = "early" | "late";

export type AppointmentLookup = { 
/**
 * Full name, 1 to 100 characters, one line, no control or direction-override
 * characters; case and spacing do not matter, diacritics do.
 */
name: string, };

export type FoundAppointments = { 
/**
 * Bookings of the office's local today under that name, in slot order.
 */
appointments: Array<FoundAppointment>, };

export type FoundAppointment = { 
/**
 * Booking code, for check-in.
 */
code: string, 
/**
 * Procedure code.
 */
service: string, 
/**
 * Slot start.
 */
slot_start: string, 
/**
 * Slot end.
 */
slot_end: string, 
/**
 * When check-in opens and closes.
 */
check_in: CheckInWindow, 
/**
 * The last 3 digits of the booking's phone number, e.g. `••• 567`.
 */
phone_hint: string, };

export type ApiError = { 
/**
 * Stable machine-readable code, e.g. `unknown_service`, `lobby_full`.
 */
error: string, 
/**
 * Plain-words explanation.
 */
message: string, 
/**
 * With `lobby_full`: the next free slots for that service.
 */
next_slots?: Array<Slot>, 
/**
 * With `outside_check_in_window`: the booking's window.
 */
window?: CheckInWindow, 
/**
 * With `outside_check_in_window`: whether the visitor came early or late.
 */
arrival?: Arrival, 
/**
 * With `office_closed`: the next opening, RFC 3339; absent when none is planned.
 */
opens_at?: string, 
/**
 * With `invalid_calendar`: every problem found, each with the field it is in.
 */
problems?: Array<FieldProblem>, };

export type FieldProblem = { 
/**
 * Path of the field, e.g. `opening_hours[1].closes` or `closed_days[0]`.
 */
field: string, 
/**
 * What is wrong with it.
 */
message: string, };

export type Language = "vi" | "en";

export type KioskConfig = { 
/**
 * Office id.
 */
office_id: string, 
/**
 * Office name as the central knows it (the id until the central answers).
 */
office_name: string, 
/**
 * Language shown first and after every idle reset.
 */
default_language: Language, 
/**
 * Languages offered by the switch.
 */
languages: Array<Language>, 
/**
 * Seconds without a touch before the kiosk returns home and clears everything.
 */
idle_timeout_seconds: number, 
/**
 * Buttons of the home screen, in order.
 */
home_actions: Array<HomeAction>, 
/**
 * Title and colours of the office.
 */
branding: Branding, 
/**
 * Text size and contrast shown to everyone.
 */
accessibility: Accessibility, 
/**
 * Extra words on the closed screen (empty: none).
 */
closed_message: ClosedMessage, 
/**
 * Version of the central's profile in force; `null` when the profile file's own
 * settings run.
 */
profile_version: number | null, };

export type HomeAction = "ticket" | "documents" | "appointment" | "online";

export type Branding = { 
/**
 * Title of the home screen in Vietnamese; the office name when left out.
 */
title_vi?: string, 
/**
 * Title of the home screen in English; the office name when left out.
 */
title_en?: string, 
/**
 * Colour of buttons, the chosen option and the "take a number" tile, under white
 * text: at least 4.5:1 against white.
 */
primary_colour: string, 
/**
 * Colour of the bar across the top (office name, languages, clock), under white
 * text: at least 4.5:1 against white.
 */
header_colour: string, 
/**
 * Colour of the screen behind everything, under dark text (#1a1a1a): at least 4.5:1.
 */
background_colour: string, };

export type Accessibility = { 
/**
 * Text size: "normal", "large" or "extra_large".
 */
text_size: TextSize, 
/**
 * Black on white with strong outlines instead of the office's colours.
 */
high_contrast: boolean, 
/**
 * Reads each screen aloud from the start ("Đọc to" on), for a kiosk set aside for
 * visitors who cannot see the screen. Visitors can always turn it on themselves.
 */
read_aloud: boolean, };

export type TextSize = "normal" | "large" | "extra_large";

export type ClosedMessage = { 
/**
 * In Vietnamese.
 */
vi: string, 
/**
 * In English.
 */
en: string, };

export type ConnectionState = { 
/**
 * True when the last check reached the central.
 */
online: boolean, 
/**
 * Whether the office is open now, as the central last said; `null` until it answers.
 */
opening: OpeningStatus | null, 
/**
 * Whether a visitor can take a queue number now: every screen that offers one asks this.
 */
number: NumberOffer, };

export type NumberOffer = { 
/**
 * Why a number can be taken or not.
 */
state: NumberState, 
/**
 * True when screens offer "take a number".
 */
offered: boolean, 
/**
 * What the visitor reads where the number would be; `null` when nothing needs saying.
 */
message: LocalizedText | null, 
/**
 * With `closed`: the next opening (RFC 3339 with the office's offset), when known.
 */
opens_at: string | null, };

export type NumberState = "open" | "closed" | "lobby_full" | "central_away";

export type CardBookings = { 
/**
 * The name as printed on the card, to greet the visitor.
 */
name: string, 
/**
 * The office's bookings for today under that name, in time order.
 */
appointments: Array<FoundAppointment>, };

export type CatalogueView = { 
/**
 * The catalogue.
 */
catalogue: Catalogue, 
/**
 * True when it comes from the kiosk's disk because the central is unreachable.
 */
from_cache: boolean, 
/**
 * Codes of the procedures the take-a-number screen offers as quick numbers, in order:
 * the profile's pinned ones, then the office's most taken of the last four weeks;
 * only procedures of `catalogue`, at most six.
 */
quick_numbers: Array<string>, };

export type QrSvg = { 
/**
 * Width and height in modules.
 */
size: number, 
/**
 * SVG path data of the dark modules, one unit per module.
 */
path: string, 
/**
 * The text it encodes.
 */
text: string, };

export type SpokenSentence = { 
/**
 * As shown on the screen.
 */
text: string, 
/**
 * The language it is in.
 */
language: Language, };

export type Portal = "national" | "city";

export type OnlineHandoff = { 
/**
 * The portal the address belongs to.
 */
portal: Portal, 
/**
 * QR code of the procedure's page on the portal (`qr.text` is the address).
 */
qr: QrSvg, };

export type TicketView = { 
/**
 * The ticket as the central issued it.
 */
ticket: Ticket, 
/**
 * QR code of `ticket.track_url`.
 */
qr: QrSvg, 
/**
 * What happened on paper.
 */
printed: PrintOutcome, };

export type PrintOutcome = "printed" | "on_screen" | "print_failed";

export type AppointmentView = { 
/**
 * The booking.
 */
appointment: Appointment, 
/**
 * QR code of `appointment.code`, for scanning at check-in.
 */
qr: QrSvg, };

export type DaySlots = { 
/**
 * Local date, `YYYY-MM-DD`.
 */
date: string, 
/**
 * Slots in time order.
 */
slots: Array<Slot>, };

export type ScanRead = { "kind": "booking_code", 
/**
 * The code.
 */
code: string, } | { "kind": "citizen_card", 
/**
 * Full name as printed on the card.
 */
name: string, } | { "kind": "unreadable", 
/**
 * What to do instead.
 */
message: LocalizedText, };

export type KioskError = { 
/**
 * What kind of failure, for the UI to choose what to offer next.
 */
kind: KioskErrorKind, 
/**
 * One short sentence for the visitor, in both languages.
 */
message: LocalizedText, 
/**
 * With `lobby_full`: slots the visitor can book instead.
 */
next_slots: Array<Slot>, };

export type KioskErrorKind = "central_unreachable" | "lobby_full" | "slot_full" | "outside_window" | "office_closed" | "not_found" | "rejected" | "printer_unavailable" | "internal";

export type MaintenanceInfo = { 
/**
 * Version of the kiosk app.
 */
app_version: string, 
/**
 * Office id from the profile.
 */
office_id: string, 
/**
 * Office name as the central knows it (the id until the central answers).
 */
office_name: string, 
/**
 * The central's address from the profile.
 */
central_url: string, 
/**
 * Where the profile came from: for now the path of the local profile file.
 */
profile_source: string, 
/**
 * The profile's version, when it came from the central; none for a local file.
 */
profile_version: number | null, 
/**
 * The ticket printer's settings.
 */
printer: PrinterSummary, 
/**
 * Seconds the screen stays open after the last maintenance action.
 */
open_for_seconds: number, };

export type PrinterSummary = { 
/**
 * Where tickets go: `tcp 192.168.1.50:9100`, `device /dev/usb/lp0`, `cups queue q`, `none`.
 */
transport: string, 
/**
 * Paper roll width in millimetres (58 or 80).
 */
paper_width_mm: number, 
/**
 * Darkness, 1 (light) to 7 (dark).
 */
darkness: number, 
/**
 * `partial` or `full`.
 */
cut: string, };

export type MaintenanceError = { 
/**
 * What went wrong.
 */
kind: MaintenanceErrorKind, 
/**
 * With `locked_out`: when a PIN will be checked again (RFC 3339, UTC).
 */
locked_until: string | null, 
/**
 * With `wrong_pin`: wrong PINs still allowed before the lockout.
 */
tries_left: number | null, };

export type MaintenanceErrorKind = "no_pin_set" | "wrong_pin" | "locked_out" | "not_unlocked";

export type ConnectionTest = { 
/**
 * The address tested.
 */
central_url: string, 
/**
 * Whether the central answered `GET /health`.
 */
reachable: boolean, 
/**
 * How long that answer took, in milliseconds.
 */
latency_ms: number | null, 
/**
 * The central's version, from its answer.
 */
central_version: string | null, 
/**
 * This kiosk's office as the central names it; none when it does not know the office.
 */
office_name: string | null, 
/**
 * Whether the central accepted this kiosk's token; none when it was not asked.
 */
token_accepted: boolean | null, 
/**
 * The first thing that failed, in words for IT staff.
 */
problem: string | null, };

export type PrinterState = "ready" | "paper_near_end" | "out_of_paper" | "cover_open" | "offline" | "not_responding" | "unknown" | "no_printer";

export type TestPrint = { 
/**
 * Whether the page went to the printer without an error.
 */
printed: boolean, 
/**
 * The printer's state.
 */
state: PrinterState, 
/**
 * What IT staff should know: the print error, or what the state means.
 */
detail: string, 
/**
 * The printer's settings.
 */
printer: PrinterSummary, };
