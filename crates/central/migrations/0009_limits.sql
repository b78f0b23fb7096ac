-- Limits against guessing and hoarding.

-- A kiosk token locked out of check-in by code after too many wrong codes, until
-- `locked_until`; written when a lock starts, so the fleet view can show it.
CREATE TABLE check_in_locks (
    token_hash   TEXT PRIMARY KEY,
    locked_until TEXT NOT NULL
) WITHOUT ROWID;

-- How many bookings one phone number may hold at the office for one local day,
-- whichever way they were made; the office sets it.
ALTER TABLE offices ADD COLUMN bookings_per_phone INTEGER NOT NULL DEFAULT 2;

-- A phone's bookings of a day at an office are counted through this index.
CREATE INDEX appointments_phone ON appointments (office, phone, slot_start);
