import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { DEFAULT_ASSUMPTIONS, estimate } from '../../../lib/model/carbon';
import type { Assumptions } from '../../../lib/model/carbon/types';
import {
  keepLastReply,
  LAST_REPLY_KEY,
  lastReplyFromStorage,
  lastReplyOf,
  type LastReply,
} from '../../../lib/db/last-reply';
import { storageKey } from '../../../lib/db/keys';
import { encodeInteraction } from '../../../lib/db/rows';
import { TokenprintDB } from '../../../lib/db/schema';
import { addInteractions } from '../../../lib/db/write';
import { deleteAllData } from '../../../lib/worker/export';
import {
  halvingContext,
  longChatHint,
  longChatThreshold,
  nextContext,
  nextPromptUsage,
} from '../../../components/shared/long-chat';

const A = DEFAULT_ASSUMPTIONS;
const reply = (over: Partial<LastReply> = {}): LastReply => ({
  v: 1,
  at: 1_764_800_000_000,
  site: 'claude',
  conversation: 7,
  model: 'claude-sonnet-4-5',
  inputTokens: 80,
  outputTokens: 700,
  contextTokens: 60_000,
  ...over,
});

describe('the long-chat hint’s arithmetic (issue #14)', () => {
  it('the next prompt re-reads the last one’s context, its prompt and files, and the reply', () => {
    expect(nextContext(reply())).toBe(60_000 + 80 + 700);
    expect(nextContext(reply({ fileTokens: 5_000 }))).toBe(65_780);
    // History recorded before context capture: no hint, never an invented context.
    expect(nextContext(reply({ contextTokens: undefined }))).toBeNull();
    expect(longChatHint(reply({ contextTokens: undefined }), A, 1_000)).toBeNull();
  });

  it.each([
    ['linear', (c: number) => 1 + c / 1000, 1000],
    ['quadratic', (c: number) => 4 + (c / 1000) ** 2, 2000],
  ])('halvingContext finds where cost doubles (%s)', (_, cost, want) => {
    expect(halvingContext(cost)).toBe(want);
  });

  it('a cost that never doubles (no input priced) has no threshold', () => {
    expect(halvingContext(() => 3)).toBe(Infinity);
    expect(longChatThreshold(reply(), { ...A, method: 'ecologits' }, 'auto')!.threshold).toBe(
      Infinity,
    );
    expect(longChatHint(reply(), { ...A, method: 'ecologits' }, 'auto')).toBeNull();
  });

  it.each([
    ['claude', 'claude-sonnet-4-5', 80, 700],
    ['chatgpt', 'gpt-4o', 60, 600],
    ['chatgpt', 'gpt-5', 60, 600],
    ['lechat', 'mistral-medium', 60, 600],
  ] as const)(
    'automatic threshold on %s %s: the first context at twice a new chat',
    (site, model, p, r) => {
      const last = reply({ site, model, inputTokens: p, outputTokens: r });
      const t = longChatThreshold(last, A, 'auto')!;
      const g = (c: number) => estimate(nextPromptUsage(p, r, c), model, site, A).gco2e.central;
      expect(Number.isFinite(t.threshold)).toBe(true);
      expect(g(t.threshold)).toBeGreaterThanOrEqual(2 * g(0));
      expect(g(t.threshold - 1)).toBeLessThan(2 * g(0));
    },
  );

  it('more cached context moves the automatic threshold out; none cached brings it in', () => {
    const at = (a: Assumptions) => longChatThreshold(reply(), a, 'auto')!.threshold;
    const none = { ...A, cachedShare: { min: 0, central: 0, max: 0 } };
    const most = { ...A, cachedShare: { min: 0.9, central: 0.9, max: 0.9 } };
    expect(at(none)).toBeLessThan(at(A));
    expect(at(most)).toBeGreaterThan(at(A));
  });

  it('shows the next prompt here and in a new chat, from the user’s own sizes', () => {
    const h = longChatHint(reply(), A, 'auto')!;
    expect(h.context).toBe(60_780);
    const here = estimate(nextPromptUsage(80, 700, 60_780), 'claude-sonnet-4-5', 'claude', A);
    const fresh = estimate(nextPromptUsage(80, 700, 0), 'claude-sonnet-4-5', 'claude', A);
    expect(h.here.central).toBeCloseTo(here.gco2e.central, 12);
    expect(h.here.max).toBeCloseTo(here.gco2e.max, 12);
    expect(h.fresh.central).toBeCloseTo(fresh.gco2e.central, 12);
    expect(h.here.central).toBeGreaterThan(2 * h.fresh.central);
    // Below the threshold: nothing to say. A threshold set by hand wins over the automatic one.
    const short = reply({ contextTokens: 1_000 });
    expect(longChatHint(short, A, 'auto')).toBeNull();
    expect(longChatHint(short, A, 1_500)!.threshold).toBe(1_500);
    expect(longChatHint(reply(), A, 100_000)).toBeNull();
  });
});

describe('the newest reply’s copy (lib/db/last-reply.ts)', () => {
  it('reads the stored row’s counts without the row codec', () => {
    const row = {
      at: 5,
      site: 'lechat' as const,
      conversationId: 'c1',
      model: 'mistral-medium',
      inputTokens: 3,
      outputTokens: 4,
      contextTokens: 900,
      thinkMs: 100,
      fileTokens: 12,
    };
    const copy = lastReplyOf(encodeInteraction(row));
    expect(copy).toMatchObject({ at: 5, site: 'lechat', model: 'mistral-medium', inputTokens: 3 });
    expect(copy.contextTokens).toBe(900);
    expect(copy.fileTokens).toBe(12);
    expect(lastReplyFromStorage(copy)).toEqual(copy);
    expect(
      lastReplyOf(encodeInteraction({ ...row, contextTokens: undefined })).contextTokens,
    ).toBeUndefined();
    for (const bad of [
      null,
      3,
      { ...copy, v: 2 },
      { ...copy, site: 'bard' },
      { ...copy, contextTokens: -1 },
    ])
      expect(lastReplyFromStorage(bad)).toBeNull();
  });

  it('follows writes: the newest reply wins, an older import does not replace it, a clear removes it', async () => {
    const d = new TokenprintDB('last-reply-1');
    keepLastReply(d);
    const row = (id: string, at: number, contextTokens?: number) => ({
      key: storageKey(`claude:${id}`),
      at,
      site: 'claude' as const,
      conversationId: 'conv',
      model: 'claude-sonnet-4-5',
      inputTokens: 50,
      outputTokens: 500,
      ...(contextTokens !== undefined ? { contextTokens } : {}),
    });
    const stored = async () =>
      lastReplyFromStorage((await fakeBrowser.storage.local.get(LAST_REPLY_KEY))[LAST_REPLY_KEY]);
    await addInteractions(d, [row('a', 2_000, 4_000), row('b', 1_000)]);
    await expect.poll(stored).toMatchObject({ at: 2_000, contextTokens: 4_000 });
    await addInteractions(d, [row('c', 1_500)]);
    await new Promise((r) => setTimeout(r, 20));
    expect((await stored())!.at).toBe(2_000);
    await deleteAllData(d);
    // Gone when the delete resolves, not after it: the options page may close at once.
    expect(await stored()).toBeNull();
  });
});
