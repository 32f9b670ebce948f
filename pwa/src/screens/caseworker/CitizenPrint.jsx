import { Page } from '../../components/Page.jsx';
import { t } from '../../i18n.js';
import { CitizenHeader } from './CitizenPage.jsx';
import { LoadError, useLoad } from './fields.jsx';
import { formatDate, formatDateTime, formatHours } from './format.js';
import { Reflection } from './Meetings.jsx';
import { SLIDERS, weekLabel } from './PlanEditor.jsx';
import { DAYS, weekTotal } from './planMath.js';
import { StaircaseGap } from './Progression.jsx';

// A one-page summary to bring to the roundtable (see the print styles).
export default function CitizenPrint({ params }) {
  const detail = useLoad(`/citizens/${params.id}`);
  const prog = useLoad(`/citizens/${params.id}/progression`);
  const c = detail.data;
  if (!c) {
    return (
      <Page title={t('ui.cw.print.title_loading')}>
        {detail.error ? <LoadError error={detail.error} /> : <p role="status">{t('ui.app.loading')}</p>}
      </Page>
    );
  }
  const next = (c.meetings?.upcoming || []).find((m) => m.kind === 'roundtable') || (c.meetings?.upcoming || [])[0];
  const weeks = (c.plan?.weeks || []).filter((w) => !w.past).slice(0, 6);
  const lastScore = (id) => {
    const g = (prog.data?.goals || []).find((x) => x.goal_id === id);
    const p = g?.points?.[g.points.length - 1];
    return p ? `${p.value}/10` : '–';
  };
  return (
    <div class="cw-print">
      <Page title={t('ui.cw.print.title', { name: c.name })}>
        <p class="cw-print-tools">
          <button type="button" class="button button-primary" onClick={() => window.print()}>
            {t('ui.cw.print.print')}
          </button>{' '}
          <a href={`/sagsbehandler/borger/${c.id}`}>{t('ui.cw.print.back')}</a>
        </p>
        <CitizenHeader c={c} />
        <section aria-labelledby="pr-meeting">
          <h2 id="pr-meeting">{t('ui.cw.print.meeting')}</h2>
          {next ? (
            <div class={next.reflection ? 'cw-meeting cw-meeting-with-reflection' : 'cw-meeting'}>
              <div>
                <p>
                  <strong>{t(`ui.cw.kind.${next.kind}`)}</strong> · {formatDateTime(next.starts_at)} · {next.location}
                </p>
                {next.participants?.length > 0 && <p>{next.participants.join(', ')}</p>}
                {next.agenda && <p class="cw-pre">{next.agenda}</p>}
                <ol class="cw-print-goals">
                  <li>{t('ui.cw.print.aim_1')}</li>
                  <li>{t('ui.cw.print.aim_2')}</li>
                  <li>{t('ui.cw.print.aim_3')}</li>
                </ol>
              </div>
              {next.reflection && <Reflection r={next.reflection} />}
            </div>
          ) : (
            <p>{t('ui.cw.meetings.none_upcoming')}</p>
          )}
        </section>
        <section aria-labelledby="pr-staircase">
          <h2 id="pr-staircase">{t('ui.cw.prog.staircase')}</h2>
          {prog.data ? <StaircaseGap staircase={prog.data.staircase} /> : null}
        </section>
        <section aria-labelledby="pr-goals">
          <h2 id="pr-goals">{t('ui.cw.section.goals')}</h2>
          {(c.goals || []).length ? (
            <ul class="cw-print-list">
              {c.goals.map((g) => (
                <li key={g.id}>
                  <strong>{g.title}</strong> {g.target_date && `(${formatDate(g.target_date)})`} · {lastScore(g.id)}
                  {g.sub_goals?.length > 0 && (
                    <ul>
                      {g.sub_goals.map((s) => (
                        <li key={s.id}>
                          {s.title} · {lastScore(s.id)}
                          {s.activities?.length > 0 && ` – ${s.activities.map((a) => a.title).join('; ')}`}
                        </li>
                      ))}
                    </ul>
                  )}
                </li>
              ))}
            </ul>
          ) : (
            <p>{t('ui.cw.goals.none')}</p>
          )}
        </section>
        <section aria-labelledby="pr-plan">
          <h2 id="pr-plan">{t('ui.cw.section.plan')}</h2>
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
          {c.plan?.mixing_desk && (
            <p>
              {t('ui.cw.desk.title')}: {SLIDERS.filter((s) => c.plan.mixing_desk[s] != null).map((s) => `${t(`ui.cw.desk.${s}`)} ${c.plan.mixing_desk[s]}/5`).join(' · ')}
            </p>
          )}
          {c.plan?.feedback && (
            <p>
              {t('ui.cw.plan.citizen_said', { answer: t(`ui.cw.plan.recognises.${c.plan.feedback.recognises}`) })}
              {c.plan.feedback.comment && ` “${c.plan.feedback.comment}”`}
            </p>
          )}
        </section>
        <section aria-labelledby="pr-notes">
          <h2 id="pr-notes">{t('ui.cw.print.agreements')}</h2>
          <p class="cw-print-lines">{t('ui.cw.print.agreements_hint')}</p>
        </section>
      </Page>
    </div>
  );
}

