import { useState } from 'preact/hooks';
import { ApiError } from '../api.js';
import { t } from '../i18n.js';

// useForm keeps field errors and the summary together. `labels` maps input
// ids (the API's field names) to their labels, so errors the server reports
// in `fields` link to the right input and say which one they are about.
export function useForm(labels) {
  const fieldIds = Object.keys(labels);
  const [errors, setErrors] = useState({});
  const [summary, setSummary] = useState([]);
  const [busy, setBusy] = useState(false);

  function show(fieldErrors, general = [], fromServer = false) {
    setErrors(fieldErrors);
    const message = (id) => (fromServer ? `${labels[id]}: ${fieldErrors[id]}` : fieldErrors[id]);
    setSummary([
      ...general.map((text) => ({ message: text })),
      ...fieldIds.filter((id) => fieldErrors[id]).map((id) => ({ id, message: message(id) })),
    ]);
  }

  function clear() {
    setErrors({});
    setSummary([]);
  }

  // run validates, then calls the server; an ApiError becomes form errors.
  async function run(validate, call) {
    const invalid = validate();
    if (Object.keys(invalid).length) return show(invalid);
    setBusy(true);
    try {
      clear();
      await call();
    } catch (err) {
      if (!(err instanceof ApiError)) return show({}, [t('ui.error.generic')]);
      const fields = {};
      for (const id of fieldIds) if (err.fields[id]) fields[id] = err.fields[id];
      show(fields, Object.keys(fields).length ? [] : [err.message], true);
    } finally {
      setBusy(false);
    }
  }

  return { errors, summary, busy, run };
}
