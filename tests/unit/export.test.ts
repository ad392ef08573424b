import { beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_ASSUMPTIONS, estimate, withRegion } from '../../lib/carbon';
import { TokenprintDB, type InteractionRow } from '../../lib/db/schema';
import {
  buildExport,
  CSV_COLUMNS,
  deleteAllData,
  importJson,
  parseImport,
  toCsv,
  toJson,
} from '../../lib/export';

const NOW = Date.UTC(2026, 10, 23, 12);
let database: TokenprintDB;
let n = 0;

beforeEach(async () => {
  database = new TokenprintDB(`export-test-${n++}`);
  await database.open();
});

const row = (i: number, over: Partial<InteractionRow> = {}): InteractionRow => ({
  id: `chatgpt:r${i}`,
  at: NOW - i * 3_600_000,
  site: 'chatgpt',
  conversationId: i % 2 ? 'c1' : null,
  model: 'gpt-4o',
  inputTokens: 100 + i,
  outputTokens: 400 + 10 * i,
  ...over,
});

function file(interactions: unknown[], extra: Record<string, unknown> = {}): string {
  return JSON.stringify({
    format: 'tokenprint-export',
    version: 1,
    exportedAt: new Date(NOW).toISOString(),
    assumptions: {},
    interactions,
    ...extra,
  });
}

const good = (i: number, over: Record<string, unknown> = {}) => ({
  id: `claude:k${i}`,
  at: new Date(NOW - i * 60_000).toISOString(),
  site: 'claude',
  conversationId: 'conv',
  model: 'claude-sonnet-4-5',
  inputTokens: 10,
  outputTokens: 20,
  energyWh: { min: 0.1, max: 0.2 },
  gco2e: { min: 0.01, max: 0.02 },
  waterMl: { min: 0.5, max: 1 },
  ...over,
});

describe('export', () => {
  it('writes the issue format, estimates recomputed per interaction from tokens and assumptions', async () => {
    await database.interactions.bulkAdd([
      row(1),
      row(2, { site: 'lechat', id: 'lechat:x', model: 'unknown' }),
    ]);
    const out = await buildExport(database, DEFAULT_ASSUMPTIONS, NOW);
    expect(out.format).toBe('tokenprint-export');
    expect(out.version).toBe(1);
    expect(out.exportedAt).toBe('2026-11-23T12:00:00.000Z');
    expect(out.interactions).toHaveLength(2);
    const first = out.interactions.find((i) => i.id === 'chatgpt:r1')!;
    const e = estimate(
      { count: 1, inputTokens: 101, inputTokensSq: 101 * 101, outputTokens: 410 },
      'gpt-4o',
      'chatgpt',
      DEFAULT_ASSUMPTIONS,
    );
    expect(first).toEqual({
      id: 'chatgpt:r1',
      at: new Date(NOW - 3_600_000).toISOString(),
      site: 'chatgpt',
      conversationId: 'c1',
      model: 'gpt-4o',
      inputTokens: 101,
      outputTokens: 410,
      energyWh: { min: e.energyWh.min, max: e.energyWh.max },
      gco2e: { min: e.gco2e.min, max: e.gco2e.max },
      waterMl: { min: e.waterMl.min, max: e.waterMl.max },
    });
    // Another region changes the exported grams, not the tokens.
    const swe = await buildExport(database, withRegion(DEFAULT_ASSUMPTIONS, 'openai', 'SWE'), NOW);
    const s1 = swe.interactions.find((i) => i.id === 'chatgpt:r1')!;
    expect(s1.outputTokens).toBe(410);
    expect(s1.gco2e.max).toBeLessThan(first.gco2e.max / 3);
  });

  it('CSV flattens the same fields, one row per interaction, quoting and defusing formulas', async () => {
    await database.interactions.bulkAdd([
      row(1, { conversationId: '=HYPERLINK("x")' }),
      row(2, { conversationId: 'a,b' }),
    ]);
    const out = await buildExport(database, DEFAULT_ASSUMPTIONS, NOW);
    const lines = toCsv(out).trimEnd().split('\r\n');
    expect(lines[0]).toBe(CSV_COLUMNS.join(','));
    expect(lines).toHaveLength(3);
    const byId = Object.fromEntries(lines.slice(1).map((l) => [l.split(',')[0], l]));
    expect(byId['chatgpt:r1']).toContain(`"'=HYPERLINK(""x"")"`);
    expect(byId['chatgpt:r2']).toContain('"a,b"');
    const cells = byId['chatgpt:r1']!.split(',');
    const ex = out.interactions.find((i) => i.id === 'chatgpt:r1')!;
    expect(Number(cells.at(-4))).toBe(ex.gco2e.min);
    expect(Number(cells.at(-1))).toBe(ex.waterMl.max);
  });

  it('round-trips: export → import into an empty database → same rows and rollups', async () => {
    const rows = [
      row(1),
      row(2),
      row(3, { id: 'claude:z', site: 'claude', model: 'claude-opus-4-1' }),
    ];
    await database.interactions.bulkAdd(rows);
    const text = toJson(await buildExport(database, DEFAULT_ASSUMPTIONS, NOW));
    const other = new TokenprintDB(`export-target-${n++}`);
    const res = await importJson(other, text, NOW);
    expect(res).toEqual({ ok: true, added: 3, total: 3 });
    const back = (await other.interactions.toArray()).sort((a, b) => a.id.localeCompare(b.id));
    expect(back).toEqual([...rows].sort((a, b) => a.id.localeCompare(b.id)));
    const daily = await other.daily.toArray();
    expect(daily.reduce((s, d) => s + d.count, 0)).toBe(3);
    expect(daily.reduce((s, d) => s + d.outputTokens, 0)).toBe(410 + 420 + 430);
    // Re-importing the same file adds nothing.
    expect(await importJson(other, text, NOW)).toEqual({ ok: true, added: 0, total: 3 });
    expect(await other.interactions.count()).toBe(3);
    expect((await other.daily.toArray()).reduce((s, d) => s + d.count, 0)).toBe(3);
  });

  it('deletes every table', async () => {
    await importJson(database, file([good(1), good(2)]), NOW);
    expect(await database.daily.count()).toBeGreaterThan(0);
    await deleteAllData(database);
    for (const t of database.tables) expect(await t.count()).toBe(0);
  });
});

