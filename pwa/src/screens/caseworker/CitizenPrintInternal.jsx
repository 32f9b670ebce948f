import { t } from '../../i18n.js';
import { CitizenHeader } from './CitizenPage.jsx';
import { useLoad } from './fields.jsx';
import { formatDateTime } from './format.js';
import { Reflection } from './Meetings.jsx';
import { CheckinNotes } from './Notes.jsx';
import { PrintAgreements, PrintFrame, PrintGoals, PrintLoading, PrintMeeting, PrintPlan, PrintSection, PrintStaircase, nextMeeting } from './printParts.jsx';

// The caseworker's internal print, marked as such at the top and the end:
// what waits, the citizen's shared reflection, notes, self-ratings and the
// plan feedback besides everything on the table version. Never hand it out.
export default function CitizenPrintInternal({ params }) {
  const detail = useLoad(`/citizens/${params.id}`);
  const prog = useLoad(`/citizens/${params.id}/progression`);
  const checkins = useLoad(`/citizens/${params.id}/checkins`);
  const c = detail.data;
  if (!c) return <PrintLoading detail={detail} />;
  const m = nextMeeting(c);
  const score = (id) => {
    const g = (prog.data?.goals || []).find((x) => x.goal_id === id);
    const p = g?.points?.[g.points.length - 1];
    return p ? `${p.value}/10` : '–';
  };
  const fb = c.plan?.feedback;
  return (
    <PrintFrame c={c} internal title={t('ui.cw.print.internal_title', { name: c.name })}>
      <CitizenHeader c={c} aside={<CheckinNotes load={checkins} />} />
      <PrintSection id="pr-meeting" title={t('ui.cw.print.meeting')}>
        <PrintMeeting m={m}>
          {m?.agenda && <p class="cw-pre">{m.agenda}</p>}
          {m?.reflection && <Reflection r={m.reflection} level={3} />}
        </PrintMeeting>
      </PrintSection>
      <PrintSection id="pr-staircase" title={t('ui.cw.prog.staircase')}>
        <PrintStaircase c={c} notes />
      </PrintSection>
      <PrintSection id="pr-plan" title={t('ui.cw.section.plan')}>
        <PrintPlan plan={c.plan} />
        {fb && (
          <p>
            {t('ui.cw.plan.citizen_said', { answer: t(`ui.cw.plan.recognises.${fb.recognises}`) })}
            {fb.comment && ` “${fb.comment}”`} ({formatDateTime(fb.updated_at || fb.created_at)})
          </p>
        )}
      </PrintSection>
      <PrintSection id="pr-agreements" title={t('ui.cw.print.agreements')}>
        <PrintAgreements items={c.agreements} />
      </PrintSection>
      <PrintSection id="pr-goals" title={t('ui.cw.section.goals')}>
        <PrintGoals goals={c.goals} score={score} />
      </PrintSection>
    </PrintFrame>
  );
}
