-- Kiosk profiles held for IT staff, every version kept, and the fleet of kiosks.

CREATE TABLE profiles (
    id         INTEGER PRIMARY KEY,
    name       TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL
);

-- Versions are never changed or deleted: a change is a new version.
CREATE TABLE profile_versions (
    profile    INTEGER NOT NULL REFERENCES profiles(id),
    version    INTEGER NOT NULL,
    document   TEXT NOT NULL,            -- the profile's TOML
    office     TEXT NOT NULL,            -- the office it names, to match kiosks against
    created_at TEXT NOT NULL,
    PRIMARY KEY (profile, version)
);

-- One row per kiosk token that has registered, been assigned a profile or sent a
-- heartbeat. The kiosk's id is its token's rowid: tokens are never deleted, so their
-- rowids stay put.
CREATE TABLE kiosks (
    id              INTEGER PRIMARY KEY,
    token_hash      TEXT NOT NULL UNIQUE REFERENCES tokens(hash),
    name            TEXT,
    app_version     TEXT,
    profile         INTEGER REFERENCES profiles(id),  -- assigned
    profile_id      INTEGER,                          -- reported running
    profile_version INTEGER,                          -- reported running
    printer         TEXT,
    last_error      TEXT,
    uptime_seconds  INTEGER,
    last_heartbeat  TEXT
);
CREATE INDEX kiosks_profile ON kiosks (profile);
