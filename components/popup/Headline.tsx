import type { Totals } from '../../lib/model/stats';
import { fmt, fmtBandGrams, fmtPct, t } from '../shared/i18n';
import { partShare } from '../shared/Parts';
import { bestEquivalent, EQUIVALENT_LABEL } from './model';

/**
 * What the popup opens on (issue #14): this week's footprint with its range, one everyday
 * equivalent, and how much of it is re-read conversation and hidden reasoning. Two lines
 * reserved before the data arrives, so nothing below moves.
 */
export function Headline({ week }: { week: Totals | null }) {
  if (!week) {
    return (
      <div class="headline" data-testid="headline" aria-busy="true">
        <p class="big">&nbsp;</p>
        <p class="sub">&nbsp;</p>
      </div>
    );
  }
  if (week.responses === 0) {
    return (
      <div class="headline" data-testid="headline">
        <p class="big">{t('headlineNone')}</p>
        <p class="sub">&nbsp;</p>
      </div>
    );
  }
  const g = fmtBandGrams(week.estimate.gco2e);
  const eq = bestEquivalent(week.estimate);
  const ctx = partShare(week, 'context');
  const think = partShare(week, 'reasoning');
  return (
    <div class="headline" data-testid="headline">
      <p class="big">
        {t('headlineWeek', `${g.value} ${g.unit}`, `${g.range} ${g.unit}`)}{' '}
        <span class="equiv">
          {t('headlineEquiv', t(EQUIVALENT_LABEL[eq.id], fmt(eq.amount.central)))}
        </span>
      </p>
      <p class="sub">
        {ctx === null
          ? t('headlinePartsUnknown')
          : t('headlineParts', fmtPct(ctx), think === null ? t('partUnknown') : fmtPct(think))}
      </p>
    </div>
  );
}
