// Small form and data helpers shared by the caseworker's screens.
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { api } from '../../api.js';
import { Messages, describedBy } from '../../components/fields.jsx';
import { t } from '../../i18n.js';

export { Field, Select, TextArea } from '../../components/fields.jsx';

// Radios: a fieldset of DKFDS radio buttons; options [{value, label, hint?}].
export function Radios({ name, legend, hint, error, value, onValue, options, inline = false }) {
  return (
    <div class={error ? 'form-group form-error' : 'form-group'}>
      <fieldset aria-describedby={describedBy(name, hint, error)}>
        <legend class="form-label">{legend}</legend>
        <Messages id={name} hint={hint} error={error} />
        <div class={inline ? 'cw-radio-row' : undefined}>
          {options.map((o) => (
            <div class="form-group-radio" key={o.value}>
              <input
                class="form-radio"
                type="radio"
                id={`${name}-${o.value}`}
                name={name}
                value={o.value}
                checked={String(value) === String(o.value)}
                onChange={() => onValue(o.value)}
                aria-describedby={o.hint ? `${name}-${o.value}-hint` : undefined}
              />
              <label class="form-label" for={`${name}-${o.value}`}>
                {o.label}
              </label>
              {o.hint && (
                <span class="form-hint" id={`${name}-${o.value}-hint`}>
                  {o.hint}
                </span>
              )}
            </div>
          ))}
        </div>
      </fieldset>
    </div>
  );
}

// useLoad fetches path (null: nothing yet) and offers reload(). Only the
// latest request's answer counts: an older one arriving late (a filter
// changed twice quickly, two reloads) must not overwrite it.
export function useLoad(path) {
  const [state, setState] = useState({ data: null, error: null, loading: !!path });
  const latest = useRef(0);
  const load = useCallback(async () => {
    if (!path) return;
    const n = ++latest.current;
    setState((s) => ({ ...s, loading: true }));
    try {
      const data = await api.get(path);
      if (n === latest.current) setState({ data, error: null, loading: false });
    } catch (error) {
      if (n === latest.current) setState({ data: null, error, loading: false });
    }
  }, [path]);
  useEffect(() => {
    load();
  }, [load]);
  return { ...state, reload: load };
}

// Status announces a short result to screen readers and shows it.
export function Status({ text, kind = 'success' }) {
  if (!text) return <div role="status" class="sr-only" />;
  return (
    <div role="status" class={`alert alert-${kind} alert--compact`}>
      <div class="alert-body">
        <p class="alert-text">{text}</p>
      </div>
    </div>
  );
}

export function LoadError({ error }) {
  if (!error) return null;
  return (
    <div class="alert alert-error" role="alert">
      <div class="alert-body">
        <p class="alert-text">{error.message || t('ui.error.generic')}</p>
      </div>
    </div>
  );
}

// useFormState is useForm for pages with several forms: inputs have ids
// `${prefix}-${field}`, where field is the API's field name.
export function useFormState(prefix, labels) {
  const [errors, setErrors] = useState({});
  const [summary, setSummary] = useState([]);
  const [busy, setBusy] = useState(false);
  const fields = Object.keys(labels);

  function show(fieldErrors, general = [], fromServer = false) {
    setErrors(fieldErrors);
    setSummary([
      ...general.map((message) => ({ message })),
      ...fields
        .filter((f) => fieldErrors[f])
        .map((f) => ({ id: `${prefix}-${f}`, message: fromServer ? `${labels[f]}: ${fieldErrors[f]}` : fieldErrors[f] })),
    ]);
  }

  async function run(validate, call) {
    const invalid = validate ? validate() : {};
    if (Object.keys(invalid).length) return show(invalid);
    setBusy(true);
    show({});
    try {
      await call();
    } catch (err) {
      const fe = {};
      const other = [];
      for (const [k, v] of Object.entries(err?.fields || {})) {
        const f = fields.find((name) => k === name || k.startsWith(`${name}[`) || k.startsWith(`${name}.`));
        if (f && !fe[f]) fe[f] = v;
        else if (!f) other.push(`${k}: ${v}`);
      }
      show(fe, Object.keys(fe).length ? other : [err?.message || t('ui.error.generic'), ...other], true);
    } finally {
      setBusy(false);
    }
  }

  const id = (f) => `${prefix}-${f}`;
  return { errors, summary, busy, run, id, clear: () => show({}) };
}
