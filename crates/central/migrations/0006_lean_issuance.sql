-- Issuing a number writes every page it touches to the log and syncs it before
-- anyone is answered, so each tree a new ticket must enter costs on every tap.

-- A ticket's id is now made from who asked for it and their Idempotency-Key
-- (HMAC-SHA-256 under this secret, see `rules::ticket_id_for_key`), so a
-- replayed key finds its ticket by id: tickets no longer write a row of
-- `idempotency_keys` each. The secret is made once, here, from SQLite's
-- generator (seeded from the system's random source), and never leaves the
-- database.
CREATE TABLE central_secret (
    id     INTEGER PRIMARY KEY CHECK (id = 1),
    secret BLOB NOT NULL
);
INSERT INTO central_secret (id, secret) VALUES (1, randomblob(32));

-- What is left in `idempotency_keys` (bookings, and the keys of tickets issued
-- before this change) is only ever found by (scope, key): one tree ordered by
-- them instead of a table and a separate index on it.
CREATE TABLE idempotency_keys_by_scope (
    scope        TEXT NOT NULL,             -- who sent it (token hash)
    key          TEXT NOT NULL,
    request      TEXT NOT NULL,             -- what was asked, to refuse reuse for another request
    resource     TEXT NOT NULL,             -- ticket id or appointment code
    created_at   TEXT NOT NULL,
    PRIMARY KEY (scope, key)
) WITHOUT ROWID;
INSERT INTO idempotency_keys_by_scope (scope, key, request, resource, created_at)
SELECT scope, key, request, resource, created_at FROM idempotency_keys;
DROP TABLE idempotency_keys;
ALTER TABLE idempotency_keys_by_scope RENAME TO idempotency_keys;

-- Only called tickets have a call number, and only they are read by this index
-- (the latest calls of a group, to know whose turn it is): a new ticket need not
-- enter it.
DROP INDEX tickets_calls;
CREATE INDEX tickets_calls ON tickets (office, service_group, local_day, call_number)
    WHERE call_number IS NOT NULL;

-- A day's tickets are listed through the numbering index, group by group (the
-- groups with tickets that day are in `queue_counts`), so this index no longer
-- has to take every new ticket.
DROP INDEX tickets_queue;

-- Closing what a counter has called finds it here instead of reading every
-- ticket ever issued; only called tickets are in it, so issuing does not write it.
CREATE INDEX tickets_called ON tickets (counter) WHERE state = 'called';
