import { t } from '../../i18n.js';
import { formatDateTime, formatDay, weekStartOf } from '../../format.js';
import { useOutbox } from '../../offline/outbox.js';
import { useResource } from '../../offline/resource.js';
import { CitizenPage, hoursText, meetingKind, pendingFor } from './common.jsx';
import { ContactCard } from './ContactCard.jsx';
import FastTrackCard from './FastTrackCard.jsx';
import SignInCodeNotice from './SignInCodeNotice.jsx';
import { Welcome } from './MyCase.jsx';

// I dag: first what the citizen is asked to do, then news, this week's hours,
// the next meeting and the goals. GET /api/v1/me/home.
export default function Today({ user }) {
  const res = useResource('/me/home');
  const home = res.data;
  return (
    <CitizenPage title={t('ui.citizen.today.title')} res={res}>
      {home && <SignInCodeNotice code={home.sign_in_code} />}
      {home && <TodayBody home={home} user={user} />}
    </CitizenPage>
  );
}

function TodayBody({ home, user }) {
  const outbox = useOutbox();
  const week = home.milestones && home.milestones.week_of_sickness;
  // Something the citizen already did offline is no longer asked of them.
  const actions = (home.actions || []).filter((a) => {
    if (a.kind === 'checkin') return !outbox.some((i) => i.kind === 'checkin' && !i.failed && i.week_start === weekStartOf());
    return !pendingFor(outbox, a.kind, a.meeting_id);
  });
  const next = (home.next_meetings || [])[0];
  return (
    <>
      {/* Fast track (issue 4): a pending request from the employer comes first of all. */}
      <FastTrackCard fastTrack={home.fast_track} contact={home.caseworker} />

      <Welcome />
      <p class="font-lead">{t('ui.citizen.today.greeting', { name: user.name })}</p>
      {week > 0 && <p class="sick-week">{t('ui.citizen.today.sick_week', { n: week })}</p>}
      <p>
        <a href="/forloeb" id="today-case-link">{t('ui.citizen.case.link')}</a>
      </p>

      {actions.length > 0 && (
        <section aria-labelledby="todo-h">
          <h2 id="todo-h">{t('ui.citizen.today.todo')}</h2>
          <ul class="action-list">
            {actions.map((a) => (
              <li key={a.kind + (a.meeting_id || '')}>
                <Action action={a} />
              </li>
            ))}
          </ul>
        </section>
      )}

      {(home.news || []).length > 0 && (
        <section aria-labelledby="news-h">
          <h2 id="news-h">{t('ui.citizen.today.news')}</h2>
          <ul class="news-list">
            {home.news.map((n) => (
              <li key={n.kind + (n.meeting_id || n.plan_version)}>
                <News item={n} />
              </li>
            ))}
          </ul>
        </section>
      )}

      <section aria-labelledby="week-h">
        <h2 id="week-h">{t('ui.citizen.today.this_week')}</h2>
        <ThisWeek week={home.this_week} />
      </section>

      <section aria-labelledby="meeting-h">
        <h2 id="meeting-h">{t('ui.citizen.today.next_meeting')}</h2>
        {next ? (
          <div class="card next-meeting">
            <div class="card-content">
              <h3 class="h4">
                <a href={`/moeder/${next.id}`}>{meetingKind(next.kind)}</a>
              </h3>
              <p>
                <strong>{formatDateTime(next.starts_at)}</strong>
                <br />
                {next.location}
              </p>
            </div>
          </div>
        ) : (
          <p>{t('ui.citizen.today.no_meeting')}</p>
        )}
      </section>

      <MyAgreements items={home.my_agreements} />

      <section aria-labelledby="goals-h">
        <h2 id="goals-h">{t('ui.citizen.today.goals')}</h2>
        {(home.goals || []).length ? (
          <ul class="goal-summary">
            {home.goals.map((g) => (
              <li key={g.id}>
                <strong>{g.title}</strong>
                {g.sub_goals && g.sub_goals.length > 0 && (
                  <ul>
                    {g.sub_goals.map((s) => (
                      <li key={s.id}>{s.title}</li>
                    ))}
                  </ul>
                )}
              </li>
            ))}
          </ul>
        ) : (
          <p>{t('ui.citizen.today.no_goals')}</p>
        )}
        <p>
          <a href="/maal" class="link-block">
            {t('ui.citizen.today.goals_link')}
          </a>
        </p>
      </section>

      {home.caseworker && <ContactCard card={home.caseworker} />}

      {/* Reminders, the calendar link, the access log and the data export. */}
      <p class="reminders-link">
        <a href="/mine-data" class="link-block">
          {t('ui.citizen.mydata.link')}
        </a>
      </p>
    </>
  );
}

