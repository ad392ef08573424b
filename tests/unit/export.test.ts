import { beforeEach, describe, expect, it } from 'vitest';
import {
  DEFAULT_ASSUMPTIONS,
  METHODOLOGY_HISTORY,
  METHODOLOGY_VERSION,
  estimate,
  withRegion,
} from '../../lib/model/carbon';
import { exportId, storageKey } from '../../lib/db/keys';
import { allInteractions, getInteraction } from '../../lib/db/rows';
import { TokenprintDB, type InteractionRowV3 } from '../../lib/db/schema';
import { addInteractions } from '../../lib/db/write';
import {
  buildExport,
  CSV_COLUMNS,
  deleteAllData,
  exportRow,
  importJson,
  parseImport,
  toCsv,
  toJson,
} from '../../lib/worker/export';

const NOW = Date.UTC(2026, 10, 23, 12);
let database: TokenprintDB;
let n = 0;

beforeEach(async () => {
  database = new TokenprintDB(`export-test-${n++}`);
  await database.open();
});

/** An interaction with its message id (what live capture knows). */
const row = (i: number, over: Partial<InteractionRowV3> = {}): InteractionRowV3 => ({
  id: `chatgpt:r${i}`,
  at: NOW - i * 3_600_000,
  site: 'chatgpt',
  conversationId: i % 2 ? 'c1' : null,
  model: 'gpt-4o',
  inputTokens: 100 + i,
  outputTokens: 400 + 10 * i,
  ...over,
});

/** Stores rows under their message ids, as live capture does. */
async function store(rows: InteractionRowV3[]) {
  expect(await addInteractions(database, rows)).toBe(rows.length);
}

