import type { Band } from '../../lib/model/carbon/types';
import { PERIODS, type PeriodId, type Stats, type Totals as TotalsT } from '../../lib/model/stats';
import { PART_IDS } from '../../lib/model/carbon/exchange';
import { fmt, fmtBandGrams, fmtInt, fmtRange, t, type MessageKey } from '../shared/i18n';
import { CoverageNote, PART_LABEL, partBand } from '../shared/Parts';

const PERIOD_LABEL: Record<PeriodId, MessageKey> = {
  today: 'periodToday',
  week: 'period7d',
  month: 'period30d',
  all: 'periodAll',
};

/** A central value, big, with its range under it, small: never a lone falsely-precise number. */
export function BandCell({
  band,
  grams,
  unknown,
}: {
  band: Band | null;
  grams?: boolean;
  /** Shows "unknown" (older history) rather than a dash. */
  unknown?: boolean;
}) {
  if (unknown) {
    return (
      <td class="band unknown">
        <span class="central">{t('partUnknown')}</span>
        <span class="range">&nbsp;</span>
      </td>
    );
  }
  if (!band) {
    return (
      <td class="band">
        <span class="central">–</span>
        <span class="range">&nbsp;</span>
      </td>
    );
  }
  const g = grams ? fmtBandGrams(band) : null;
  return (
    <td class="band">
      <span class="central">
        {g ? g.value : fmt(band.central)}
        {g && g.unit === 'kg' ? <span class="unit"> kg</span> : null}
      </span>
      {/* A 0–0 range says nothing; the empty line keeps the row's height. */}
      <span class="range">{band.max === 0 ? '\u00a0' : g ? g.range : fmtRange(band)}</span>
    </td>
  );
}

/** Totals for today / 7 days / 30 days / all time, one column each. */
export function Totals({
  stats,
  allTime,
}: {
  stats: Stats | null;
  /** All-time totals when they come from a separate, later read (the popup). */
  allTime?: TotalsT | null;
}) {
  const col = (p: PeriodId): TotalsT | null =>
    p === 'all' && allTime !== undefined ? allTime : (stats?.[p] ?? null);
  const countRow = (label: string, f: (p: PeriodId) => number) => (
    <tr class="count">
      <th scope="row">{label}</th>
      {PERIODS.map((p) => (
        <td key={p}>{col(p) ? fmtInt(f(p)) : '–'}</td>
      ))}
    </tr>
  );
  return (
    <>
      <table class="totals" data-testid="totals">
        <caption class="sr-only">{t('totalsCaption')}</caption>
        <thead>
          <tr>
            <td />
            {PERIODS.map((p) => (
              <th scope="col" key={p}>
                {t(PERIOD_LABEL[p])}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          <tr>
            <th scope="row">{t('unitGco2e')}</th>
            {PERIODS.map((p) => (
              <BandCell key={p} band={col(p)?.estimate.gco2e ?? null} grams />
            ))}
          </tr>
          {/* The same grams by part (issue #14); a part unknown for the period says so. */}
          {PART_IDS.map((id) => (
            <tr key={id} class="part" data-part={id}>
              <th scope="row">{t(PART_LABEL[id])}</th>
              {PERIODS.map((p) => {
                const c = col(p);
                const b = c ? partBand(c, id) : null;
                return <BandCell key={p} band={b} grams unknown={c !== null && b === null} />;
              })}
            </tr>
          ))}
          <tr>
            <th scope="row">{t('unitWh')}</th>
            {PERIODS.map((p) => (
              <BandCell key={p} band={col(p)?.estimate.energyWh ?? null} />
            ))}
          </tr>
          <tr>
            <th scope="row">{t('unitWaterMl')}</th>
            {PERIODS.map((p) => (
              <BandCell key={p} band={col(p)?.estimate.waterMl ?? null} />
            ))}
          </tr>
          {countRow(t('rowPrompts'), (p) => col(p)!.prompts)}
          {countRow(t('rowResponses'), (p) => col(p)!.responses)}
          {countRow(t('rowTokensIn'), (p) => col(p)!.inputTokens)}
          {countRow(t('rowTokensOut'), (p) => col(p)!.outputTokens)}
        </tbody>
      </table>
      <CoverageNote tot={col('all')} />
    </>
  );
}
