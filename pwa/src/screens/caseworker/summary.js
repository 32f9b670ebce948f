// What is pending and which milestones matter, derived from a citizen's page
// data (GET /citizens/{id}). Pure: returns [{key, text-vars}] for rendering.

// pendingItems lists what asks something of the caseworker now.
export function pendingItems(c) {
  const out = [];
  const ft = c.fast_track?.current;
  if (!c.activated) out.push({ key: 'not_activated' });
  if (ft?.status === 'pending') out.push({ key: 'fast_track_pending', at: ft.consent_deadline });
  // Overdue steps of the law's clock, as the API computes them.
  for (const it of c.timeline || []) {
    if (it.status === 'overdue') out.push({ key: 'timeline_overdue', step: it.key, day: it.due });
  }
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

// milestoneItems are the dated deadlines: the fast-track consent deadline
// while a request waits, and the timeline's items, all as the API serves them.
export function milestoneItems(c) {
  const out = (c.timeline || []).map((it) => ({ key: it.key, date: it.due, status: it.status }));
  const ft = c.fast_track?.current;
  if (ft?.status === 'pending') out.unshift({ key: 'fast_track_consent', date: ft.consent_deadline, status: 'open' });
  return out;
}
