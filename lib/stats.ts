import type { InteractionRow } from './db/schema';
import { placeholderEstimate } from './carbon/placeholder';
import type { Range } from './types';

export interface DaySummary {
  /** Local midnight, epoch ms. */
  day: number;
  interactions: number;
  gco2e: Range;
}

export function startOfLocalDay(t: number): number {
  const d = new Date(t);
  d.setHours(0, 0, 0, 0);
  return d.getTime();
}

/** Groups interactions by local day, oldest first. */
export function dailySummaries(rows: readonly InteractionRow[]): DaySummary[] {
  const byDay = new Map<number, DaySummary>();
  for (const r of rows) {
    const day = startOfLocalDay(r.at);
    const s = byDay.get(day) ?? { day, interactions: 0, gco2e: { min: 0, max: 0 } };
    const e = placeholderEstimate(r.outputTokens);
    s.interactions += 1;
    s.gco2e.min += e.gco2e.min;
    s.gco2e.max += e.gco2e.max;
    byDay.set(day, s);
  }
  return [...byDay.values()].sort((a, b) => a.day - b.day);
}
