import { t } from '../i18n.js';
import { useServiceInfo } from '../serviceInfo.js';

// The footer on every screen: who runs the service, how to reach them, and
// the pages anyone may read without signing in.
export function Footer() {
  const info = useServiceInfo();
  const org = info?.org;
  return (
    <footer class="site-footer">
      <div class="container">
        {org && (
          <p class="site-footer-org">
            {t('ui.footer.run_by')}{' '}
            {org.url ? (
              <a href={org.url} rel="noopener">
                {org.name}
              </a>
            ) : (
              org.name
            )}
            {org.email && (
              <>
                {' · '}
                <a href={`mailto:${org.email}`}>{org.email}</a>
              </>
            )}
            {org.phone && (
              <>
                {' · '}
                <a href={`tel:${org.phone.replace(/\s+/g, '')}`}>{org.phone}</a>
              </>
            )}
          </p>
        )}
        <ul class="site-footer-links">
          <li>
            <a href="/privatliv">{t('ui.footer.privacy')}</a>
          </li>
          <li>
            <a href="/tilgaengelighed">{t('ui.footer.accessibility')}</a>
          </li>
          <li>
            <a href="/hjaelp">{t('ui.footer.help')}</a>
          </li>
        </ul>
      </div>
    </footer>
  );
}
