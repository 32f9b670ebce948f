// Påmindelser (/arbejdsgiver/paamindelser): the employer's push messages on
// this device, quiet hours and a pause. The parts are the citizen's, with
// sentences of the employer's own: what they get and when.
import { Page } from '../../components/Page.jsx';
import { t } from '../../i18n.js';
import { Settings, ThisDevice } from '../citizen/Reminders.jsx';

export default function Reminders() {
  const text = {
    what: t('ui.employer.reminders.what'),
    discreet: t('ui.employer.reminders.discreet'),
    quiet: t('ui.employer.reminders.quiet'),
    pause: t('ui.employer.reminders.pause'),
  };
  return (
    <Page title={t('ui.employer.reminders.title')}>
      <ThisDevice text={text} />
      <Settings text={text} />
    </Page>
  );
}
