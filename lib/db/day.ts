/**
 * Calendar-day keys of the `daily` rollups, without Dexie: the popup's first paint
 * (lib/model/stats.ts) needs them, and Dexie loads only after that paint.
 */

/** yyyymmdd of the local calendar day containing `t` (epoch ms). */
export function localDay(t: number): number {
  const d = new Date(t);
  return d.getFullYear() * 10000 + (d.getMonth() + 1) * 100 + d.getDate();
}

/** yyyymmdd of the local day `n` calendar days before the one containing `now`. */
export function daysBefore(now: number, n: number): number {
  const d = new Date(now);
  d.setHours(12, 0, 0, 0); // noon: immune to DST shifts when stepping whole days
  d.setDate(d.getDate() - n);
  return localDay(d.getTime());
}