/** The id a version-2 export gives the message `id`. */
const idOf = (id: string) => exportId(id.split(':')[0] as 'chatgpt', storageKey(id));

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
    await store([row(1), row(2, { site: 'lechat', id: 'lechat:x', model: 'unknown' })]);
    const out = await buildExport(database, DEFAULT_ASSUMPTIONS, NOW);
    expect(out.format).toBe('tokenprint-export');
    expect(out.version).toBe(3);
    expect(out.exportedAt).toBe('2026-11-23T12:00:00.000Z');
    expect(out.interactions).toHaveLength(2);
    const first = out.interactions.find((i) => i.id === idOf('chatgpt:r1'))!;
    expect(first.id).toMatch(/^chatgpt:#[0-9a-f]{14}$/);
    expect(out.interactions.map((i) => i.id)).toContain(idOf('lechat:x'));
    const e = estimate(
      { count: 1, inputTokens: 101, inputTokensSq: 101 * 101, outputTokens: 410 },
      'gpt-4o',
      'chatgpt',
      DEFAULT_ASSUMPTIONS,
    );
    expect(first).toEqual({
      id: idOf('chatgpt:r1'),
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
    const s1 = swe.interactions.find((i) => i.id === idOf('chatgpt:r1'))!;
    expect(s1.outputTokens).toBe(410);
    expect(s1.gco2e.max).toBeLessThan(first.gco2e.max / 3);
  });

  it('CSV flattens the same fields, one row per interaction, quoting and defusing formulas', async () => {
    await store([row(1, { conversationId: '=HYPERLINK("x")' }), row(2, { conversationId: 'a,b' })]);
    const out = await buildExport(database, DEFAULT_ASSUMPTIONS, NOW);
    const lines = toCsv(out).trimEnd().split('\r\n');
    expect(lines[0]).toBe(CSV_COLUMNS.join(','));
    expect(lines).toHaveLength(3);
    const byId = Object.fromEntries(lines.slice(1).map((l) => [l.split(',')[0], l]));
    expect(byId[idOf('chatgpt:r1')]).toContain(`"'=HYPERLINK(""x"")"`);
    expect(byId[idOf('chatgpt:r2')]).toContain('"a,b"');
    const cells = byId[idOf('chatgpt:r1')]!.split(',');
    const ex = out.interactions.find((i) => i.id === idOf('chatgpt:r1'))!;
    const col = (c: (typeof CSV_COLUMNS)[number]) => cells[CSV_COLUMNS.indexOf(c)];
    expect(Number(col('gco2eMin'))).toBe(ex.gco2e.min);
    expect(Number(col('waterMlMax'))).toBe(ex.waterMl.max);
    // Unknown exchange fields are empty cells, not zeros.
    expect(col('thinkMs')).toBe('');
    expect(cells.at(-1)).toBe(out.assumptions.methodologyVersion);
  });

  it('round-trips: export → import into an empty database → same rows and rollups', async () => {
    const rows = [
      row(1),
      row(2),
      row(3, { id: 'claude:z', site: 'claude', model: 'claude-opus-4-1' }),
    ];
    await store(rows);
    const text = toJson(await buildExport(database, DEFAULT_ASSUMPTIONS, NOW));
    const other = new TokenprintDB(`export-target-${n++}`);
    const res = await importJson(other, text, NOW);
    expect(res).toEqual({ ok: true, added: 3, total: 3 });
    for (const { id, ...r } of rows) expect(await getInteraction(other, id)).toEqual(r);
    // Exported again: the same ids.
    const again = await buildExport(other, DEFAULT_ASSUMPTIONS, NOW);
    expect(toJson(again)).toBe(text);
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

describe('export format version 3: the whole exchange (issue #14)', () => {
  const v3 = (over: Record<string, unknown>) => file([good(1, over)], { version: 3 });

  it('round-trips visible reasoning and the exchange fields, and prices them', async () => {
    await store([
      row(1, {
        model: 'gpt-5-thinking',
        reasoningTokens: 40,
        thinkMs: 30_000,
        thinkHow: 'duration',
        ttftMs: 31_000,
        streamMs: 4_000,
        searches: 2,
      }),
      row(2),
    ]);
    const out = await buildExport(database, DEFAULT_ASSUMPTIONS, NOW);
    const thinking = out.interactions.find((i) => i.id === idOf('chatgpt:r1'))!;
    const plain = out.interactions.find((i) => i.id === idOf('chatgpt:r2'))!;
    expect(thinking).toMatchObject({
      reasoningTokens: 40,
      thinkMs: 30_000,
      thinkHow: 'duration',
      ttftMs: 31_000,
      searches: 2,
    });
    expect(plain.thinkMs).toBeUndefined();
    // Hidden reasoning and the searches' context weigh in the exported figure.
    const bare = exportRow(
      {
        ...(await allInteractions(database)).find((r) => r.thinkMs)!,
        thinkMs: undefined,
        thinkHow: undefined,
        searches: undefined,
      },
      DEFAULT_ASSUMPTIONS,
    );
    expect(thinking.energyWh.min).toBeGreaterThan(bare.energyWh.min);
    // Into a fresh database: the same rows, fields included.
    const other = new TokenprintDB(`export-v3-${Math.random()}`);
    const res = await importJson(other, toJson(out), NOW);
    expect(res).toMatchObject({ ok: true, added: 2 });
    const back = (await allInteractions(other)).find((r) => r.thinkMs !== undefined)!;
    expect(back).toMatchObject({
      reasoningTokens: 40,
      thinkMs: 30_000,
      thinkHow: 'duration',
      ttftMs: 31_000,
      streamMs: 4_000,
      searches: 2,
    });
    const csv = toCsv(out).split('\r\n');
    expect(csv[0]).toContain('thinkMs');
    expect(csv[0]!.split(',')).toHaveLength(csv[1]!.split(',').length);
  });

  it.each([
    [{ thinkMs: -1 }, /thinkMs: must be a whole number/],
    [{ thinkHow: 'guessed' }, /thinkHow: must be one of/],
    [{ contextFrom: 'memory' }, /contextFrom: must be one of/],
    [{ images: 2.5 }, /images: must be a whole number/],
    [{ reasoningTokens: 21 }, /reasoningTokens: more than outputTokens/],
  ])('refuses a bad exchange field %j', (over, why) => {
    const r = parseImport(v3(over), NOW);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error).toMatch(why);
  });

  it('refuses the exchange fields in a version-2 file', () => {
    const r = parseImport(file([good(1, { thinkMs: 5 })], { version: 2 }), NOW);
    expect(!r.ok && r.error).toMatch(/unexpected field "thinkMs"/);
  });
});

describe('export format versions', () => {
  it('a version-1 file (message ids) imports, and so does its version-2 export: no duplicates', async () => {
    const v1 = file([good(1), good(2)]);
    expect(await importJson(database, v1, NOW)).toMatchObject({ ok: true, added: 2 });
    expect(await getInteraction(database, 'claude:k1')).toMatchObject({
      site: 'claude',
      inputTokens: 10,
    });
    // The old file again, and the new export of the same history: nothing new.
    expect(await importJson(database, v1, NOW)).toMatchObject({ ok: true, added: 0 });
    const v2 = toJson(await buildExport(database, DEFAULT_ASSUMPTIONS, NOW));
    expect(await importJson(database, v2, NOW)).toMatchObject({ ok: true, added: 0 });
    // Into another database: the version-2 file first, then the old file adds nothing.
    const other = new TokenprintDB(`export-target-${n++}`);
    expect(await importJson(other, v2, NOW)).toMatchObject({ ok: true, added: 2 });
    expect(await importJson(other, v1, NOW)).toMatchObject({ ok: true, added: 0 });
    expect(await other.interactions.count()).toBe(2);
  });

  it('reads `<site>:#<hex>` as a storage key only in version 2 files', () => {
    const key = 0x1f_0000_0000_00ab;
    const id = `claude:#${key.toString(16).padStart(14, '0')}`;
    const v2 = parseImport(file([good(1, { id })], { version: 2 }), NOW);
    const v1 = parseImport(file([good(1, { id })], { version: 1 }), NOW);
    expect(v2.ok && v2.rows[0]!.key).toBe(key);
    // In a version-1 file it is just a message id: hashed like any other.
    expect(v1.ok && v1.rows[0]!.key).toBe(storageKey(id));
    // Beyond 53 bits (no stored key is) or another site's prefix: an ordinary id.
    const big = parseImport(file([good(1, { id: 'claude:#ffffffffffffff' })], { version: 2 }), NOW);
    expect(big.ok && big.rows[0]!.key).toBe(storageKey('claude:#ffffffffffffff'));
  });
});

describe('import validation: the whole file or nothing', () => {
  it('accepts a valid file', () => {
    const r = parseImport(file([good(1), good(2, { conversationId: null })]), NOW);
    expect(r.ok).toBe(true);
    if (r.ok)
      expect(r.rows[1]).toMatchObject({
        key: storageKey('claude:k2'),
        conversationId: null,
        inputTokens: 10,
      });
  });

  const bad: [string, string, RegExp][] = [
    ['not JSON', '{"format": ', /Not a JSON file/],
    ['another format', JSON.stringify({ format: 'other', version: 1 }), /Not a Tokenprint export/],
    [
      'a newer version',
      file([], { version: 4 }),
      /Unsupported export version 4 \(expected 1, 2 or 3\)/,
    ],
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

describe('methodology version and upgrades', () => {
  it('every export names the methodology version: JSON in its assumptions, CSV in a column', async () => {
    await store([row(1), row(2)]);
    const out = await buildExport(database, DEFAULT_ASSUMPTIONS, NOW);
    expect(out.assumptions).toEqual({
      ...DEFAULT_ASSUMPTIONS,
      methodologyVersion: METHODOLOGY_VERSION,
    });
    expect(JSON.parse(toJson(out)).assumptions.methodologyVersion).toBe(METHODOLOGY_VERSION);
    const lines = toCsv(out).trimEnd().split('\r\n');
    expect(lines[0]!.split(',').at(-1)).toBe('methodology');
    for (const l of lines.slice(1)) expect(l.split(',').at(-1)).toBe(METHODOLOGY_VERSION);
  });

  it('the version is the newest of the history', () => {
    expect(METHODOLOGY_HISTORY.at(-1)!.version).toBe(METHODOLOGY_VERSION);
    const versions = METHODOLOGY_HISTORY.map((h) => h.version);
    expect([...versions].sort()).toEqual(versions);
  });

  it('after an upgrade, the same stored counts give the new figures: an export made by 2026-11 imports as counts and re-exports under the current method', async () => {
    // A file as the 2026-11 release wrote it (no methodology version), for one GPT-4o reply,
    // 500 in / 300 out: its energy is what lib/model/carbon at commit 9204b6b gave under the
    // default assumptions (the other figures are placeholders; import ignores all of them).
    const old = {
      ...good(1, {
        id: 'chatgpt:old-reply',
        site: 'chatgpt',
        model: 'gpt-4o',
        inputTokens: 500,
        outputTokens: 300,
        energyWh: { min: 0.238, max: 0.905 },
      }),
    };
    const res = await importJson(database, file([old], { assumptions: DEFAULT_ASSUMPTIONS }), NOW);
    expect(res).toMatchObject({ ok: true, added: 1 });
    const again = await buildExport(database, DEFAULT_ASSUMPTIONS, NOW);
    const e = estimate(
      { count: 1, inputTokens: 500, inputTokensSq: 500 * 500, outputTokens: 300 },
      'gpt-4o',
      'chatgpt',
      DEFAULT_ASSUMPTIONS,
    );
    const got = again.interactions[0]!;
    expect(got.inputTokens).toBe(500);
    expect(got.outputTokens).toBe(300);
    expect(got.energyWh).toEqual({ min: e.energyWh.min, max: e.energyWh.max });
    // The stored figures of the old file are not reused: 2026-12 puts this reply lower.
    expect(got.energyWh.max).toBeLessThan(old.energyWh.max * 0.9);
    expect(again.assumptions.methodologyVersion).toBe(METHODOLOGY_VERSION);
  });

  it('after the 2026-12 → 2026-12.2 upgrade, the same stored counts give the new figures (decode on the 2026 fleet)', async () => {
    // A file as 2026-12 wrote it: one GPT-4o reply, 500 in / 300 out, 0.418 [0.200–0.752] Wh
    // under the default assumptions at commit 2bd078b (methodology 2026-12).
    const old = good(2, {
      id: 'chatgpt:dec-reply',
      site: 'chatgpt',
      model: 'gpt-4o',
      inputTokens: 500,
      outputTokens: 300,
      energyWh: { min: 0.2, max: 0.752 },
    });
    const res = await importJson(
      database,
      file([old], { assumptions: { ...DEFAULT_ASSUMPTIONS, methodologyVersion: '2026-12' } }),
      NOW,
    );
    expect(res).toMatchObject({ ok: true, added: 1 });
    const again = await buildExport(database, DEFAULT_ASSUMPTIONS, NOW);
    expect(again.interactions).toHaveLength(1);
    const got = again.interactions[0]!;
    expect(got.energyWh.min).toBeCloseTo(0.171, 3);
    expect(got.energyWh.max).toBeCloseTo(0.638, 3);
    expect(got.energyWh.max).toBeLessThan(old.energyWh.max * 0.9);
    expect(again.assumptions.methodologyVersion).toBe(METHODOLOGY_VERSION);
  });

  it('after the 2026-12.2 → 2026-12.3 upgrade, the same stored counts give the new figures (closed-model sizes)', async () => {
    // A file as 2026-12.2 wrote it: one Claude Sonnet 4.5 reply, 500 in / 300 out,
    // 0.155 [0.155–0.607] Wh under the default assumptions at commit 5a0e28e.
    const old = good(2, {
      id: 'claude:dec-sonnet',
      site: 'claude',
      model: 'claude-sonnet-4-5',
      inputTokens: 500,
      outputTokens: 300,
      energyWh: { min: 0.1549, max: 0.6066 },
    });
    const res = await importJson(
      database,
      file([old], { assumptions: { ...DEFAULT_ASSUMPTIONS, methodologyVersion: '2026-12.2' } }),
      NOW,
    );
    expect(res).toMatchObject({ ok: true, added: 1 });
    const again = await buildExport(database, DEFAULT_ASSUMPTIONS, NOW);
    const got = again.interactions[0]!;
    // The speed reading widens Sonnet 4.5's active weights upwards (44–174 B): the high end doubles.
    expect(got.energyWh.min).toBeCloseTo(0.155, 3);
    expect(got.energyWh.max).toBeCloseTo(1.24, 2);
    expect(got.energyWh.max).toBeGreaterThan(old.energyWh.max * 1.5);
    expect(again.assumptions.methodologyVersion).toBe(METHODOLOGY_VERSION);
  });

  it('after the 2026-12.3 → 2026-12.4 upgrade, a measured stream moves the latency share only (the whole exchange)', async () => {
    // A version-3 file as 2026-12.3 wrote it (figures from buildExport at commit 06178c6): one
    // GPT-4o reply, 500 in / 600 out, streamed in 30 s (the catalogue's 37.8 tok/s says 15.9 s).
    const old = good(3, {
      id: 'chatgpt:dec-stream',
      site: 'chatgpt',
      model: 'gpt-4o',
      inputTokens: 500,
      outputTokens: 600,
      ttftMs: 900,
      streamMs: 30_000,
      energyWh: { min: 0.2831, max: 1.0635 },
      gco2e: { min: 0.1208, max: 0.4325 },
    });
    const res = await importJson(
      database,
      file([old], {
        version: 3,
        assumptions: { ...DEFAULT_ASSUMPTIONS, methodologyVersion: '2026-12.3' },
      }),
      NOW,
    );
    expect(res).toMatchObject({ ok: true, added: 1 });
    const again = await buildExport(database, DEFAULT_ASSUMPTIONS, NOW);
    const got = again.interactions[0]!;
    // GPU energy does not depend on latency; the embodied share grows with the longer stream.
    expect(got.energyWh.min).toBeCloseTo(old.energyWh.min, 3);
    expect(got.energyWh.max).toBeCloseTo(old.energyWh.max, 3);
    expect(got.gco2e.min).toBeCloseTo(0.1298, 3);
    expect(got.gco2e.max).toBeCloseTo(0.4489, 3);
    expect(again.assumptions.methodologyVersion).toBe('2026-12.4');
  });
});
