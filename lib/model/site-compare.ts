/**
 * Comparing sites per reply without claiming more than the method backs (issue #15): each
 * site's carbon per reply is a band, and two sites are ranked only when their bands do not
 * overlap. Otherwise the UI says the difference is within the estimate's uncertainty.
 * Pure: the popup's and the report's breakdown call it on the stats they already have.
 */
import type { Band } from './carbon/types';
import type { GroupTotals } from './stats';
import type { SiteId } from '../shared/types';

export interface SitePerReply {
  site: SiteId;
  /** gCO2e per reply (usage + embodied): the site's band ÷ its replies. */
  perReply: Band;
}

export type SitePairVerdict =
  /** Bands apart: `lower`'s highest value is below `higher`'s lowest. */
  | { kind: 'apart'; lower: SitePerReply; higher: SitePerReply }
  /** Bands overlap: no ranking. */
  | { kind: 'within'; a: SitePerReply; b: SitePerReply };

/** Per-reply carbon bands of the sites with at least one reply, lowest central first. */
export function perReplyBySite(bySite: readonly GroupTotals[]): SitePerReply[] {
  return bySite
    .filter((g) => g.responses > 0)
    .map((g) => {
      const b = g.estimate.gco2e;
      const n = g.responses;
      return { site: g.site, perReply: { min: b.min / n, central: b.central / n, max: b.max / n } };
    })
    .sort((x, y) => x.perReply.central - y.perReply.central);
}

/** Whether two bands share any value (touching ends count as overlapping). */
export function bandsOverlap(x: Band, y: Band): boolean {
  return x.min <= y.max && y.min <= x.max;
}

/**
 * Every pair of sites with replies, lowest central first: 'apart' only when the per-reply
 * bands do not overlap, else 'within'. Fewer than two sites: no pairs.
 */
export function compareSitesPerReply(bySite: readonly GroupTotals[]): SitePairVerdict[] {
  const rows = perReplyBySite(bySite);
  const out: SitePairVerdict[] = [];
  for (let i = 0; i < rows.length; i++) {
    for (let j = i + 1; j < rows.length; j++) {
      const a = rows[i]!;
      const b = rows[j]!;
      out.push(
        bandsOverlap(a.perReply, b.perReply)
          ? { kind: 'within', a, b }
          : { kind: 'apart', lower: a, higher: b },
      );
    }
  }
  return out;
}
