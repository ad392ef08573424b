import { describe, expect, it, beforeEach } from 'vitest';
import { storageKey } from '../../lib/db/keys';
import { allInteractions, getInteraction } from '../../lib/db/rows';
import { TokenprintDB } from '../../lib/db/schema';
import type { CaptureMessage } from '../../lib/shared/messaging';
import { recordCapture } from '../../lib/worker/record';

let n = 0;
/** Captured a minute ago: prompts stamped before the prompt-key window are refused. */
const AT = Date.now() - 60_000;
const msg = (over: Partial<CaptureMessage>): CaptureMessage => ({
  v: 1,
  site: 'chatgpt',
  kind: 'response',
  key: 'k',
  conversationId: 'conv-1',
  modelLabel: 'gpt-4o',
  at: AT,
  text: 'hello world',
  ...over,
});

describe('recordCapture', () => {
  let database: TokenprintDB;
  beforeEach(() => {
    database = new TokenprintDB(`test-${++n}`);
  });

  it('pairs a response with the prompt before it and stores counts, never text', async () => {
    const phrase = 'Can I sort the evens in descending order?';
    await recordCapture(database, msg({ kind: 'prompt', key: 'p1', text: phrase, at: AT + 1 }));
    await recordCapture(
      database,
      msg({ kind: 'response', key: 'r1', text: 'Yes, use sorted().', at: AT + 2 }),
    );
    const rows = await allInteractions(database);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      key: storageKey('chatgpt:r1'),
      inputTokens: 10,
      model: 'gpt-4o',
      site: 'chatgpt',
      conversationId: 'conv-1',
    });
    expect(rows[0]!.outputTokens).toBeGreaterThan(3);
    expect(JSON.stringify(rows)).not.toContain('sort the evens');
    expect(await database.prompts.count()).toBe(0);
  });

  it('is idempotent on the key', async () => {
    const first = await recordCapture(database, msg({ key: 'r1' }));
    const again = await recordCapture(database, msg({ key: 'r1' }));
    expect(first).toEqual({ ok: true });
    expect(again).toEqual({ ok: true, duplicate: true });
    expect(await database.interactions.count()).toBe(1);
  });

  it('records a response with no prompt as zero input tokens (temporary chat, no id)', async () => {
    await recordCapture(database, msg({ key: 'r2', conversationId: null }));
    const row = await getInteraction(database, 'chatgpt:r2');
    expect(row).toMatchObject({ inputTokens: 0, conversationId: null });
  });

  it('keeps Le Chat reasoning as output, with the split recorded', async () => {
    await recordCapture(
      database,
      msg({
        site: 'lechat',
        key: 'r3',
        modelLabel: 'Think',
        text: 'The Loire.',
        reasoning: 'The user asks for the longest river in France; the Loire is about 1,000 km.',
      }),
    );
    const row = await getInteraction(database, 'lechat:r3');
    expect(row!.reasoningTokens).toBeGreaterThan(10);
    expect(row!.outputTokens).toBeGreaterThan(row!.reasoningTokens!);
    expect(row!.outputTokens - row!.reasoningTokens!).toBeLessThan(6);
  });

  it('pairs with the prompt the content script names, across a new chat getting its id', async () => {
    await recordCapture(
      database,
      msg({ kind: 'prompt', key: 'p9', conversationId: null, text: 'one two three' }),
    );
    await recordCapture(database, msg({ key: 'r9', conversationId: 'c-new', promptKey: 'p9' }));
    expect(await getInteraction(database, 'chatgpt:r9')).toMatchObject({
      inputTokens: 3,
    });
  });

  it('maps the page label to a catalogue id, or unknown', async () => {
    await recordCapture(database, msg({ key: 'm1', modelLabel: null }));
    await recordCapture(database, msg({ key: 'm2', modelLabel: 'no such model 9000' }));
    expect((await getInteraction(database, 'chatgpt:m1'))!.model).toBe('unknown');
    expect((await getInteraction(database, 'chatgpt:m2'))!.model).toBe('unknown');
  });

  it('a re-delivered prompt after pairing changes nothing (the worker died before the ack)', async () => {
    await recordCapture(database, msg({ kind: 'prompt', key: 'p1', text: 'a b c' }));
    await recordCapture(database, msg({ key: 'r1' }));
    expect(
      await recordCapture(database, msg({ kind: 'prompt', key: 'p1', text: 'a b c' })),
    ).toEqual({
      ok: true,
      duplicate: true,
    });
    expect(await database.prompts.count()).toBe(0);
    expect((await database.daily.toArray()).reduce((s, d) => s + d.prompts, 0)).toBe(1);
  });

  it('keeps the key spaces of sites and kinds apart as before (same key, other site or kind)', async () => {
    await recordCapture(database, msg({ kind: 'prompt', key: 'x', text: 'a b' }));
    await recordCapture(database, msg({ key: 'x2' }));
    // The same message key on another site is another message.
    expect(
      await recordCapture(database, msg({ site: 'claude', kind: 'prompt', key: 'x' })),
    ).toEqual({
      ok: true,
    });
    expect(await recordCapture(database, msg({ site: 'claude', key: 'x2' }))).toEqual({ ok: true });
    expect(await database.interactions.count()).toBe(2);
    expect(await database.captured.toCollection().primaryKeys()).toEqual(
      expect.arrayContaining([storageKey('chatgpt:x'), storageKey('claude:x')]),
    );
  });
});
