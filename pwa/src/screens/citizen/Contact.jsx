import { t } from '../../i18n.js';
import { useResource } from '../../offline/resource.js';
import { CitizenPage } from './common.jsx';
import { ContactCard } from './ContactCard.jsx';

// Kontakt: every "contact your caseworker" in the app links here.
export default function Contact() {
  const res = useResource('/me/caseworker');
  return (
    <CitizenPage title={t('ui.contact.page_title')} res={res}>
      <p>{t('ui.contact.intro')}</p>
      {res.data && <ContactCard card={res.data} />}
      <p>
        <a href="/" class="link-block">
          {t('ui.contact.back')}
        </a>
      </p>
    </CitizenPage>
  );
}
