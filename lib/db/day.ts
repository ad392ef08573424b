/**
 * Calendar-day keys of the `daily` rollups, without Dexie: the popup's first paint
 * (lib/stats.ts) needs them, and Dexie loads only after that paint.
 */

/** yyyymmdd of the local calendar day containing `t` (epoch ms). */
export function localDay(t: number): number {
  const d = new Date(t);
  return d.getFullYear() * 10000 + (d.getMonth() + 1) * 100 + d.getDate();
}
