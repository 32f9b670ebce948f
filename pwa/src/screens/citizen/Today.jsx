import { Page } from '../../components/Page.jsx';
import { t } from '../../i18n.js';

// Placeholder for the citizen's first screen (GET /api/v1/me/home comes later).
export default function Today({ user }) {
  return (
    <Page title={t('ui.citizen.today.title')}>
      <p class="font-lead">{t('ui.citizen.today.greeting', { name: user.name })}</p>
      <p>{t('ui.citizen.today.placeholder')}</p>
    </Page>
  );
}
