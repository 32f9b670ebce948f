import { Page } from '../../components/Page.jsx';
import { plural, t } from '../../i18n.js';
import { Agreements } from './Agreements.jsx';
import { CaseClosing, CaseEditor } from './CaseEditor.jsx';
import { CaseTimeline } from './CaseTimeline.jsx';
import { EmployerContacts } from './EmployerContacts.jsx';
import { Reassign, InviteTools } from './CaseTools.jsx';
import { FastTrack } from './FastTrack.jsx';
import { LoadError, useLoad } from './fields.jsx';
import { formatDate, formatDateTime } from './format.js';
import { Goals } from './Goals.jsx';
import { Meetings } from './Meetings.jsx';
import { CheckinNotes } from './Notes.jsx';
import { Placements } from './Placements.jsx';
import { PlanEditor } from './PlanEditor.jsx';
import { Progression } from './Progression.jsx';
import { milestoneItems, pendingItems } from './summary.js';

const SECTIONS = ['timeline', 'goals', 'plan', 'meetings', 'agreements', 'staircase', 'fast_track', 'employer', 'progression', 'case'];

// One citizen's page: everything needed to prepare a roundtable.
export default function CitizenPage({ params, user }) {
  const detail = useLoad(`/citizens/${params.id}`);
  const prog = useLoad(`/citizens/${params.id}/progression`);
  const checkins = useLoad(`/citizens/${params.id}/checkins`);
  const c = detail.data;
  const reload = () => {
    detail.reload();
    prog.reload();
  };
  if (!c) {
    return (
      <Page title={t('ui.cw.citizen.loading_title')}>
        {detail.error ? (
          <>
            <LoadError error={detail.error} />
            <p>
              <a href="/sagsbehandler">{t('ui.cw.back_to_caseload')}</a>
            </p>
          </>
        ) : (
          <p role="status">{t('ui.app.loading')}</p>
        )}
      </Page>
    );
  }
  return (
    <Page title={c.name}>
      <CitizenHeader c={c} aside={<CheckinNotes load={checkins} />} />
      <nav class="cw-page-nav" aria-label={t('ui.cw.citizen.sections')}>
        <ul>
          {SECTIONS.map((s) => (
            <li key={s}>
              <a href={`#${s}`}>{t(`ui.cw.section.${s}`)}</a>
            </li>
          ))}
          <li>
            <a href={`/sagsbehandler/borger/${c.id}/print`}>{t('ui.cw.print.link')}</a>
          </li>
          <li>
            <a href={`/sagsbehandler/borger/${c.id}/print/intern`}>{t('ui.cw.print.internal_link')}</a>
          </li>
        </ul>
      </nav>
      <Section id="timeline">
        <CaseTimeline citizen={c} onChange={reload} />
      </Section>
      <Section id="goals">
        <Goals citizenId={c.id} goals={c.goals || []} onChange={reload} />
      </Section>
      <Section id="plan">
        <PlanEditor citizenId={c.id} plan={c.plan} onChange={reload} />
      </Section>
      <Section id="meetings">
        <Meetings citizenId={c.id} meetings={c.meetings} onChange={reload} employed={(c.employment || 'employed') === 'employed'} />
      </Section>
      <Section id="agreements">
        <Agreements citizenId={c.id} items={c.agreements} meetings={c.meetings} onChange={reload} />
      </Section>
      <Section id="staircase">
        <Placements citizenId={c.id} placements={c.placements} gap={c.staircase_gap} meetings={c.meetings} onChange={reload} />
      </Section>
      <Section id="fast_track">
        <FastTrack citizen={c} section={c.fast_track} milestones={c.milestones} onChange={reload} />
      </Section>
      <Section id="employer">
        <EmployerContacts citizen={c} />
      </Section>
      <Section id="progression">
        <LoadError error={prog.error} />
        <Progression data={prog.data} />
      </Section>
      <Section id="case">
        <CaseEditor key={`${c.id}-${c.status}`} citizen={c} onChange={reload} />
        <CaseClosing citizen={c} onChange={reload} />
        <h3>{t('ui.cw.invite.heading')}</h3>
        <InviteTools citizen={c} />
        <h3>{t('ui.cw.reassign.heading')}</h3>
        <Reassign citizen={c} user={user} />
      </Section>
      <p class="after-form">
        <a href="/sagsbehandler">{t('ui.cw.back_to_caseload')}</a>
      </p>
    </Page>
  );
}

function Section({ id, children }) {
  return (
    <section id={id} class="cw-section" aria-labelledby={`${id}-h`} tabIndex={-1}>
      <h2 id={`${id}-h`}>{t(`ui.cw.section.${id}`)}</h2>
      {children}
    </section>
  );
}

export function CitizenHeader({ c, aside }) {
  const pending = pendingItems(c);
  const milestones = milestoneItems(c);
  return (
    <div class="cw-header">
      {c.status === 'closed' && (
        <p class="cw-closed-banner" role="note">
          {t('ui.cw.close.closed_on', { date: formatDate(c.closed_on), reason: t(`ui.cw.close_reason.${c.close_reason}`) })}
        </p>
      )}
      <p class="cw-facts">
        {t('ui.cw.citizen.week', { n: c.milestones?.week_of_sickness || '–' })} · {t('ui.cw.category.short', { n: c.category })}
        {` · ${t(`ui.cw.employment.${c.employment || 'employed'}`)}`}
        {c.employer_name && ` · ${c.employer_name}`}
        {c.exempt && ` · ${t('ui.cw.case.exempt_short')}`}
        {c.expected_weeks && ` · ${t('ui.cw.citizen.expected', { n: c.expected_weeks })}`}
        {` · ${t('ui.cw.citizen.first_day', { date: formatDate(c.first_sick_day) })}`}
      </p>
      <div class="cw-header-grid">
        <div>
          <h2 class="h3">{t('ui.cw.citizen.pending')}</h2>
          {pending.length ? (
            <ul class="cw-pending">
              {pending.map((p, i) => (
                <li key={i}>
                  {t(`ui.cw.pending.${p.key}`, { date: p.at ? formatDateTime(p.at) : p.day ? formatDate(p.day) : '', kind: p.kind ? t(`ui.cw.kind.${p.kind}`) : '', step: p.step ? t(`ui.timeline.key.${p.step}`) : '' })}
                  {p.reason && <> – “{p.reason}”</>}
                  {p.comment && <> – “{p.comment}”</>}
                </li>
              ))}
            </ul>
          ) : (
            <p>{t('ui.cw.citizen.nothing_pending')}</p>
          )}
        </div>
        <div>
          <h2 class="h3">{t('ui.cw.citizen.milestones')}</h2>
          <ul class="cw-milestones">
            {milestones.map((m) => (
              <li key={m.key} class={`is-${m.status}`}>
                <span>{t(m.key === 'fast_track_consent' ? 'ui.cw.milestone.fast_track_consent' : `ui.timeline.key.${m.key}`)}</span>{' '}
                <strong>{m.key === 'fast_track_consent' ? formatDateTime(m.date) : formatDate(m.date)}</strong> ({t(`ui.timeline.status.${m.status}`)})
              </li>
            ))}
          </ul>
        </div>
        {aside && <div>{aside}</div>}
      </div>
    </div>
  );
}
