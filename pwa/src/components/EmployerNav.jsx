import { t } from '../i18n.js';
import { usePath } from '../router.js';

// The employer's menu, under the signed-in bar (which holds the language
// and "Log ud"): their employees, their reminders and their password. Its
// words ("ui.nav.employer.…") are in the catalog's first part, so it shows
// before the employer's own part has loaded.
const ITEMS = [
  { href: '/arbejdsgiver/medarbejdere', key: 'employees', match: (p) => p.startsWith('/arbejdsgiver/medarbejder') },
  { href: '/arbejdsgiver/paamindelser', key: 'reminders', match: (p) => p.startsWith('/arbejdsgiver/paamindelser') },
  { href: '/adgangskode', key: 'password', match: (p) => p.startsWith('/adgangskode') },
];

export function EmployerNav() {
  const path = usePath();
  return (
    <nav class="employer-nav" aria-label={t('ui.nav.employer.label')}>
      <ul class="container">
        {ITEMS.map((item) => (
          <li key={item.href}>
            <a href={item.href} aria-current={item.match(path) ? 'page' : undefined}>
              {t(`ui.nav.employer.${item.key}`)}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
