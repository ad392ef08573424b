/**
 * The comparison as CSV (issue #19): the actual mix first, then one row per catalogue model,
 * with ranges flattened and the price each cost rests on (its date and page). The token
 * columns are the recorded usage every row replays, but hidden reasoning, which is each row's
 * own estimate. RFC 4180, the same quoting as the history export (lib/worker/export.ts).
 */
import { priceOf } from '../carbon/prices';
import { csvCell } from '../../shared/csv';
import type { Comparison, CompareRow } from './replay';

export const COMPARE_CSV_COLUMNS = [
  'row',
  'model',
  'provider',
  'tier',
  'reasoning',
  'replies',
  'inputTokens',
  'outputTokens',
  'contextTokens',
  'hiddenReasoningTokens',
  'gco2e',
  'gco2eMin',
  'gco2eMax',
  'energyWh',
  'energyWhMin',
  'energyWhMax',
  'waterMl',
  'waterMlMin',
  'waterMlMax',
  'apiCostUsd',
  'unpricedShare',
  'priceInputPerM',
  'priceCachedInputPerM',
  'priceOutputPerM',
  'priceSince',
  'priceUrl',
  'tokensPerSecond',
  'timeToFirstTokenS',
  'replySeconds',
  'gco2ePer1kOutputTokens',
  'tokensPerWh',
  'tokensPerUsd',
  'gco2ePerUsd',
  'referenceReplyWh',
  'energyClass',
] as const;

function line(c: Comparison, r: CompareRow): (string | number | null)[] {
  const p = r.spec ? priceOf(r.spec.id) : undefined;
  const e = r.estimate;
  return [
    r.spec ? 'model' : 'actual mix',
    r.spec?.id ?? 'mix',
    r.spec?.provider ?? null,
    r.spec?.tier ?? null,
    r.spec ? String(r.spec.reasoning) : null,
    c.usage.count,
    c.usage.inputTokens,
    c.usage.outputTokens,
    c.usage.contextTokens ?? 0,
    // Estimated (never counted): the row's model's own, 0 where it does not reason.
    e.hiddenReasoningTokens?.central ?? 0,
    e.gco2e.central,
    e.gco2e.min,
    e.gco2e.max,
    e.energyWh.central,
    e.energyWh.min,
    e.energyWh.max,
    e.waterMl.central,
    e.waterMl.min,
    e.waterMl.max,
    r.costUsd,
    r.unpricedShare,
    p?.inputPerM ?? null,
    p?.cachedInputPerM ?? null,
    p?.outputPerM ?? null,
    p?.since ?? null,
    p?.url ?? null,
    r.tps,
    r.ttftS,
    r.replyS,
    r.gPer1kOut,
    r.tokensPerWh,
    r.tokensPerUsd,
    r.gPerUsd,
    r.referenceWh,
    r.energyClass,
  ];
}

/** The comparison as CSV text (CRLF line ends, a header line). */
export function comparisonCsv(c: Comparison): string {
  const rows = [c.mix, ...c.models].map((r) => line(c, r).map(csvCell).join(','));
  return [COMPARE_CSV_COLUMNS.join(','), ...rows].join('\r\n') + '\r\n';
}
