-- Times are stored as fixed-width UTC RFC 3339 text, so they sort as text.
CREATE TABLE offices (
    id              TEXT PRIMARY KEY,
    name            TEXT NOT NULL,
    address         TEXT NOT NULL,
    time_zone       TEXT NOT NULL,
    opening_hours   TEXT NOT NULL,          -- JSON array of wire::OpeningSession
    seats           INTEGER NOT NULL,
    occupancy_ratio REAL NOT NULL DEFAULT 0.5
);

CREATE TABLE service_groups (
    office              TEXT NOT NULL REFERENCES offices(id),
    id                  TEXT NOT NULL,
    name_vi             TEXT NOT NULL,
    name_en             TEXT NOT NULL,
    avg_service_minutes INTEGER NOT NULL,
    PRIMARY KEY (office, id)
);

CREATE TABLE procedures (
    office        TEXT NOT NULL REFERENCES offices(id),
    code          TEXT NOT NULL,
    service_group TEXT NOT NULL,
    position      INTEGER NOT NULL,
    record        TEXT NOT NULL,            -- JSON of wire::Procedure
    PRIMARY KEY (office, code),
    FOREIGN KEY (office, service_group) REFERENCES service_groups(office, id)
);

CREATE TABLE counters (
    id     TEXT PRIMARY KEY,
    office TEXT NOT NULL REFERENCES offices(id),
    name   TEXT NOT NULL,
    groups TEXT NOT NULL,                   -- JSON array of service group ids
    open   INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE tickets (
    id            TEXT PRIMARY KEY,
    office        TEXT NOT NULL REFERENCES offices(id),
    service       TEXT NOT NULL,
    service_group TEXT NOT NULL,
    local_day     TEXT NOT NULL,            -- YYYY-MM-DD in the office's time zone
    seq           INTEGER NOT NULL,
    number        TEXT NOT NULL,
    priority      TEXT NOT NULL,
    call_rank     INTEGER NOT NULL,         -- 0 appointment, 1 legal priority, 2 everyone else
    state         TEXT NOT NULL,            -- waiting | called | done | no_show
    issued_at     TEXT NOT NULL,
    called_at     TEXT,
    closed_at     TEXT,
    counter       TEXT REFERENCES counters(id),
    UNIQUE (office, service_group, local_day, seq)
);
CREATE INDEX tickets_queue ON tickets (office, local_day, state, service_group);

CREATE TABLE idempotency_keys (
    scope        TEXT NOT NULL,             -- who sent it (token hash)
    key          TEXT NOT NULL,
    request      TEXT NOT NULL,             -- what was asked, to refuse reuse for another request
    resource     TEXT NOT NULL,             -- ticket id or appointment code
    created_at   TEXT NOT NULL,
    PRIMARY KEY (scope, key)
);

CREATE TABLE slots (
    office        TEXT NOT NULL REFERENCES offices(id),
    service_group TEXT NOT NULL,
    start_at      TEXT NOT NULL,
    end_at        TEXT NOT NULL,
    capacity      INTEGER NOT NULL,
    PRIMARY KEY (office, service_group, start_at)
);

CREATE TABLE appointments (
    code          TEXT PRIMARY KEY,
    office        TEXT NOT NULL REFERENCES offices(id),
    service       TEXT NOT NULL,
    service_group TEXT NOT NULL,
    slot_start    TEXT NOT NULL,
    slot_end      TEXT NOT NULL,
    phone         TEXT NOT NULL,            -- personal data: needed to reach the visitor about the booking
    name          TEXT,
    created_at    TEXT NOT NULL,
    ticket        TEXT REFERENCES tickets(id)
);
CREATE INDEX appointments_slot ON appointments (office, service_group, slot_start);

CREATE TABLE tokens (
    hash       TEXT PRIMARY KEY,
    role       TEXT NOT NULL,
    office     TEXT REFERENCES offices(id),
    counter    TEXT REFERENCES counters(id),
    created_at TEXT NOT NULL
);
