import { Page } from '../../components/Page.jsx';
import { t } from '../../i18n.js';
import { useServiceInfo } from '../../serviceInfo.js';

// Sections are [heading key, paragraph keys…]; every key is written out so
// the catalog test finds it. Texts may use {org} and {days}.
const PRIVACY = [
  ['page.privacy.who_h', 'page.privacy.who_p'],
  ['page.privacy.what_h', 'page.privacy.what_p', 'page.privacy.what_answers'],
  ['page.privacy.why_h', 'page.privacy.why_p', 'page.privacy.why_law'],
  ['page.privacy.sees_h', 'page.privacy.sees_caseworker', 'page.privacy.sees_employer', 'page.privacy.sees_log'],
  ['page.privacy.long_h', 'page.privacy.long_p'],
  ['page.privacy.rights_h', 'page.privacy.rights_p', 'page.privacy.rights_export', 'page.privacy.rights_complain'],
];

const ACCESSIBILITY = [
  ['page.a11y.aim_h', 'page.a11y.aim_p'],
  ['page.a11y.how_h', 'page.a11y.how_p', 'page.a11y.how_charts'],
  ['page.a11y.known_h', 'page.a11y.known_p'],
  ['page.a11y.contact_h', 'page.a11y.contact_p', 'page.a11y.complain'],
];

const HELP = [
  ['page.help.signin_h', 'page.help.signin_p', 'page.help.forgot'],
  ['page.help.offline_h', 'page.help.offline_p'],
  ['page.help.reminders_h', 'page.help.reminders_p'],
  ['page.help.answers_h', 'page.help.answers_p'],
  ['page.help.contact_h', 'page.help.contact_p'],
];

function InfoPage({ title, intro, sections }) {
  const info = useServiceInfo();
  const vars = {
    org: info?.org?.name || t('page.org_fallback'),
    days: info?.retention_days ?? 365,
    log_days: info?.access_log_retention_days ?? 180,
  };
  return (
    <Page title={t(title)}>
      <p class="lead">{t(intro, vars)}</p>
      {sections.map(([h, ...ps]) => (
        <section key={h} aria-labelledby={h}>
          <h2 id={h}>{t(h, vars)}</h2>
          {ps.map((p) => (
            <p key={p}>{t(p, vars)}</p>
          ))}
        </section>
      ))}
      <Contact info={info} />
    </Page>
  );
}

// Contact: how to reach the organisation that runs the service, as set up.
function Contact({ info }) {
  const org = info?.org;
  if (!org || (!org.url && !org.email && !org.phone)) return null;
  return (
    <section aria-labelledby="info-contact">
      <h2 id="info-contact">{t('page.contact_h', { org: org.name })}</h2>
      <ul class="nobullet-list">
        {org.email && (
          <li>
            {t('page.contact_email')} <a href={`mailto:${org.email}`}>{org.email}</a>
          </li>
        )}
        {org.phone && (
          <li>
            {t('page.contact_phone')} <a href={`tel:${org.phone.replace(/\s+/g, '')}`}>{org.phone}</a>
          </li>
        )}
        {org.url && (
          <li>
            <a href={org.url} rel="noopener">
              {org.url}
            </a>
          </li>
        )}
      </ul>
    </section>
  );
}

export function Privacy() {
  return <InfoPage title="page.privacy.title" intro="page.privacy.intro" sections={PRIVACY} />;
}

export function Accessibility() {
  return <InfoPage title="page.a11y.title" intro="page.a11y.intro" sections={ACCESSIBILITY} />;
}

export function Help() {
  return <InfoPage title="page.help.title" intro="page.help.intro" sections={HELP} />;
}
