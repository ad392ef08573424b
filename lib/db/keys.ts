import { sha256 } from '@noble/hashes/sha2.js';
import type { SiteId } from '../shared/types';

/**
 * Primary keys of `interactions` and `captured` (schema v4): the first 53 bits (what a number
 * key holds exactly) of SHA-256 of the message id `${site}:${key}`, since Chromium stores
 * string keys as UTF-16. A collision makes one turn look like a duplicate and go uncounted;
 * for n keys the chance is ≈ n²/2⁵⁴ (≈ 2·10⁻⁶ at 180k). A page can only uncount its own turns.
 */
export function storageKey(id: string): number {
  const b = sha256(new TextEncoder().encode(id));
  // The first 56 bits shifted right by 3: 21 high bits (b0, b1, top 5 of b2), then 32.
  const hi = (b[0]! << 13) | (b[1]! << 5) | (b[2]! >>> 3);
  const lo =
    (((b[2]! & 7) << 29) | (b[3]! << 21) | (b[4]! << 13) | (b[5]! << 5) | (b[6]! >>> 3)) >>> 0;
  return hi * 2 ** 32 + lo;
}

/** Width of a storage key in hex digits (2⁵³ − 1 = 1fffffffffffff). */
const HEX = 14;

/**
 * The id of a stored interaction in export files from version 2 on: `${site}:#` and its
 * storage key in 14 hex digits (the message key itself is not stored any more).
 */
export function exportId(site: SiteId, key: number): string {
  return `${site}:#${key.toString(16).padStart(HEX, '0')}`;
}

/**
 * The storage key an export-file id stands for: the key written in a version-2 id of the
 * `exportId` form, else the hash of the id (message ids of version-1 files, or any other
 * id), so a file exported before schema v4 and one exported after both re-import as no-ops.
 */
export function keyOfExportId(id: string, site: SiteId, version: number): number {
  const m = version >= 2 ? /^[a-z]+:#([0-9a-f]{14})$/.exec(id) : null;
  if (m && id.startsWith(`${site}:#`)) {
    const key = Number.parseInt(m[1]!, 16);
    if (Number.isSafeInteger(key)) return key;
  }
  return storageKey(id);
}
