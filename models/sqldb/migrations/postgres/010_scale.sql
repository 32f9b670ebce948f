-- The push worker asks every second whether anything is due. Indexes over
-- only the pending rows stay as small as the queue, however long the history
-- grows, and hand the worker the oldest due row first.
DROP INDEX push_jobs_due;
CREATE INDEX push_jobs_pending ON push_jobs (fire_at, id) WHERE status = 'pending';
-- The hourly purge of old push history.
CREATE INDEX push_jobs_finished ON push_jobs (fire_at) WHERE status <> 'pending';

DROP INDEX push_deliveries_due;
CREATE INDEX push_deliveries_pending ON push_deliveries (next_attempt_at) WHERE status = 'pending';
-- A subscription the push service no longer knows is deleted with its
-- deliveries (ON DELETE CASCADE), found by this index instead of a scan.
CREATE INDEX push_deliveries_subscription ON push_deliveries (subscription_id);
-- A claim returns the ids it took, so the claim token needs no index, and a
-- claim, which changes no indexed column, updates its rows in place.
DROP INDEX push_deliveries_claim;

-- The background sweep that records lapsed fast-track requests.
CREATE INDEX fast_track_requests_pending ON fast_track_requests (consent_deadline) WHERE status = 'pending';
