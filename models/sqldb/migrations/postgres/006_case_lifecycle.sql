-- Issue 8: the case over its whole life. Employment and exemption can change,
-- the category keeps its history, the case closes (and is deleted after the
-- retention period), and the timeline's recorded steps are kept.

ALTER TABLE citizens ADD COLUMN employment TEXT NOT NULL DEFAULT 'employed'
    CHECK (employment IN ('employed', 'self_employed', 'unemployed'));
ALTER TABLE citizens ADD COLUMN exempt_reason TEXT;
ALTER TABLE citizens ADD COLUMN exempt_until TEXT;
-- closed_on is NULL while the case is open.
ALTER TABLE citizens ADD COLUMN closed_on TEXT;
ALTER TABLE citizens ADD COLUMN close_reason TEXT
    CHECK (close_reason IN ('returned_to_work', 'jobafklaring', 'moved_municipality', 'other'));
ALTER TABLE citizens ADD COLUMN doctor_consultation_on TEXT;
ALTER TABLE citizens ADD COLUMN re_evaluation_on TEXT;
ALTER TABLE citizens ADD COLUMN re_evaluation_outcome TEXT
    CHECK (re_evaluation_outcome IN ('extended', 'jobafklaring', 'returned_to_work', 'other'));
CREATE INDEX citizens_closed_on ON citizens (closed_on);

-- Every visitation category a case has had; the first row is the registration.
CREATE TABLE citizen_categories (
    id         TEXT PRIMARY KEY,
    citizen_id TEXT NOT NULL REFERENCES citizens (id) ON DELETE CASCADE,
    category   INTEGER NOT NULL CHECK (category BETWEEN 1 AND 3),
    from_date  TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX citizen_categories_citizen ON citizen_categories (citizen_id, created_at);

INSERT INTO citizen_categories (id, citizen_id, category, from_date, created_at)
SELECT 'reg-' || id, id, category, to_char(created_at AT TIME ZONE 'Europe/Copenhagen', 'YYYY-MM-DD'), created_at
FROM citizens;
