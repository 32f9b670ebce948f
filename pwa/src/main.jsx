import { render } from 'preact';
import { App } from './app.jsx';
import { browserLanguage, setLanguage } from './i18n.js';
import { startRouter } from './router.js';
import { startOutbox } from './offline/outbox.js';
import { restore } from './session.js';
import { registerServiceWorker } from './sw-register.js';

async function start() {
  startRouter();
  registerServiceWorker();
  await setLanguage(browserLanguage()).catch(() => {});
  render(<App />, document.getElementById('app'));
  startOutbox();
  restore();
}

start();
