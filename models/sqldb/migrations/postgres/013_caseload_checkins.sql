-- The caseload reads each citizen's three newest check-ins (a window over
-- citizen_id ordered by recorded_at DESC, id DESC). This index hands them
-- over in that order with the columns the caseload shows, so the read is an
-- index-only scan with no sort, and the table's pages are never touched.
-- It supersedes checkins_citizen (its prefix).
CREATE INDEX checkins_caseload ON checkins (citizen_id, recorded_at DESC, id DESC) INCLUDE (wellbeing, staircase_step);
DROP INDEX checkins_citizen;
