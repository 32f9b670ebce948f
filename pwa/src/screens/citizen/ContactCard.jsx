import { t } from '../../i18n.js';
import { useResource } from '../../offline/resource.js';

// ContactCard: whom the citizen can call, with the caseworker's own phone
// number and hours. card is home.caseworker; without it the card is read
// from GET /me/caseworker (kept for offline use like every screen).
export function ContactCard({ card, headingLevel = 2, id = 'kontakt' }) {
  const res = useResource(card ? null : '/me/caseworker');
  const c = card || res.data;
  if (!c) return null;
  const H = `h${headingLevel}`;
  const tel = c.phone ? c.phone.replace(/[^+0-9]/g, '') : '';
  return (
    <section class="card contact-card" id={id} aria-labelledby={`${id}-h`} tabIndex={-1}>
      <div class="card-content">
        <H id={`${id}-h`} class="h4">
          {t('ui.contact.title')}
        </H>
        <p class="contact-name">
          <strong>{c.name}</strong>
        </p>
        <ul class="nobullet-list contact-ways">
          {c.phone && (
            <li>
              {t('ui.contact.phone')}: <a href={`tel:${tel}`}>{c.phone}</a>
            </li>
          )}
          {c.contact_hours && (
            <li>
              {t('ui.contact.hours')}: {c.contact_hours}
            </li>
          )}
          <li>
            {t('ui.contact.email')}: <a href={`mailto:${c.email}`}>{c.email}</a>
          </li>
        </ul>
        {!c.phone && <p class="contact-no-phone">{t('ui.contact.no_phone')}</p>}
      </div>
    </section>
  );
}

// ContactLink: the words "contact your caseworker", always a link to the card.
export function ContactLink({ text }) {
  return (
    <a href="/kontakt" class="contact-link">
      {text || t('ui.contact.link')}
    </a>
  );
}
