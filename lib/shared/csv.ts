/** One CSV cell, shared by the history export (lib/worker/export.ts) and the comparison's (lib/model/compare). */

/** RFC 4180 quoting; a leading =+-@ is prefixed with ' so spreadsheets never run it as a formula. */
export function csvCell(v: string | number | null): string {
  if (v === null) return '';
  if (typeof v === 'number') return String(v);
  const safe = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
