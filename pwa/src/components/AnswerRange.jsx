import { t } from '../i18n.js';

/*
AnswerRange is a slider that may be left unanswered. Until it is touched it
has no value (null): it says "not answered", and nothing is sent or saved for
it. Once answered, a button takes the answer back.

Props:
  id, label      the input's id and its visible label
  value          null (not answered) or a number from min to max
  min, max       the scale
  low, high      words at the two ends
  valueText      (n) => string read by screen readers for a value
  onValue        (n | null) => void
  unsetText      what an unanswered slider says (default "Ikke besvaret")
  clearLabel     the button that takes the answer back
*/
export function AnswerRange({ id, label, value, min, max, low, high, valueText, onValue, unsetText, clearLabel, classes = 'range' }) {
  const unset = value == null;
  const shown = unset ? Math.round((min + max) / 2) : value;
  const notAnswered = unsetText || t('ui.answer.not_answered');
  // A click on the thumb where it already sits fires no input event: count
  // the pointer's release as the answer too.
  const take = (e) => onValue(Number(e.currentTarget.value));
  return (
    <div class={`form-group ${classes}-group${unset ? ' is-unset' : ''}`}>
      <label class="form-label" for={id}>
        {label}
      </label>
      <div class={`${classes}-row`}>
        <input
          type="range"
          class={`${classes}-input`}
          id={id}
          min={min}
          max={max}
          step={1}
          value={shown}
          aria-valuetext={unset ? notAnswered : valueText(value)}
          onInput={take}
          onPointerUp={unset ? take : undefined}
        />
        <output class={`${classes}-value`} for={id} aria-hidden="true">
          {unset ? notAnswered : value}
        </output>
      </div>
      <div class={`${classes}-ends`} aria-hidden="true">
        <span>
          {min} {low}
        </span>
        <span>
          {max} {high}
        </span>
      </div>
      {!unset && (
        <button type="button" class="button button-tertiary answer-clear" onClick={() => onValue(null)}>
          {clearLabel || t('ui.answer.clear')}
          <span class="sr-only">: {label}</span>
        </button>
      )}
    </div>
  );
}
