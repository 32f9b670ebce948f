// Pieces of the two print-outs: "Til mødebordet" (shown to everyone at the
// roundtable, the employer included) and the caseworker's internal one.
import { Page } from '../../components/Page.jsx';
import { t } from '../../i18n.js';
import { DIMENSIONS, dimensionName } from '../../staircase.js';
import { AgreementLine, byOwner } from './Agreements.jsx';
import { LoadError } from './fields.jsx';
import { formatDate, formatDateTime, formatHours } from './format.js';
import { weekLabel } from './PlanEditor.jsx';
import { DAYS, weekTotal } from './planMath.js';
import { PlacementTable } from './Placements.jsx';
import { StaircaseGap } from './Progression.jsx';

// nextMeeting: the next roundtable, else the next meeting of any kind.
export const nextMeeting = (c) => (c.meetings?.upcoming || []).find((m) => m.kind === 'roundtable') || (c.meetings?.upcoming || [])[0];

export function PrintLoading({ detail }) {
  return (
    <Page title={t('ui.cw.print.title_loading')}>
      {detail.error ? <LoadError error={detail.error} /> : <p role="status">{t('ui.app.loading')}</p>}
    </Page>
  );
}

// PrintFrame: the print button and the way back, hidden on paper.
export function PrintFrame({ c, title, internal = false, children }) {
  return (
    <div class={internal ? 'cw-print cw-print-is-internal' : 'cw-print'}>
      <Page title={title}>
        {internal && (
          <p class="cw-print-internal" id="print-internal-mark">
            <strong>{t('ui.cw.print.internal_mark')}</strong> {t('ui.cw.print.internal_text')}
          </p>
        )}
        <p class="cw-print-tools">
          <button type="button" class="button button-primary" onClick={() => window.print()}>
            {t('ui.cw.print.print')}
          </button>{' '}
          <a href={`/sagsbehandler/borger/${c.id}`}>{t('ui.cw.print.back')}</a>
        </p>
        {children}
        {internal && <p class="cw-print-internal cw-print-internal-end">{t('ui.cw.print.internal_mark')}</p>}
      </Page>
    </div>
  );
}

export function PrintSection({ id, title, children }) {
  return (
    <section aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {children}
    </section>
  );
}

// PrintMeeting: when and where, and the three aims of a roundtable.
export function PrintMeeting({ m, children }) {
  if (!m) return <p>{t('ui.cw.meetings.none_upcoming')}</p>;
  return (
    <div class="cw-meeting">
      <p>
        <strong>{t(`ui.cw.kind.${m.kind}`)}</strong> · {formatDateTime(m.starts_at)} · {m.location}
      </p>
      {m.participants?.length > 0 && <p>{m.participants.join(', ')}</p>}
      <ol class="cw-print-goals">
        <li>{t('ui.cw.print.aim_1')}</li>
        <li>{t('ui.cw.print.aim_2')}</li>
        <li>{t('ui.cw.print.aim_3')}</li>
      </ol>
      {children}
    </div>
  );
}

// PrintGoals lists goals and sub-goals; score(id) adds the citizen's latest
// self-rating (internal print only).
export function PrintGoals({ goals, score }) {
  if (!goals?.length) return <p>{t('ui.cw.goals.none')}</p>;
  return (
    <ul class="cw-print-list">
      {goals.map((g) => (
        <li key={g.id}>
          <strong>{g.title}</strong> {g.target_date && `(${formatDate(g.target_date)})`}
          {score && ` · ${score(g.id)}`}
          {g.sub_goals?.length > 0 && (
            <ul>
              {g.sub_goals.map((s) => (
                <li key={s.id}>
                  {s.title}
                  {score && ` · ${score(s.id)}`}
                  {s.activities?.length > 0 && ` – ${s.activities.map((a) => a.title).join('; ')}`}
                </li>
              ))}
            </ul>
          )}
        </li>
      ))}
    </ul>
  );
}

// PrintPlan: the coming weeks and the mixing desk.
export function PrintPlan({ plan }) {
  const weeks = (plan?.weeks || []).filter((w) => !w.past).slice(0, 6);
  const desk = plan?.mixing_desk;
  return (
    <>
      {weeks.length ? (
        <table class="table table--compact">
          <caption class="sr-only">{t('ui.cw.plan.grid')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('ui.cw.plan.week')}</th>
              {DAYS.map((d) => (
                <th scope="col" key={d}>
                  {t(`ui.cw.day_short.${d}`)}
                </th>
              ))}
              <th scope="col">{t('ui.cw.plan.total')}</th>
            </tr>
          </thead>
          <tbody>
            {weeks.map((w) => (
              <tr key={w.week_start}>
                <th scope="row">{weekLabel(w.week_start)}</th>
                {DAYS.map((d) => (
                  <td key={d}>{formatHours(w.hours[d])}</td>
                ))}
                <td>{formatHours(weekTotal(w.hours))}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p>{t('ui.cw.plan.no_plan')}</p>
      )}
      {desk && (
        <p>
          {t('ui.cw.desk.title')}:{' '}
          {DIMENSIONS.filter((d) => desk[d] != null)
            .map((d) => `${dimensionName(d)} ${desk[d]}/5`)
            .join(' · ')}
        </p>
      )}
    </>
  );
}

// PrintStaircase: each party's latest placement, the gap and the history
// (notes only on the internal print).
export function PrintStaircase({ c, notes = false }) {
  const list = [...(c.placements || [])].reverse().slice(0, 8);
  return (
    <>
      <StaircaseGap gap={c.staircase_gap} />
      {list.length > 0 ? <PlacementTable list={list} notes={notes} /> : <p>{t('ui.cw.place.none')}</p>}
    </>
  );
}

// PrintAgreements: who does what and when, with room to write new items.
export function PrintAgreements({ items }) {
  const groups = byOwner(items);
  return (
    <>
      {!groups.length && <p>{t('ui.cw.agree.none')}</p>}
      {groups.map((g) => (
        <div key={g.owner} class="cw-print-agreements">
          <h3>{t(`ui.agree.owner.${g.owner}`)}</h3>
          <ul class="cw-print-list">
            {g.items.map((a) => (
              <li key={a.id}>
                <AgreementLine a={a} />
              </li>
            ))}
          </ul>
        </div>
      ))}
      <p class="cw-print-lines">{t('ui.cw.print.agreements_hint')}</p>
    </>
  );
}
