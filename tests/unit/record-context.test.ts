import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { allInteractions } from '../../lib/db/rows';
import { TokenprintDB } from '../../lib/db/schema';
import { countSiteTokens } from '../../lib/model/tokenize';
import type { CaptureContext, CaptureMessage } from '../../lib/shared/messaging';
import { handleCapture, handleContext } from '../../lib/worker/background';
import { ContextCounts, MAX_TOTAL_TURNS, MAX_TURNS } from '../../lib/worker/context';
import { recordCapture } from '../../lib/worker/record';
import { captureMessageError, contextMessageError } from '../../lib/worker/validate';

// The worker's side of context counting (issue #14): counts and keys in storage.session,
// the reply's row gets contextTokens, and what may not cross the boundary is refused.

const ME = 'our-extension-id';
const sender = { id: ME, url: 'https://chatgpt.com/c/c1', tab: { id: 3 }, frameId: 0 };
const AT = Date.now() - 60_000;
const turn = (
  kind: 'prompt' | 'response',
  key: string,
  text: string,
  ctx?: CaptureContext,
): CaptureMessage => ({
  v: 1,
  site: 'chatgpt',
  kind,
  key,
  conversationId: 'c1',
  modelLabel: 'gpt-4o',
  at: AT,
  text,
  ...(kind === 'response' ? { promptKey: 'p1' } : {}),
  ...(ctx ? { ctx } : {}),
});
const count = async (...texts: string[]) => {
  let n = 0;
  for (const t of texts) n += (await countSiteTokens(t, 'chatgpt')).tokens;
  return n;
};
const history = [
  { key: 'u1', parent: null, text: 'How much energy does a prompt use?' },
  { key: 'a1', parent: 'u1', text: 'About 0.3 Wh for a short one, by several estimates.' },
];

