-- Tokens get an id people can name (to list and revoke them), a label, an optional
-- expiry, a revocation time and the time they were last used; and every admin and
-- staff change is kept in an audit log.

-- The id is the token's rowid, which the fleet already shows as the kiosk's id, kept
-- in a column of its own so it stays put whatever happens to rowids. Tokens are never
-- deleted (revoking sets `revoked_at`), so ids are never reused.
ALTER TABLE tokens ADD COLUMN id INTEGER;
UPDATE tokens SET id = rowid;
CREATE UNIQUE INDEX tokens_id ON tokens (id);
ALTER TABLE tokens ADD COLUMN label TEXT;
ALTER TABLE tokens ADD COLUMN last_used_at TEXT;   -- written at most about once a minute
ALTER TABLE tokens ADD COLUMN expires_at TEXT;     -- refused from this instant on
ALTER TABLE tokens ADD COLUMN revoked_at TEXT;     -- refused from this instant on

-- One row per successful change made with an admin or staff token. Nothing secret or
-- personal: no token secret, booking code, ticket id, name or phone.
CREATE TABLE audit_log (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,  -- never reused: the read cursor
    at          TEXT NOT NULL,                      -- the central's clock
    token_id    INTEGER NOT NULL,
    token_label TEXT,                               -- the label when the change was made
    role        TEXT NOT NULL,
    action      TEXT NOT NULL,                      -- e.g. calendar.replace
    route       TEXT NOT NULL,                      -- method and route template
    target      TEXT NOT NULL,                      -- JSON object of non-secret path parameters
    summary     TEXT NOT NULL,                      -- one sentence for people
    status      INTEGER NOT NULL                    -- the answer's HTTP status
);
CREATE INDEX audit_log_at ON audit_log (at);
