import { beforeEach, describe, expect, it } from 'vitest';
import { allInteractions } from '../../lib/db/rows';
import { TokenprintDB } from '../../lib/db/schema';
import { MAX_THINK_MS } from '../../lib/db/exchange';
import type { CaptureMessage, Measured } from '../../lib/shared/messaging';
import { exchangeFields, recordCapture } from '../../lib/worker/record';
import { captureMessageError } from '../../lib/worker/validate';
import { measuredOf } from '../../lib/content/capture/engine';
import type { TapReply } from '../../lib/content/tap/events';

// What the traffic measured of an exchange travels from the tap to the stored row (issue #14).
let n = 0;
const AT = Date.now() - 60_000;
const reply = (measured?: Measured, key = 'r1'): CaptureMessage => ({
  v: 1,
  site: 'chatgpt',
  kind: 'response',
  key,
  conversationId: 'c',
  modelLabel: 'gpt-5-2-thinking',
  at: AT,
  text: 'The answer.',
  ...(measured ? { measured } : {}),
});

describe('measured facts of an exchange', () => {
  let database: TokenprintDB;
  beforeEach(() => {
    database = new TokenprintDB(`measured-${++n}`);
  });

  it('a tap reply gives its duration, timings and tool counts, and nothing when it has none', () => {
    const base: TapReply = {
      t: 'reply',
      conversationId: 'c',
      id: 'm1',
      parentId: null,
      text: 'x',
      model: null,
      status: 'complete',
    };
    expect(measuredOf(base)).toEqual({});
    expect(
      measuredOf({ ...base, reasoningMs: 32_000, ttftMs: 900, streamMs: 4_100, searches: 2 }),
    ).toEqual({
      measured: {
        thinkMs: 32_000,
        thinkFrom: 'duration',
        ttftMs: 900,
        streamMs: 4_100,
        searches: 2,
      },
    });
  });

  it('stores them on the row and sums them in the day rollup', async () => {
    const m: Measured = { thinkMs: 30_000, thinkFrom: 'duration', ttftMs: 31_200, streamMs: 5_000 };
    expect(captureMessageError(reply(m))).toBeNull();
    await recordCapture(database, reply(m, 'r1'));
    await recordCapture(database, reply({ thinkMs: 12_000, thinkFrom: 'label' }, 'r2'));
    await recordCapture(database, reply(undefined, 'r3'));
    const rows = await allInteractions(database);
    const r1 = rows.find((r) => r.thinkHow === 'duration')!;
    expect(r1).toMatchObject({ thinkMs: 30_000, ttftMs: 31_200, streamMs: 5_000 });
    expect(rows.find((r) => r.thinkHow === 'label')?.thinkMs).toBe(12_000);
    // The row without measurements: no duration, no timing, so no hidden reasoning; nothing invented.
    const bare = rows.filter((r) => r.thinkHow === 'none');
    expect(bare).toHaveLength(1);
    expect(bare[0]!.ttftMs).toBeUndefined();
    expect(bare[0]!.thinkMs).toBeUndefined();
    const days = await database.daily.toArray();
    const sum = (k: 'thinkMs' | 'thinkRows' | 'streamMs' | 'streamRows') =>
      days.reduce((s, d) => s + (d[k] ?? 0), 0);
    expect(sum('thinkMs')).toBe(42_000);
    expect(sum('thinkRows')).toBe(2);
    expect(sum('streamMs')).toBe(5_000);
    expect(sum('streamRows')).toBe(1);
  });

  it('caps and flags an absurd reasoning duration instead of losing the reply', async () => {
    await recordCapture(database, reply({ thinkMs: 9 * 3_600_000, thinkFrom: 'duration' }, 'a'));
    await recordCapture(database, reply({ thinkMs: -5, thinkFrom: 'label' }, 'b'));
    const rows = await allInteractions(database);
    expect(rows).toHaveLength(2);
    expect(rows.every((r) => r.thinkHow === 'capped')).toBe(true);
    expect(rows.map((r) => r.thinkMs).sort((a, b) => a! - b!)).toEqual([0, MAX_THINK_MS]);
  });

  it("a label it cannot time is stored as 'unparsed': no duration, so no hidden tokens, and says why", async () => {
    const m: Measured = { thinkFrom: 'unparsed', ttftMs: 2_000 };
    expect(captureMessageError(reply(m))).toBeNull();
    await recordCapture(database, reply(m, 'u'));
    const [row] = await allInteractions(database);
    expect(row).toMatchObject({ thinkHow: 'unparsed', ttftMs: 2_000 });
    expect(row!.thinkMs).toBeUndefined();
    const days = await database.daily.toArray();
    expect(days.reduce((s, d) => s + (d.thinkRows ?? 0), 0)).toBe(0);
  });

  it('a reply of a model that does not reason is known to have none; a reasoning one with no time stays unknown', async () => {
    await recordCapture(database, { ...reply(undefined, 'plain'), modelLabel: 'gpt-4o' });
    await recordCapture(database, { ...reply(undefined, 'o3'), modelLabel: 'o3' });
    const rows = await allInteractions(database);
    expect(rows.map((r) => [r.model, r.thinkMs, r.thinkHow]).sort()).toEqual([
      ['gpt-4o', 0, 'none'],
      ['o3', undefined, 'none'],
    ]);
    // The rollups count the known one only: coverage says the other is unknown.
    const days = await database.daily.toArray();
    expect(days.reduce((s, d) => s + (d.thinkRows ?? 0), 0)).toBe(1);
    expect(days.reduce((s, d) => s + (d.thinkMs ?? 0), 0)).toBe(0);
  });

  it.each([
    [{ thinkMs: 5 }, 'thinkMs needs thinkFrom'],
    [{ thinkMs: 5, thinkFrom: 'guess' }, 'bad thinkFrom'],
    [{ thinkMs: 5, thinkFrom: 'unparsed' }, 'an unparsed label has no thinkMs'],
    [{ ttftMs: -1 }, 'ttftMs'],
    [{ images: 1.5 }, 'images'],
    [{ streamMs: 1e12 }, 'streamMs'],
    [{ text: 'leak' }, 'unknown field text'],
    ['x', 'not an object'],
  ])('refuses malformed measurements %j', (measured, why) => {
    const m = { ...reply(), measured } as unknown;
    expect(captureMessageError(m)).toContain(why);
  });

  it('refuses measurements on a prompt', () => {
    expect(captureMessageError({ ...reply({ images: 1 }), kind: 'prompt' })).toBe('bad measured');
  });
});

