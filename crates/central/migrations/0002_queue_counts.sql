-- Live counts of tickets per queue, class and state, kept by triggers, so that
-- issuing a ticket reads its place and the lobby's occupancy in O(1) however
-- long the day's list has grown.
CREATE TABLE queue_counts (
    office        TEXT NOT NULL,
    local_day     TEXT NOT NULL,
    service_group TEXT NOT NULL,
    call_rank     INTEGER NOT NULL,
    state         TEXT NOT NULL,
    n             INTEGER NOT NULL,
    PRIMARY KEY (office, local_day, service_group, call_rank, state)
) WITHOUT ROWID;

INSERT INTO queue_counts (office, local_day, service_group, call_rank, state, n)
SELECT office, local_day, service_group, call_rank, state, COUNT(*)
FROM tickets GROUP BY office, local_day, service_group, call_rank, state;

CREATE TRIGGER queue_counts_on_insert AFTER INSERT ON tickets
BEGIN
    INSERT INTO queue_counts (office, local_day, service_group, call_rank, state, n)
    VALUES (NEW.office, NEW.local_day, NEW.service_group, NEW.call_rank, NEW.state, 1)
    ON CONFLICT DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER queue_counts_on_state AFTER UPDATE OF state ON tickets
WHEN OLD.state <> NEW.state
BEGIN
    UPDATE queue_counts SET n = n - 1
    WHERE office = OLD.office AND local_day = OLD.local_day AND service_group = OLD.service_group
      AND call_rank = OLD.call_rank AND state = OLD.state;
    INSERT INTO queue_counts (office, local_day, service_group, call_rank, state, n)
    VALUES (NEW.office, NEW.local_day, NEW.service_group, NEW.call_rank, NEW.state, 1)
    ON CONFLICT DO UPDATE SET n = n + 1;
END;
