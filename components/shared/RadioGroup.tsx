import { t, type MessageKey } from './i18n';

/** What a radio group offers: its legend, its input name, and each value with its label. */
export interface RadioChoices<V extends string> {
  legend: MessageKey;
  name: string;
  options: readonly (readonly [V, MessageKey])[];
}

/** A fieldset of radio buttons, one per option, each labelled by its message. */
export function RadioGroup<V extends string>({
  legend,
  name,
  options,
  value,
  onPick,
}: RadioChoices<V> & { value: V; onPick: (v: V) => void }) {
  return (
    <fieldset class="radios">
      <legend>{t(legend)}</legend>
      {options.map(([v, label]) => (
        <label key={v}>
          <input type="radio" name={name} checked={value === v} onChange={() => onPick(v)} />{' '}
          {t(label)}
        </label>
      ))}
    </fieldset>
  );
}
