/**
 * The period a comparison covers: the last 30 days (the popup's "30 days") or one calendar
 * month, as rollup days and as a time range for the replies.
 */
import { daysBefore, localDay } from '../../db/day';

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

/** Every month (yyyymm) from the one of `firstDay` (yyyymmdd) to the current one, newest first. */
export function monthsSince(firstDay: number | null, now: number): number[] {
  const current = Math.floor(localDay(now) / 100);
  const first = firstDay === null ? current : Math.min(current, Math.floor(firstDay / 100));
  const out: number[] = [];
  for (let m = current; m >= first; m = m % 100 === 1 ? m - 89 : m - 1) out.push(m);
  return out;
}
