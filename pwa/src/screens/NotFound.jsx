import { Page } from '../components/Page.jsx';
import { t } from '../i18n.js';

export default function NotFound({ home }) {
  return (
    <Page title={t('ui.not_found.title')}>
      <p data-not-found>{t('ui.not_found.text')}</p>
      <p>
        <a href={home}>{t('ui.not_found.home')}</a>
      </p>
    </Page>
  );
}