describe('import validation: the whole file or nothing', () => {
  it('accepts a valid file', () => {
    const r = parseImport(file([good(1), good(2, { conversationId: null })]), NOW);
    expect(r.ok).toBe(true);
    if (r.ok)
      expect(r.rows[1]).toMatchObject({ id: 'claude:k2', conversationId: null, inputTokens: 10 });
  });

  const bad: [string, string, RegExp][] = [
    ['not JSON', '{"format": ', /Not a JSON file/],
    ['another format', JSON.stringify({ format: 'other', version: 1 }), /Not a Tokenprint export/],
    ['a newer version', file([], { version: 2 }), /Unsupported export version 2/],
    ['version as a string', file([], { version: '1' }), /Unsupported export version "1"/],
    ['unknown top-level field', file([], { extra: 1 }), /unexpected field "extra"/],
    [
      'interactions not a list',
      file([]).replace('"interactions":[]', '"interactions":{}'),
      /must be a list/,
    ],
    ['unknown site', file([good(1, { site: 'bard', id: 'bard:1' })]), /unknown site "bard"/],
    ['id of another site', file([good(1, { id: 'chatgpt:1' })]), /must start with "claude:"/],
    ['duplicate ids', file([good(1), good(1)]), /duplicate id "claude:k1"/],
    [
      'negative tokens',
      file([good(1, { inputTokens: -1 })]),
      /inputTokens: must be a whole number/,
    ],
    [
      'fractional tokens',
      file([good(1, { outputTokens: 1.5 })]),
      /outputTokens: must be a whole number/,
    ],
    [
      'huge tokens',
      file([good(1, { outputTokens: 1e12 })]),
      /outputTokens: must be a whole number/,
    ],
    [
      'tokens as strings',
      file([good(1, { outputTokens: '20' })]),
      /outputTokens: must be a whole number/,
    ],
    [
      'non-finite estimate',
      file([good(1)]).replace('"max":0.2', '"max":1e999'),
      /energyWh.max: must be a finite/,
    ],
    ['negative estimate', file([good(1, { gco2e: { min: -1, max: 1 } })]), /gco2e.min/],
    ['min above max', file([good(1, { waterMl: { min: 2, max: 1 } })]), /min is above max/],
    ['missing estimate', file([{ ...good(1), energyWh: undefined }]), /energyWh: must be/],
    ['bad time', file([good(1, { at: 'yesterday' })]), /at: not an ISO 8601 time/],
    [
      'time far in the future',
      file([good(1, { at: '2099-01-01T00:00:00Z' })]),
      /time out of range/,
    ],
    ['text smuggled in', file([good(1, { text: 'hello' })]), /unexpected field "text"/],
    [
      '__proto__ key',
      file([good(1)]).replace('"site"', '"__proto__":{"polluted":1},"site"'),
      /Forbidden field "__proto__"/,
    ],
    [
      'constructor key',
      file([]).replace('"assumptions":{}', '"assumptions":{"constructor":{"prototype":{}}}'),
      /Forbidden field/,
    ],
    ['empty model', file([good(1, { model: '' })]), /model: must be a non-empty string/],
    [
      'oversized id',
      file([good(1, { id: 'claude:' + 'x'.repeat(300) })]),
      /id: must be a non-empty string/,
    ],
  ];
  it.each(bad)('rejects %s with a clear message', (_what, text, message) => {
    const r = parseImport(text, NOW);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(message);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('rejects an oversized file before parsing', () => {
    const r = parseImport(' '.repeat(50 * 1024 * 1024 + 1), NOW);
    expect(r).toEqual({ ok: false, error: 'File too large (limit 50 MB).' });
  });

  it('leaves the database unchanged when one row of many is bad', async () => {
    await importJson(database, file([good(1)]), NOW);
    const before = await database.daily.toArray();
    const rows = Array.from({ length: 50 }, (_, i) => good(i + 10));
    rows.push(good(99, { inputTokens: Number.NaN }));
    const res = await importJson(database, file(rows), NOW);
    expect(res.ok).toBe(false);
    expect(await database.interactions.count()).toBe(1);
    expect(await database.daily.toArray()).toEqual(before);
  });
});
