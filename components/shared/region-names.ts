import { alpha2, regionName } from '../../lib/model/carbon/regions';
import { uiLocale } from './i18n';

/** The UI language's region names (kept, like the number formats). */
let regionNames: Intl.DisplayNames | undefined;

/**
 * A region's name in the UI language: ISO countries through the browser's own
 * Intl.DisplayNames (no name tables shipped), aggregates (WORLD, EU…) via the carbon
 * model's English names. Its own module, with lib/model/carbon/regions: the popup loads both
 * after its first paint.
 */
export function localRegionName(code: string): string {
  const a2 = alpha2(code);
  if (a2) {
    try {
      regionNames ??= new Intl.DisplayNames([uiLocale()], { type: 'region' });
      const name = regionNames.of(a2);
      if (name && name !== a2) return name;
    } catch {
      // Fall through to the English name.
    }
  }
  return regionName(code);
}
