import { t } from '../i18n.js';
import { usePath } from '../router.js';

// The citizen's five screens. On a phone it sits at the bottom of the screen
// (sticky), within reach of a thumb; on wider screens under the header. Its
// words ("ui.nav.…") are in the catalog's first part: it shows before the
// citizen's own part ("ui.citizen.…") has loaded.
const ITEMS = [
  { href: '/', key: 'today', match: (p) => p === '/' },
  { href: '/plan', key: 'plan', match: (p) => p.startsWith('/plan') },
  { href: '/maal', key: 'goals', match: (p) => p.startsWith('/maal') },
  { href: '/checkin', key: 'checkin', match: (p) => p.startsWith('/checkin') },
  { href: '/moeder', key: 'meetings', match: (p) => p.startsWith('/moeder') },
];

export function CitizenNav() {
  const path = usePath();
  return (
    <nav class="citizen-nav" aria-label={t('ui.nav.label')}>
      <ul>
        {ITEMS.map((item) => (
          <li key={item.href}>
            <a href={item.href} aria-current={item.match(path) ? 'page' : undefined}>
              {t(`ui.nav.${item.key}`)}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
