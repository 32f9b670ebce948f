// Labelled DKFDS form controls with hint and error message, linked for
// screen readers (aria-describedby, aria-invalid). Used by every screen.
import { t } from '../i18n.js';

export function describedBy(id, hint, error) {
  return [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(' ') || undefined;
}

export function Messages({ id, hint, error }) {
  return (
    <>
      {hint && (
        <span class="form-hint" id={`${id}-hint`}>
          {hint}
        </span>
      )}
      {error && (
        <span class="form-error-message" id={`${id}-error`}>
          <span class="sr-only">{t('ui.form.error_prefix')} </span>
          {error}
        </span>
      )}
    </>
  );
}

export function Field({ id, label, hint, error, value, onValue, type = 'text', width = 'input-width-xl', ...rest }) {
  return (
    <div class={error ? 'form-group form-error' : 'form-group'}>
      <label class="form-label" for={id}>
        {label}
      </label>
      <Messages id={id} hint={hint} error={error} />
      <input
        class={`form-input ${width}`}
        id={id}
        name={id}
        type={type}
        value={value}
        onInput={(e) => onValue(e.currentTarget.value)}
        aria-describedby={describedBy(id, hint, error)}
        aria-invalid={error ? 'true' : undefined}
        {...rest}
      />
    </div>
  );
}

export function TextArea({ id, label, hint, error, value, onValue, rows = 3, ...rest }) {
  return (
    <div class={error ? 'form-group form-error' : 'form-group'}>
      <label class="form-label" for={id}>
        {label}
      </label>
      <Messages id={id} hint={hint} error={error} />
      <textarea
        class="form-input input-width-xl"
        id={id}
        name={id}
        rows={rows}
        value={value}
        onInput={(e) => onValue(e.currentTarget.value)}
        aria-describedby={describedBy(id, hint, error)}
        aria-invalid={error ? 'true' : undefined}
        {...rest}
      />
    </div>
  );
}

export function Select({ id, label, hint, error, value, onValue, options, ...rest }) {
  return (
    <div class={error ? 'form-group form-error' : 'form-group'}>
      <label class="form-label" for={id}>
        {label}
      </label>
      <Messages id={id} hint={hint} error={error} />
      <select
        class="form-select"
        id={id}
        name={id}
        value={value}
        onChange={(e) => onValue(e.currentTarget.value)}
        aria-describedby={describedBy(id, hint, error)}
        aria-invalid={error ? 'true' : undefined}
        {...rest}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

