-- The access log is kept TRAPPEN_ACCESS_LOG_RETENTION_DAYS (issue 13): the
-- hourly purge deletes its oldest rows in batches found by this index, so
-- the purge reads only what it deletes, however long the log is.
CREATE INDEX access_log_at ON access_log (at);
