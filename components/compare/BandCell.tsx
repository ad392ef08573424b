import type { Band } from '../../lib/model/carbon/types';
import { fmt, fmtBandGrams, fmtRange } from '../shared/i18n';

/**
 * A table cell with a central value over its min–max range (grams switch to kg), as a plain
 * function: the comparison table calls it ~130 times, where a component each would cost
 * Preact an instance apiece on the page's first render.
 */
export function bandCell(b: Band, grams = false) {
  const g = grams ? fmtBandGrams(b) : null;
  return (
    <td class="band">
      <span class="central">{g ? `${g.value} ${g.unit}` : fmt(b.central)}</span>
      <span class="range">{g ? g.range : fmtRange(b)}</span>
    </td>
  );
}

/** bandCell as a component. */
export function BandCell({ b, grams }: { b: Band; grams?: boolean }) {
  return bandCell(b, grams);
}
