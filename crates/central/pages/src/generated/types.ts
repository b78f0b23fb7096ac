// Generated from the Rust types in crates/wire.
// Do not edit: run `UPDATE_TYPES=1 cargo test -p central --test generated_types`.

export type LocalizedText = { 
/**
 * Vietnamese.
 */
vi: string, 
/**
 * English.
 */
en: string, };

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

export type Priority = "none" | "elderly" | "disabled" | "pregnant" | "child_under6" | "appointment";

export type TicketState = "waiting" | "called" | "done" | "no_show";

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

export type LobbyEvent = { "type": "snapshot" } & LobbySnapshot | { "type": "issued" } & IssuedEvent | { "type": "called" } & CallEvent | { "type": "recalled" } & CallEvent | { "type": "transferred" } & TransferredEvent | { "type": "completed" } & ClosedEvent | { "type": "no_show" } & ClosedEvent | { "type": "counter_changed" } & CounterSummary | { "type": "queues" } & QueueOverview;

export type LobbySnapshot = { 
/**
 * Office id.
 */
office: string, 
/**
 * Its name, as visitors see it.
 */
office_name: string, 
/**
 * IANA time zone of the office.
 */
time_zone: string, 
/**
 * The central's time now, RFC 3339 with the office's offset.
 */
now: string, 
/**
 * Open or closed now, and until when.
 */
opening: OpeningStatus, 
/**
 * Every counter of the office, with the number it serves.
 */
counters: Array<CounterSummary>, 
/**
 * Today's latest calls, newest first (at most ten).
 */
recent_calls: Array<CallEvent>, 
/**
 * Counts and waits per queue.
 */
queues: QueueOverview, 
/**
 * Whether calls are announced in English too, after Vietnamese.
 */
speak_english: boolean, };

export type IssuedEvent = { 
/**
 * Number, e.g. `A-017`.
 */
number: string, 
/**
 * Its queue.
 */
service_group: string, 
/**
 * Issue time, RFC 3339 with the office's offset.
 */
issued_at: string, };

export type CallEvent = { 
/**
 * Number, e.g. `A-017`.
 */
number: string, 
/**
 * Its queue.
 */
service_group: string, 
/**
 * Counter id.
 */
counter: string, 
/**
 * Counter's name as visitors see it ("Quầy 3").
 */
counter_name: string, 
/**
 * When it was called, RFC 3339 with the office's offset.
 */
called_at: string, 
/**
 * What is said: "Mời số A-017 đến quầy số 3" and its English.
 */
announcement: LocalizedText, 
/**
 * Address of the spoken announcement (a chime, then the words), a WAV file
 * on this server; the board plays it as it is.
 */
audio_url: string, };

export type TransferredEvent = { 
/**
 * Number.
 */
number: string, 
/**
 * The queue it waits in now.
 */
service_group: string, 
/**
 * The counter that sent it.
 */
from_counter: string, 
/**
 * The counter that will call it, when it was sent to one counter.
 */
to_counter: string | null, };

export type ClosedEvent = { 
/**
 * Number.
 */
number: string, 
/**
 * Its queue.
 */
service_group: string, 
/**
 * The counter it was called to.
 */
counter: string, };

export type CounterSummary = { 
/**
 * Counter id, unique across offices.
 */
id: string, 
/**
 * Its office.
 */
office: string, 
/**
 * Name as visitors see it ("Quầy 3").
 */
name: string, 
/**
 * Queues (service group ids) it calls from.
 */
groups: Array<string>, 
/**
 * False while paused: it is offered no calls and counts as closed in waits.
 */
open: boolean, 
/**
 * The number it is serving now, if any.
 */
serving: string | null, };

export type CounterView = { 
/**
 * The counter.
 */
counter: CounterSummary, 
/**
 * The ticket it is serving, if any.
 */
current: ServedTicket | null, 
/**
 * The queues it serves: counts and waits.
 */
queues: Array<GroupQueue>, 
/**
 * The next numbers it would call, in the order it would call them (at most five).
 */
upcoming: Array<UpcomingTicket>, 
/**
 * Where a ticket can be transferred: the office's queues and other counters.
 */
transfer_targets: TransferTargets, };

export type ServedTicket = { 
/**
 * Ticket id (staff only).
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
 * Procedure name.
 */
service_name: LocalizedText, 
/**
 * Its queue.
 */
service_group: string, 
/**
 * Priority.
 */
priority: Priority, 
/**
 * Whether it comes from a booking checked in.
 */
appointment: boolean, 
/**
 * Issue time, RFC 3339 with the office's offset.
 */
issued_at: string, 
/**
 * When it was called.
 */
called_at: string, 
/**
 * Minutes between issue and call.
 */
waited_minutes: number, };

export type UpcomingTicket = { 
/**
 * Number.
 */
number: string, 
/**
 * Its queue.
 */
service_group: string, 
/**
 * Priority.
 */
priority: Priority, 
/**
 * Issue time, RFC 3339 with the office's offset.
 */
issued_at: string, };

export type TransferTargets = { 
/**
 * The office's queues.
 */
groups: Array<GroupName>, 
/**
 * The office's other counters.
 */
counters: Array<CounterSummary>, };

export type GroupName = { 
/**
 * Service group id (its ticket prefix).
 */
id: string, 
/**
 * Name.
 */
name: LocalizedText, };

export type TransferRequest = { 
/**
 * The queue it should wait in.
 */
service_group: string | null, 
/**
 * The counter that should call it.
 */
counter: string | null, };

export type AuditEntry = { 
/**
 * Entry id, rising: the `before` cursor of the next page.
 */
id: number, 
/**
 * When the central made the change, RFC 3339 UTC.
 */
at: string, 
/**
 * Id of the token that made it (`central token list`).
 */
token_id: number, 
/**
 * That token's label when the change was made, if it had one.
 */
token_label: string | null, 
/**
 * That token's role: `admin` or `staff`.
 */
role: string, 
/**
 * What was done, e.g. `calendar.replace`, `profile.update`, `counter.call_next`.
 */
action: string, 
/**
 * The request's method and route, e.g. `PUT /api/v1/offices/{office}/calendar`.
 */
route: string, 
/**
 * The route's parameters that are not secret, e.g. `{"office": "hn-ba-dinh"}`;
 * ticket ids and booking codes are left out.
 */
target: { [key in string]?: string }, 
/**
 * One sentence, e.g. "calendar replaced for office hn-ba-dinh".
 */
summary: string, 
/**
 * The HTTP status of the answer.
 */
status: number, };

export type AuditLog = { 
/**
 * The entries, newest first.
 */
entries: Array<AuditEntry>, 
/**
 * Pass as `before` for the next, older page; `null` when there is none.
 */
next_before: number | null, };
