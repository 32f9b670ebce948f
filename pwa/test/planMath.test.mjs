// Unit tests for the plan editor's helpers: `node --test test/`.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { copyForward, newWeek, roundQuarter, stepHours, stepUp, validHours, weekTotal } from '../src/screens/caseworker/planMath.js';

const h = (mon, tue, wed, thu, fri) => ({ mon, tue, wed, thu, fri });

test('roundQuarter rounds to quarter hours within 0–24', () => {
  assert.equal(roundQuarter(2.1), 2);
  assert.equal(roundQuarter(2.13), 2.25);
  assert.equal(roundQuarter(-1), 0);
  assert.equal(roundQuarter(30), 24);
  assert.equal(roundQuarter('abc'), 0);
});

test('validHours accepts what the API accepts', () => {
  for (const ok of [0, 0.25, 7.5, 24]) assert.ok(validHours(ok), String(ok));
  for (const bad of [-0.25, 24.25, 1.1, NaN]) assert.ok(!validHours(bad), String(bad));
});

test('stepping up by a percentage rounds each day to quarter hours', () => {
  assert.deepEqual(stepHours(h(4, 0, 4, 0, 2), { mode: 'percent', amount: 25 }), h(5, 0, 5, 0, 2.5));
});

test('stepping up by hours grows the week by exactly that, on the days already worked', () => {
  const out = stepHours(h(2, 0, 2, 0, 2), { mode: 'hours', amount: 3 });
  assert.equal(weekTotal(out), 9);
  assert.equal(out.tue, 0);
  assert.equal(out.thu, 0);
});

test('stepping up stops at 24 hours a day', () => {
  const out = stepHours(h(23, 0, 0, 0, 0), { mode: 'hours', amount: 5 });
  assert.equal(out.mon, 24);
  assert.equal(weekTotal(out), 24);
});

test('stepUp adds the following weeks, each a step above the one before', () => {
  const weeks = stepUp([newWeek('2026-11-23', h(2, 2, 2, 2, 2))], '2026-11-23', { mode: 'percent', amount: 25, count: 2 });
  assert.deepEqual(weeks.map((w) => w.week_start), ['2026-11-23', '2026-11-30', '2026-12-07']);
  assert.deepEqual(weeks.map((w) => weekTotal(w.hours)), [10, 12.5, 16.25]);
});

test('copyForward keeps the notes of weeks that already exist', () => {
  const later = { ...newWeek('2026-11-30'), note: 'Statusmøde' };
  const weeks = copyForward([newWeek('2026-11-23', h(3, 3, 3, 0, 0)), later], '2026-11-23', 2);
  assert.equal(weeks.length, 3);
  assert.equal(weeks[1].note, 'Statusmøde');
  assert.equal(weekTotal(weeks[2].hours), 9);
});
