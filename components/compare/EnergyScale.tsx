import { CLASS_BOUNDS_WH, ENERGY_CLASSES } from '../../lib/model/compare/energy-class';
import { fmt, t } from '../shared/i18n';

/** The A–G scale: each class's upper bound in Wh per reference reply, and how it was set. */
export function EnergyScale() {
  return (
    <>
      <ol class="escale" data-testid="energy-scale">
        {ENERGY_CLASSES.map((c, i) => (
          <li key={c}>
            <span class={`eclass eclass-${c}`}>{c}</span>{' '}
            {i < CLASS_BOUNDS_WH.length
              ? t('classUpTo', fmt(CLASS_BOUNDS_WH[i]!))
              : t('classAbove', fmt(CLASS_BOUNDS_WH[i - 1]!))}
          </li>
        ))}
      </ol>
      <p class="note">{t('compareClassBody')}</p>
    </>
  );
}
