import { PART_IDS } from '../../lib/model/carbon/exchange';
import type { Band, PartId } from '../../lib/model/carbon/types';
import type { Totals } from '../../lib/model/stats';
import { fmtBandGrams, fmtInt, fmtPct, fmtRange, fmt, t, type MessageKey } from './i18n';

/** The parts of the footprint (issue #14), as the tables and the headline name them. */
export const PART_LABEL: Record<PartId, MessageKey> = {
  prompts: 'partPrompts',
  context: 'partContext',
  replies: 'partReplies',
  reasoning: 'partReasoning',
  extras: 'partExtras',
};

/**
 * Whether a part is known for these totals. Prompts and replies always are; the re-read
 * conversation and images/files/search only for replies recorded with their context, hidden
 * reasoning also where a duration was measured. Older history has none of these: its share
 * is unknown, never shown as zero.
 */
export function partKnown(tot: Totals, id: PartId): boolean {
  if (id === 'prompts' || id === 'replies' || tot.responses === 0) return true;
  if (id === 'reasoning') return tot.thinkRows > 0 || tot.contextRows > 0;
  return tot.contextRows > 0;
}

/** A part's band of `q` (g CO₂e, Wh or mL), or null when unknown (partKnown). */
export function partBand(
  tot: Totals,
  id: PartId,
  q: 'gco2e' | 'energyWh' | 'waterMl' = 'gco2e',
): Band | null {
  if (!partKnown(tot, id)) return null;
  return tot.estimate.parts?.[id]?.[q] ?? { min: 0, central: 0, max: 0 };
}

/** A part's share of the total grams (central over central), or null when unknown. */
export function partShare(tot: Totals, id: PartId): number | null {
  const b = partBand(tot, id);
  const all = tot.estimate.gco2e.central;
  return b && all > 0 ? b.central / all : null;
}

/**
 * What the parts rest on: of the replies counted, how many carry their re-read conversation
 * and how many a hidden-reasoning estimate; the rest are unknown, not counted as zero.
 */
export function CoverageNote({ tot }: { tot: Totals | null }) {
  if (!tot || tot.responses === 0) return null;
  return (
    <p class="note" data-testid="coverage">
      {t('partsCoverage', fmtInt(tot.contextRows), fmtInt(tot.responses), fmtInt(tot.thinkRows))}
      {tot.contextRows < tot.responses ? ` ${t('partsUnknownOlder')}` : ''}
    </p>
  );
}

/** The footprint split by part, each with its range and share (the report; print-clean). */
export function PartsTable({ tot }: { tot: Totals | null }) {
  if (!tot) return <div style={{ minHeight: '120px' }} />;
  const cell = (b: Band | null, grams: boolean) => {
    if (!b) return <td class="unknown">{t('partUnknown')}</td>;
    const g = grams ? fmtBandGrams(b) : null;
    return (
      <td>
        <span class="central">{g ? `${g.value} ${g.unit}` : fmt(b.central)}</span>{' '}
        {/* A 0–0 range says nothing. */}
        <span class="range">{b.max === 0 ? '' : g ? g.range : fmtRange(b)}</span>
      </td>
    );
  };
  const hidden = tot.estimate.hiddenReasoningTokens;
  return (
    <>
      <table class="parts" data-testid="parts">
        <caption class="sr-only">{t('partsCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('colPart')}</th>
            <th scope="col">{t('unitGco2e')}</th>
            <th scope="col">{t('unitWh')}</th>
            <th scope="col">{t('colShare')}</th>
          </tr>
        </thead>
        <tbody>
          {PART_IDS.map((id) => {
            const share = partShare(tot, id);
            return (
              <tr key={id} data-part={id}>
                <th scope="row">{t(PART_LABEL[id])}</th>
                {cell(partBand(tot, id), true)}
                {cell(partBand(tot, id, 'energyWh'), false)}
                <td>{share === null ? '–' : fmtPct(share)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {hidden && hidden.max > 0 ? (
        <p class="note">{t('partsHiddenTokens', fmt(hidden.central), fmtRange(hidden))}</p>
      ) : null}
      <CoverageNote tot={tot} />
    </>
  );
}

/** One part of a breakdown row: its grams, or null when the row's history lacks it. */
export interface RowPart {
  id: PartId;
  band: Band | null;
}

/**
 * The parts a breakdown row lists (issue #14): the known ones with grams and the unknown ones,
 * in PART_IDS order; a known part of zero says nothing and is left out. Reads the row's own
 * sums (computeStats carries them per bucket), so it costs five lookups per row.
 */
export function rowParts(tot: Totals): RowPart[] {
  const out: RowPart[] = [];
  for (const id of PART_IDS) {
    const band = partBand(tot, id);
    if (band === null || band.max > 0) out.push({ id, band });
  }
  return out;
}

/** A row's parts on one compact line: "your prompts 1.2 g (0.8–2.0), re-read conversation unknown". */
export function PartsLine({ tot }: { tot: Totals }) {
  return (
    <ul class="parts-line">
      {rowParts(tot).map(({ id, band }) => {
        const g = band ? fmtBandGrams(band) : null;
        return (
          <li key={id} data-part={id} class={g ? undefined : 'unknown'}>
            <span class="part-name">{t(PART_LABEL[id])}</span>{' '}
            {g ? (
              <>
                <span class="central">{`${g.value} ${g.unit}`}</span>{' '}
                <span class="range">({g.range})</span>
              </>
            ) : (
              <span class="central">{t('partUnknown')}</span>
            )}
          </li>
        );
      })}
    </ul>
  );
}
