-- Only real answers: "I am not at the workplace yet" is an answer of its own,
-- below the staircase's first step (staircase_step stays NULL with it).
ALTER TABLE checkins ADD COLUMN not_at_workplace BOOLEAN NOT NULL DEFAULT FALSE;
-- When the caseworker first read a shared reflection; the citizen sees it.
ALTER TABLE meeting_reflections ADD COLUMN read_at DATETIME;