describe('exchangeFields: how the hidden reasoning of a reply was found', () => {
  // Real shapes: ChatGPT's finished_duration_sec, a page label, Le Chat Think with only the
  // stream timing, a GPT-4o reply; the model ids as the worker resolves them.
  it.each([
    [
      'the traffic states a duration: it is kept, whatever the timing',
      { thinkMs: 137_000, thinkFrom: 'duration', ttftMs: 139_500 },
      'gpt-5-2',
      'gpt-5-2-thinking',
      { thinkMs: 137_000, thinkHow: 'duration', ttftMs: 139_500 },
    ],
    [
      'a label on the page',
      { thinkMs: 6000, thinkFrom: 'label' },
      'magistral-medium',
      'Think',
      { thinkMs: 6000, thinkHow: 'label' },
    ],
    [
      'an unparsed label: no timing estimate either',
      { thinkFrom: 'unparsed', ttftMs: 9000 },
      'gpt-5-thinking',
      'gpt-5-thinking',
      { thinkHow: 'unparsed', ttftMs: 9000 },
    ],
    [
      'a reasoning model with only the timing: first token minus its usual 0.75 s',
      { ttftMs: 4750, streamMs: 6100 },
      'magistral-medium',
      'Think',
      { thinkMs: 4000, thinkHow: 'timing', ttftMs: 4750, streamMs: 6100 },
    ],
    [
      'GPT-5.2 Thinking (catalogued as GPT-5.2): the served slug says it reasons',
      { ttftMs: 20_000 },
      'gpt-5-2',
      'gpt-5-2-thinking',
      { thinkMs: 18_460, thinkHow: 'timing', ttftMs: 20_000 },
    ],
    [
      'a model that does not reason: none, known (0 ms, counted in the rollups)',
      { ttftMs: 700, images: 1 },
      'gpt-4o',
      'gpt-4o',
      { thinkMs: 0, thinkHow: 'none', ttftMs: 700, images: 1 },
    ],
    [
      'a reasoning model without timing: none, unknown',
      undefined,
      'o3',
      'o3',
      { thinkHow: 'none' },
    ],
    [
      'a timing past the bounds is dropped, and so is its estimate',
      { ttftMs: 5 * 3_600_000 },
      'o3',
      'o3',
      { thinkHow: 'none' },
    ],
  ])('%s', (_why, m, model, label, want) => {
    expect(exchangeFields(m as Measured | undefined, model, label)).toEqual(want);
  });
});