// MyAgreements: the open items of the roundtable's agreement the citizen
// owns; the whole agreement (who does what) is one tap away.
function MyAgreements({ items }) {
  return (
    <section aria-labelledby="agree-h">
      <h2 id="agree-h">{t('ui.citizen.today.agreements')}</h2>
      {items?.length ? (
        <ul class="agree-summary">
          {items.map((a) => (
            <li key={a.id}>
              {a.text}
              {a.due_date && <span class="agree-due"> – {t('ui.agree.due', { date: formatDay(a.due_date) })}</span>}
              {a.overdue && <strong class="agree-overdue"> ({t('ui.agree.overdue')})</strong>}
            </li>
          ))}
        </ul>
      ) : (
        <p>{t('ui.citizen.today.no_agreements')}</p>
      )}
      <p>
        <a href="/aftaler" class="link-block">
          {t('ui.citizen.today.agreements_link')}
        </a>
      </p>
    </section>
  );
}

function Action({ action }) {
  const when = action.starts_at ? formatDateTime(action.starts_at) : '';
  const kind = action.meeting_kind ? meetingKind(action.meeting_kind) : '';
  const map = {
    reflection: [`/moeder/${action.meeting_id}#refleksion`, t('ui.citizen.today.action.reflection', { kind, when })],
    checkin: ['/checkin', t('ui.citizen.today.action.checkin')],
    reply: [`/moeder/${action.meeting_id}#svar`, t('ui.citizen.today.action.reply', { kind, when })],
  };
  const [href, text] = map[action.kind] || [];
  if (!href) return null;
  return (
    <a class="action-card" href={href}>
      {text}
    </a>
  );
}

function News({ item }) {
  const when = item.starts_at ? formatDateTime(item.starts_at) : '';
  const kind = item.meeting_kind ? meetingKind(item.meeting_kind) : '';
  if (item.kind === 'plan_changed') return <a href="/plan">{t('ui.citizen.today.news_plan')}</a>;
  if (item.kind === 'meeting_moved') return <a href={`/moeder/${item.meeting_id}`}>{t('ui.citizen.today.news_moved', { kind, when })}</a>;
  if (item.kind === 'meeting_cancelled') return <span>{t('ui.citizen.today.news_cancelled', { kind, when })}</span>;
  return null;
}

function ThisWeek({ week }) {
  if (!week || !week.days) return <p>{t('ui.citizen.today.no_plan_week')}</p>;
  return (
    <>
      <table class="table table--compact week-table">
        <caption class="sr-only">{t('ui.citizen.today.this_week')}</caption>
        <tbody>
          {week.days.map((d) => (
            <tr key={d.date} class={d.today ? 'is-today' : undefined} aria-current={d.today ? 'date' : undefined}>
              <th scope="row">
                {formatDay(d.date)}
                {d.today && <span class="today-tag"> {t('ui.citizen.today.today_tag')}</span>}
              </th>
              <td>{d.hours > 0 ? hoursText(d.hours) : t('ui.citizen.today.day_off')}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">{t('ui.citizen.total')}</th>
            <td>{hoursText(week.total)}</td>
          </tr>
        </tfoot>
      </table>
      {week.note && <p class="week-note">{week.note}</p>}
      {week.status_meeting && <p>{t('ui.citizen.today.status_meeting', { date: formatDay(week.status_meeting) })}</p>}
    </>
  );
}
