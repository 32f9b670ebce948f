// Unit tests for the pure date helpers: `node --test test/` (run by test.sh).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { addDays, isoWeek, mondayOf } from '../src/dates.js';

test('addDays crosses months, years and the daylight-saving change', () => {
  assert.equal(addDays('2026-03-28', 1), '2026-03-29'); // spring change in Copenhagen
  assert.equal(addDays('2026-03-29', 1), '2026-03-30');
  assert.equal(addDays('2026-10-24', 2), '2026-10-26'); // autumn change
  assert.equal(addDays('2026-12-31', 1), '2027-01-01');
  assert.equal(addDays('2026-03-01', -1), '2026-02-28');
});

test('mondayOf finds the Monday of the week', () => {
  assert.equal(mondayOf('2026-11-23'), '2026-11-23'); // a Monday
  assert.equal(mondayOf('2026-11-29'), '2026-11-23'); // the Sunday after
  assert.equal(mondayOf('2027-01-01'), '2026-12-28');
});

test('isoWeek gives Danish week numbers', () => {
  assert.equal(isoWeek('2026-01-01'), 1);
  assert.equal(isoWeek('2026-11-23'), 48);
  assert.equal(isoWeek('2027-01-01'), 53); // 2026 has 53 ISO weeks
  assert.equal(isoWeek('2027-01-04'), 1);
});
