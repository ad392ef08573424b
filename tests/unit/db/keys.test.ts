import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { exportId, keyOfExportId, storageKey } from '../../../lib/db/keys';

/** The first 53 bits of SHA-256 of `s`, computed independently with Node's crypto. */
function reference(s: string): number {
  const hex = createHash('sha256').update(s, 'utf8').digest('hex').slice(0, 14);
  return Number(BigInt(`0x${hex}`) >> 3n);
}

describe('storageKey', () => {
  it('is the first 53 bits of SHA-256 of the UTF-8 id', () => {
    for (const id of [
      'chatgpt:6870a3f2-1b4c-8004-9d3e-2f1c5a7b9e10',
      'claude:4f6b2d8e-1a3c-4e5f-9b7d-0c2e4a6f8b1d:3:a:1x2y3z',
      'lechat:é→𝄞',
      '',
    ])
      expect(storageKey(id), id).toBe(reference(id));
  });

  it('gives whole numbers below 2^53, different for different sites and keys', () => {
    const ids = Array.from(
      { length: 2000 },
      (_, i) => `${['chatgpt', 'claude'][i % 2]}:k${i >> 1}`,
    );
    const keys = ids.map(storageKey);
    for (const k of keys) {
      expect(Number.isSafeInteger(k)).toBe(true);
      expect(k).toBeGreaterThanOrEqual(0);
    }
    expect(new Set(keys).size).toBe(ids.length);
    // The high bits are used too (a 32-bit hash would leave them zero).
    expect(keys.some((k) => k >= 2 ** 52)).toBe(true);
  });
});

describe('export ids', () => {
  it('round-trip through a version-2 file', () => {
    for (const key of [0, 1, 0xabcdef, 2 ** 53 - 1, storageKey('chatgpt:x')]) {
      const id = exportId('chatgpt', key);
      expect(id).toMatch(/^chatgpt:#[0-9a-f]{14}$/);
      expect(keyOfExportId(id, 'chatgpt', 2)).toBe(key);
    }
  });

  it('are message ids, hashed, in version-1 files, for another site, or past 53 bits', () => {
    const id = exportId('claude', 42);
    expect(keyOfExportId(id, 'claude', 1)).toBe(storageKey(id));
    expect(keyOfExportId(id, 'chatgpt', 2)).toBe(storageKey(id));
    expect(keyOfExportId('claude:#ffffffffffffff', 'claude', 2)).toBe(
      storageKey('claude:#ffffffffffffff'),
    );
    expect(keyOfExportId('claude:k1', 'claude', 2)).toBe(storageKey('claude:k1'));
  });
});
