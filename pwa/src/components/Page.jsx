import { useEffect, useRef } from 'preact/hooks';
import { t } from '../i18n.js';
import { takeFocusCue } from '../router.js';

// Page sets the document title and, after an in-app navigation, moves focus
// to the heading so screen-reader users hear where they are.
export function Page({ title, children }) {
  const h1 = useRef(null);
  useEffect(() => {
    document.title = t('ui.page_title', { title });
    if (takeFocusCue() && h1.current) h1.current.focus();
  }, [title]);
  return (
    <>
      <h1 tabIndex={-1} ref={h1}>
        {title}
      </h1>
      {children}
    </>
  );
}
