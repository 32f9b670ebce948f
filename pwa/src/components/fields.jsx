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

// Group is the form group around one control: label, hint and error.
function Group({ id, label, hint, error, children }) {
  return (
    <div class={error ? 'form-group form-error' : 'form-group'}>
      <label class="form-label" for={id}>
        {label}
      </label>
      <Messages id={id} hint={hint} error={error} />
      {children}
    </div>
  );
}

// linked are the attributes that tie a control to its group's messages.
function linked(id, hint, error) {
  return { id, name: id, 'aria-describedby': describedBy(id, hint, error), 'aria-invalid': error ? 'true' : undefined };
}

export function Field({ id, label, hint, error, value, onValue, type = 'text', width = 'input-width-xl', ...rest }) {
  return (
    <Group id={id} label={label} hint={hint} error={error}>
      <input
        class={`form-input ${width}`}
        {...linked(id, hint, error)}
        type={type}
        value={value}
        onInput={(e) => onValue(e.currentTarget.value)}
        {...rest}
      />
    </Group>
  );
}

export function TextArea({ id, label, hint, error, value, onValue, rows = 3, ...rest }) {
  return (
    <Group id={id} label={label} hint={hint} error={error}>
      <textarea
        class="form-input input-width-xl"
        {...linked(id, hint, error)}
        rows={rows}
        value={value}
        onInput={(e) => onValue(e.currentTarget.value)}
        {...rest}
      />
    </Group>
  );
}

export function Select({ id, label, hint, error, value, onValue, options, ...rest }) {
  return (
    <Group id={id} label={label} hint={hint} error={error}>
      <select class="form-select" {...linked(id, hint, error)} value={value} onChange={(e) => onValue(e.currentTarget.value)} {...rest}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </Group>
  );
}
