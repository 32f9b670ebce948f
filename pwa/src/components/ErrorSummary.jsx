import { useEffect, useId, useRef } from 'preact/hooks';
import { t } from '../i18n.js';

// The DKFDS error summary: an error alert listing every problem, each linked
// to its field. It takes focus when it appears so it is read out at once.
// items: [{ id?: field id, message }]
export function ErrorSummary({ items }) {
  const ref = useRef(null);
  // A page may show several summaries at once (the caseworker's citizen page).
  const titleId = `error-summary-title${useId()}`;
  useEffect(() => {
    if (items.length && ref.current) ref.current.focus();
  }, [items]);
  if (!items.length) return null;
  return (
    <div class="alert alert-error error-summary" role="alert" tabIndex={-1} ref={ref} aria-labelledby={titleId}>
      <AlertIcon />
      <div class="alert-body">
        <p class="alert-heading" id={titleId}>
          {t('ui.form.error_summary_title')}
        </p>
        <ul class="alert-text">
          {items.map((item) => (
            <li key={item.id || item.message}>
              {item.id ? (
                <a href={`#${item.id}`} onClick={(e) => focusField(e, item.id)}>
                  {item.message}
                </a>
              ) : (
                item.message
              )}
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}

// Scroll the label into view, then focus the input, as DKFDS does.
function focusField(e, id) {
  const input = document.getElementById(id);
  if (!input) return;
  e.preventDefault();
  const label = document.querySelector(`label[for="${id}"]`);
  (label || input).scrollIntoView();
  input.focus({ preventScroll: true });
}

// AlertIcon is the error alert's icon.
export function AlertIcon() {
  return (
    <svg class="icon-svg alert-icon" aria-hidden="true" focusable="false" viewBox="0 -960 960 960">
      <path d="M480-280q17 0 28.5-11.5T520-320q0-17-11.5-28.5T480-360q-17 0-28.5 11.5T440-320q0 17 11.5 28.5T480-280Zm-40-160h80v-240h-80v240Zm40 360q-83 0-156-31.5T197-197q-54-54-85.5-127T80-480q0-83 31.5-156T197-763q54-54 127-85.5T480-880q83 0 156 31.5T763-763q54 54 85.5 127T880-480q0 83-31.5 156T763-197q-54 54-127 85.5T480-80Zm0-80q134 0 227-93t93-227q0-134-93-227t-227-93q-134 0-227 93t-93 227q0 134 93 227t227 93Zm0-320Z" />
    </svg>
  );
}
