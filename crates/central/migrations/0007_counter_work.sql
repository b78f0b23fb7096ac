-- The office's day at the counters: a called ticket can be sent to another
-- queue or to one counter, and waits again in its place by issue time.

-- The counter a transferred ticket waits for; NULL when any counter of its
-- queue may call it.
ALTER TABLE tickets ADD COLUMN only_counter TEXT REFERENCES counters(id);

-- A ticket sent to another queue keeps its printed number, so it cannot take
-- that queue's numbering: it gets a negative `seq` there, unique within the
-- queue's day. Queues are called in issue-time order, which the numbers follow
-- for a queue's own tickets. Tickets waiting for one counter are found through
-- this index (few at any time).
CREATE INDEX tickets_for_counter ON tickets (only_counter, state)
    WHERE only_counter IS NOT NULL;
