// One employee (/arbejdsgiver/medarbejder/:id): what the employee shares
// with their employer, what is never shared, and what the employer can do.
// The API leaves out every part the employee has not turned on.
import { useEffect, useState } from 'preact/hooks';
import { api } from '../../api.js';
import { Page } from '../../components/Page.jsx';
import { formatDateTime, formatShortDate } from '../../format.js';
import { t } from '../../i18n.js';
import { dimensionName, levelName, stepName, DIMENSIONS } from '../../staircase.js';
import { Message } from './bits.jsx';
import { FastTrackRequest, OwnAgreements, Preparation, StaircasePlacement } from './Actions.jsx';

const PARTS = ['plan', 'meetings', 'agreements', 'placements'];

export default function Employee({ params }) {
  const [e, setE] = useState(null);
  const [error, setError] = useState(null);
  const load = () =>
    api
      .get(`/employees/${params.id}`)
      .then(setE)
      .catch((err) => setError(err.message || t('ui.error.generic')));
  useEffect(() => {
    load();
  }, [params.id]);

  if (!e)
    return (
      <Page title={t('ui.employer.employee.loading_title')}>
        {error ? <Message kind="error" text={error} /> : <p>{t('ui.app.loading')}</p>}
        <Back />
      </Page>
    );
  const shared = e.shared || {};
  const notShared = PARTS.filter((p) => !shared[p]);
  const closed = e.status === 'closed';
  return (
    <Page title={e.name}>
      <p>{closed ? t('ui.employer.closed') : e.week_of_sickness ? t('ui.employer.week', { n: e.week_of_sickness }) : t('ui.employer.week_unknown')}</p>
      {!closed && (
        <>
          <section aria-labelledby="shared-h">
            <h2 id="shared-h">{t('ui.employer.shared.title')}</h2>
            {notShared.length > 0 && (
              <p id="not-shared">
                {t('ui.employer.shared.not', { parts: notShared.map((p) => t(`ui.employer.part.${p}`)).join(', ') })}
              </p>
            )}
            <p>{t('ui.employer.shared.never')}</p>
          </section>
          {e.plan && <PlanPart plan={e.plan} />}
          {e.meetings && <MeetingsPart meetings={e.meetings} />}
          {e.agreements && <OwnAgreements employeeId={e.id} items={e.agreements} onChange={load} />}
          {e.placements && <PlacementsPart placements={e.placements} />}
          <StaircasePlacement employeeId={e.id} onChange={load} />
          <FastTrackRequest employeeId={e.id} />
          <Preparation mixing={e.plan?.mixing_desk} />
        </>
      )}
      <Back />
    </Page>
  );
}

function Back() {
  return (
    <p class="after-form">
      <a href="/arbejdsgiver/medarbejdere">{t('ui.employer.back')}</a>
    </p>
  );
}

function PlanPart({ plan }) {
  const week = plan.weeks.find((w) => w.current) || plan.weeks[0];
  return (
    <section aria-labelledby="plan-h">
      <h2 id="plan-h">{t('ui.employer.plan.title')}</h2>
      {week ? (
        <p>{t('ui.employer.plan.week', { date: formatShortDate(week.week_start), hours: week.total })}</p>
      ) : (
        <p>{t('ui.employer.plan.no_weeks')}</p>
      )}
      {plan.weeks.length > 1 && (
        <ul>
          {plan.weeks.map((w) => (
            <li key={w.week_start}>{t('ui.employer.plan.week', { date: formatShortDate(w.week_start), hours: w.total })}</li>
          ))}
        </ul>
      )}
      {plan.allowed_tasks?.length > 0 && <p>{t('ui.employer.plan.allowed', { tasks: plan.allowed_tasks.join(', ') })}</p>}
      {plan.avoid_tasks?.length > 0 && <p>{t('ui.employer.plan.avoid', { tasks: plan.avoid_tasks.join(', ') })}</p>}
      {plan.mixing_desk && (
        <ul>
          {DIMENSIONS.filter((d) => plan.mixing_desk[d] != null).map((d) => (
            <li key={d}>
              {dimensionName(d)}: {levelName(plan.mixing_desk[d])}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function MeetingsPart({ meetings }) {
  return (
    <section aria-labelledby="meetings-h">
      <h2 id="meetings-h">{t('ui.employer.meetings.title')}</h2>
      {meetings.length === 0 && <p>{t('ui.employer.meetings.none')}</p>}
      <ul>
        {meetings.map((m) => (
          <li key={m.id}>
            {t('ui.employer.meetings.item', { kind: t(`ui.meeting.kind.${m.kind}`), when: formatDateTime(m.starts_at), place: m.location || '–' })}
            {m.status === 'cancelled' && ` (${t('ui.employer.meetings.cancelled')})`}
          </li>
        ))}
      </ul>
    </section>
  );
}

function PlacementsPart({ placements }) {
  return (
    <section aria-labelledby="placements-h">
      <h2 id="placements-h">{t('ui.employer.placements.title')}</h2>
      {placements.length === 0 && <p>{t('ui.employer.placements.none')}</p>}
      <ul>
        {placements.map((p, i) => (
          <li key={i}>
            {t('ui.employer.placements.item', { party: t(`ui.employer.party.${p.party}`), step: p.step, name: stepName(p.step), date: formatShortDate(p.date) })}
            {p.note && ` – ${p.note}`}
          </li>
        ))}
      </ul>
    </section>
  );
}
