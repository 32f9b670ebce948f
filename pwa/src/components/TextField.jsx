import { t } from '../i18n.js';

// A labelled DKFDS text input with optional hint and error message.
export function TextField({ id, label, hint, error, value, onValue, type = 'text', ...rest }) {
  const describedBy = [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(' ');
  return (
    <div class={error ? 'form-group form-error' : 'form-group'}>
      <label class="form-label" for={id}>
        {label}
      </label>
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
      <input
        class="form-input input-width-xl"
        id={id}
        name={id}
        type={type}
        value={value}
        onInput={(e) => onValue(e.currentTarget.value)}
        aria-describedby={describedBy || undefined}
        aria-invalid={error ? 'true' : undefined}
        {...rest}
      />
    </div>
  );
}
