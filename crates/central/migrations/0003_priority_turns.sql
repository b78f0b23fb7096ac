-- Priority tickets and the others take turns per office: `priority_run` of the
-- first, then `normal_run` of the second (default 1 : 2).
ALTER TABLE offices ADD COLUMN priority_run INTEGER NOT NULL DEFAULT 1;
ALTER TABLE offices ADD COLUMN normal_run INTEGER NOT NULL DEFAULT 2;

-- The order in which tickets were called (call times can be equal), and an
-- index to read a group's latest calls, to know whose turn it is.
ALTER TABLE tickets ADD COLUMN call_number INTEGER;
CREATE INDEX tickets_calls ON tickets (office, service_group, local_day, call_number);
