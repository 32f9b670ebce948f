import { Page } from '../../components/Page.jsx';
import { t } from '../../i18n.js';

// Placeholder for the caseload list (GET /api/v1/citizens comes later).
export default function MyCitizens() {
  return (
    <Page title={t('ui.caseworker.home.title')}>
      <p>{t('ui.caseworker.home.placeholder')}</p>
    </Page>
  );
}
