import { useEffect, useState } from 'preact/hooks';
import { onLanguageChange, t } from './i18n.js';
import { Layout } from './layout.jsx';
import { match, navigate, usePath } from './router.js';
import { homeFor, routes } from './screens/index.js';
import NotFound from './screens/NotFound.jsx';
import { useSession } from './session.js';

// resolve decides what a path shows for the current session.
function resolve(path, session) {
  const signedIn = session.status === 'in';
  for (const route of routes) {
    const params = match(route.path, path);
    if (!params) continue;
    if (route.access === 'public') return { route, params };
    if (route.access === 'anonymous') return signedIn ? { redirect: homeFor(session.user.role) } : { route, params };
    if (!signedIn) return { redirect: '/login' };
    if (route.access !== 'signed-in' && route.access !== session.user.role) return { redirect: homeFor(session.user.role) };
    return { route, params };
  }
  return { notFound: true };
}

export function App() {
  const session = useSession();
  const path = usePath();
  const [, setLang] = useState(null);
  useEffect(() => onLanguageChange(setLang), []);

  const loading = session.status === 'loading';
  const target = loading ? {} : resolve(path, session);
  useEffect(() => {
    if (target.redirect) navigate(target.redirect, { replace: true });
  }, [target.redirect]);

  let body;
  if (loading || target.redirect) body = <Loading />;
  else if (target.notFound) body = <NotFound home={session.user ? homeFor(session.user.role) : '/login'} />;
  else body = <Screen route={target.route} params={target.params} user={session.user} />;
  return <Layout>{body}</Layout>;
}

// Screen renders a route's component, loading its chunk first when needed.
const loaded = new Map();

function Screen({ route, params, user }) {
  const [, setTick] = useState(0);
  const [failed, setFailed] = useState(false);
  const Component = route.screen || loaded.get(route);
  useEffect(() => {
    if (Component) return;
    setFailed(false);
    route
      .load()
      .then((c) => {
        loaded.set(route, c);
        setTick((n) => n + 1);
      })
      .catch(() => setFailed(true));
  }, [route]);
  if (failed) return <p class="loading">{t('ui.error.network')}</p>;
  if (!Component) return <Loading />;
  return <Component params={params} user={user} />;
}

function Loading() {
  return (
    <p class="loading" role="status">
      {t('ui.app.loading')}
    </p>
  );
}
