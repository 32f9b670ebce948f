// What is pending and which milestones matter, derived from a citizen's page
// data (GET /citizens/{id}). Pure: returns [{key, text-vars}] for rendering.

// pendingItems lists what asks something of the caseworker now.
export function pendingItems(c) {
  const out = [];
  const ft = c.fast_track?.current;
  if (!c.activated) out.push({ key: 'not_activated' });
  if (ft?.status === 'pending') out.push({ key: 'fast_track_pending', at: ft.consent_deadline });
  if (ft?.follow_up?.missing) out.push({ key: 'follow_up_missing', at: ft.follow_up.due_date || ft.follow_up.due_at });
  for (const m of c.meetings?.upcoming || []) {
    if (m.reply?.response === 'another_time' || m.reply?.response === 'cannot_come') {
      out.push({ key: `reply_${m.reply.response}`, at: m.starts_at, kind: m.kind, reason: m.reply.reason });
    }
    if (m.kind === 'roundtable' && m.reflection?.shared) out.push({ key: 'reflection_shared', at: m.starts_at });
  }
  const fb = c.plan?.feedback;
  if (fb && fb.plan_version === c.plan.version && (fb.recognises === 'no' || fb.recognises === 'partly')) {
    out.push({ key: `plan_feedback_${fb.recognises}`, comment: fb.comment });
  }
  return out;
}

// milestoneItems are the dated milestones: the sickness ones, and the
// fast-track consent deadline and first follow-up when there is a request.
export function milestoneItems(c) {
  const out = (c.milestones?.items || []).map((m) => ({ key: m.key, date: m.date, passed: m.passed, days: m.days_until }));
  const ft = c.fast_track?.current;
  if (ft?.status === 'pending') out.push({ key: 'fast_track_consent', date: ft.consent_deadline, passed: false });
  if (ft?.follow_up) out.push({ key: 'first_follow_up', date: ft.follow_up.due_date || ft.follow_up.due_at, passed: ft.follow_up.booked });
  return out.sort((a, b) => (String(a.date) < String(b.date) ? -1 : 1));
}