let n = 0;
describe('context counts in the worker', () => {
  let database: TokenprintDB;
  beforeEach(() => {
    database = new TokenprintDB(`ctx-${++n}`);
  });

  it('keeps counts and keys in storage.session under the conversation, never text', async () => {
    const ack = await handleContext(
      { v: 1, site: 'chatgpt', conv: 'c1', turns: history },
      sender,
      ME,
    );
    expect(ack).toEqual({ ok: true, missing: [] });
    const stored = await fakeBrowser.storage.session.get('ctx:chatgpt:c1');
    const json = JSON.stringify(stored);
    expect(json).toContain('u1');
    expect(json).not.toContain('energy');
    const counts = (stored['ctx:chatgpt:c1'] as { tokens: number[] }).tokens;
    expect(counts).toEqual([await count(history[0]!.text), await count(history[1]!.text)]);
    // A key-only query names what it lacks.
    const ask = await handleContext(
      {
        v: 1,
        site: 'chatgpt',
        conv: 'c1',
        turns: [
          { key: 'a1', parent: 'u1' },
          { key: 'x', parent: 'a1' },
        ],
      },
      sender,
      ME,
    );
    expect(ask).toEqual({ ok: true, missing: ['x'] });
  });

  it('records a reply’s context from the branch, its prompt’s files included in later ones', async () => {
    await handleContext({ v: 1, site: 'chatgpt', conv: 'c1', turns: history }, sender, ME);
    await handleCapture(
      turn('prompt', 'p1', 'And a long one?', { conv: 'c1', parent: 'a1' }),
      sender,
      ME,
      database,
    );
    const file = 'A pasted report. '.repeat(50);
    await handleCapture(
      turn('response', 'r1', 'More, as it re-reads.', {
        conv: 'c1',
        parent: 'p1',
        anchor: 'a1',
        from: 'tap',
        files: [file],
      }),
      sender,
      ME,
      database,
    );
    await handleCapture(
      turn('prompt', 'p2', 'Why?', { conv: 'c1', parent: 'r1' }),
      sender,
      ME,
      database,
    );
    await handleCapture(
      {
        ...turn('response', 'r2', 'Because.', {
          conv: 'c1',
          parent: 'p2',
          anchor: 'r1',
          from: 'tap',
        }),
        promptKey: 'p2',
      },
      sender,
      ME,
      database,
    );
    const rows = (await allInteractions(database)).sort((a, b) => a.outputTokens - b.outputTokens);
    const byId = Object.fromEntries(rows.map((r) => [r.outputTokens, r]));
    const r1 = byId[await count('More, as it re-reads.')]!;
    const r2 = byId[await count('Because.')]!;
    const hist = await count(history[0]!.text, history[1]!.text);
    expect(r1).toMatchObject({
      contextTokens: hist,
      contextFrom: 'tap',
      fileTokens: await count(file),
    });
    expect(r2).toMatchObject({
      contextTokens: hist + (await count('And a long one?', 'More, as it re-reads.', file)),
      contextFrom: 'tap',
    });
    expect(r2.fileTokens).toBeUndefined();
  });

  it('a branch with a turn it never counted is a lower bound', async () => {
    const counts = new ContextCounts();
    await counts.turns('chatgpt', 'c1', [{ key: 'a1', parent: 'u1', text: 'known' }]);
    await recordCapture(
      database,
      turn('response', 'r1', 'x', { conv: 'c1', parent: 'p1', anchor: 'a1', from: 'tap' }),
      counts,
    );
    const [row] = await allInteractions(database);
    expect(row).toMatchObject({ contextTokens: await count('known'), contextFrom: 'dom' });
  });

  it('survives a worker restart: a new instance reads storage.session and tokenizes nothing', async () => {
    await new ContextCounts().turns('chatgpt', 'c1', history);
    const again = new ContextCounts();
    expect(
      await again.turns(
        'chatgpt',
        'c1',
        history.map(({ key, parent }) => ({ key, parent })),
      ),
    ).toEqual([]);
    expect(await again.sum('chatgpt', 'c1', 'a1')).toEqual({
      tokens: await count(history[0]!.text, history[1]!.text),
      whole: true,
    });
  });

  it('a storage that fails keeps counts in memory, and a failing ledger costs the context only', async () => {
    const failing = {
      get: () => Promise.reject(new Error('no storage.session')),
      set: () => Promise.reject(new Error('quota')),
      remove: () => Promise.resolve(),
    };
    const counts = new ContextCounts(failing);
    expect(await counts.turns('chatgpt', 'c1', history)).toEqual([]);
    expect((await counts.sum('chatgpt', 'c1', 'a1')).whole).toBe(true);
    const broken = {
      note: () => Promise.reject(new Error('broken')),
      sum: () => Promise.reject(new Error('broken')),
    } as unknown as ContextCounts;
    const ack = await recordCapture(
      database,
      turn('response', 'r1', 'x', { conv: 'c1', parent: 'p1', anchor: 'a1', from: 'tap' }),
      broken,
    );
    expect(ack).toEqual({ ok: true });
    const [row] = await allInteractions(database);
    expect(row!.contextTokens).toBeUndefined();
  });

  it('drops the least recently used conversation past the cap', async () => {
    const many = (prefix: string) =>
      Array.from({ length: MAX_TURNS }, (_, i) => ({ key: `${prefix}${i}`, parent: null }));
    const counts = new ContextCounts();
    const convs = Math.floor(MAX_TOTAL_TURNS / MAX_TURNS) + 1;
    for (let i = 0; i < convs; i++) await counts.turns('chatgpt', `c${i}`, many(`k${i}-`));
    const keys = Object.keys(await fakeBrowser.storage.session.get(null));
    expect(keys).not.toContain('ctx:chatgpt:c0');
    for (let i = 1; i < convs; i++) expect(keys).toContain(`ctx:chatgpt:c${i}`);
  });

  it.each([
    ['another site', { ...sender, url: 'https://example.com/c/c1' }],
    ['another extension', { ...sender, id: 'other' }],
    ['a sub-frame', { ...sender, frameId: 1 }],
  ])('refuses history from %s', async (_what, from) => {
    const ack = await handleContext(
      { v: 1, site: 'chatgpt', conv: 'c1', turns: history },
      from,
      ME,
    );
    expect(ack).toEqual({ ok: false, error: 'sender not allowed' });
    expect(await fakeBrowser.storage.session.get(null)).toEqual({});
  });

  it('refuses history for a site other than the sender’s', async () => {
    const ack = await handleContext(
      { v: 1, site: 'claude', conv: 'c1', turns: history },
      sender,
      ME,
    );
    expect(ack.ok).toBe(false);
  });

  it.each([
    [{ v: 2, site: 'chatgpt', conv: 'c', turns: history }, 'unknown version'],
    [{ v: 1, site: 'chatgpt', conv: '', turns: history }, 'bad conv'],
    [{ v: 1, site: 'chatgpt', conv: 'c', turns: [] }, 'bad turns'],
    [{ v: 1, site: 'chatgpt', conv: 'c', turns: [{ key: 'k', parent: 5 }] }, 'bad turn key'],
    [
      { v: 1, site: 'chatgpt', conv: 'c', turns: [{ key: 'k', parent: null, html: '<b>' }] },
      'unknown turn field',
    ],
    [
      { v: 1, site: 'chatgpt', conv: 'c', turns: [{ key: 'k', parent: null, text: 5 }] },
      'bad turn text',
    ],
    [
      {
        v: 1,
        site: 'chatgpt',
        conv: 'c',
        turns: [{ key: 'k', parent: null, text: 'x'.repeat(10_000_001) }],
      },
      'text too long',
    ],
    [{ v: 1, site: 'chatgpt', conv: 'c', turns: history, extra: 1 }, 'unknown field'],
  ])('refuses a malformed context message (%#)', (m, error) => {
    expect(contextMessageError(m)).toBe(error);
  });

  it.each([
    [
      'prompt',
      { conv: 'c', parent: null, anchor: null, from: 'tap' },
      'bad ctx: unknown field anchor',
    ],
    ['response', { conv: 'c', parent: 'p', anchor: 'a' }, 'bad ctx: anchor needs from'],
    ['response', { conv: 'c', parent: 'p', anchor: 'a', from: 'guess' }, 'bad ctx: bad from'],
    ['response', { conv: 'c', parent: 7 }, 'bad ctx: bad parent'],
    [
      'response',
      { conv: 'c', parent: null, files: ['x'.repeat(10_000_001)] },
      'bad ctx: files too long',
    ],
    ['response', { conv: 'c', parent: null, text: 'x' }, 'bad ctx: unknown field text'],
  ] as const)('refuses a %s capture with a malformed ctx (%#)', (kind, ctx, error) => {
    expect(captureMessageError({ ...turn(kind, 'k', 'x'), ctx })).toBe(error);
  });
});
