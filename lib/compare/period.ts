/**
 * The period a comparison covers: the last 30 days (the popup's "30 days") or one calendar
 * month, as rollup days and as a time range for the replies.
 */
import { daysBefore, localDay } from '../db/day';

export type PeriodChoice = { kind: 'last30' } | { kind: 'month'; month: number };

export interface Period {
  /** First and last local day, yyyymmdd, inclusive. */
  fromDay: number;
  toDay: number;
  /** Epoch ms: replies with startMs ≤ at < endMs. */
  startMs: number;
  endMs: number;
}

/** The bounds of a period choice at time `now` (a month is yyyymm). */
export function periodOf(p: PeriodChoice, now: number): Period {
  if (p.kind === 'last30') {
    const fromDay = daysBefore(now, 29);
    const start = new Date(now);
    start.setHours(0, 0, 0, 0);
    start.setDate(start.getDate() - 29);
    const end = new Date(now);
    end.setHours(0, 0, 0, 0);
    end.setDate(end.getDate() + 1);
    return { fromDay, toDay: localDay(now), startMs: start.getTime(), endMs: end.getTime() };
  }
  const y = Math.floor(p.month / 100);
  const m = p.month % 100;
  if (!Number.isInteger(p.month) || m < 1 || m > 12) {
    throw new RangeError(`month must be yyyymm, got ${p.month}`);
  }
  const days = new Date(y, m, 0).getDate();
  return {
    fromDay: p.month * 100 + 1,
    toDay: p.month * 100 + days,
    startMs: new Date(y, m - 1, 1).getTime(),
    endMs: new Date(y, m, 1).getTime(),
  };
}

/** The months (yyyymm) that have rollup days, newest first, always with the current one. */
export function monthsWithData(days: Iterable<number>, now: number): number[] {
  const set = new Set<number>([Math.floor(localDay(now) / 100)]);
  for (const d of days) set.add(Math.floor(d / 100));
  return [...set].sort((x, y) => y - x);
}
