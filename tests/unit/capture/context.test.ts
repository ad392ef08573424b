import { describe, expect, it } from 'vitest';
import { ContextLedger, type DomView, type Placeable } from '../../../lib/content/capture/context';
import { SLICE_CHARS, sendContext } from '../../../lib/content/capture/delivery';
import type { ContextMessage } from '../../../lib/shared/messaging';
import {
  MAX_IDS,
  parseTapEvent,
  sliceConversation,
  TEXT_SLICE,
  type TapConversation,
  type TapTexts,
} from '../../../lib/content/tap/events';
import { ContextCounts, type LedgerStore } from '../../../lib/worker/context';
import { countSiteTokens } from '../../../lib/model/tokenize';

// The tab's context ledger (issue #14): which turns are on a reply's branch, and which
// history texts go to the worker, once.

const prompt = (key: string, parentRef?: string, domKey?: string): Placeable => ({
  kind: 'prompt',
  key,
  ...(parentRef ? { parentRef } : {}),
  ...(domKey ? { domKey } : {}),
});
const reply = (key: string, promptKey?: string, domKey?: string): Placeable => ({
  kind: 'response',
  key,
  ...(promptKey ? { promptKey } : {}),
  ...(domKey ? { domKey } : {}),
});
const loadedBranch = (ledger: ContextLedger, conv = 'c') =>
  ledger.loaded(conv, ['u1', 'a1', 'u2', 'a2'], ['hi', 'hello there', 'and then?', 'then this']);

function mapStore(): LedgerStore & { map: Map<string, unknown> } {
  const map = new Map<string, unknown>();
  return {
    map,
    get: <T>(k: string) => Promise.resolve((map.get(k) as T | undefined) ?? null),
    set: (k, v) => Promise.resolve(void map.set(k, structuredClone(v))),
    remove: (k) => Promise.resolve(void map.delete(k)),
  };
}

const tokens = async (...texts: string[]) => {
  let n = 0;
  for (const t of texts) n += (await countSiteTokens(t, 'chatgpt')).tokens;
  return n;
};

/**
 * Plays what the ledger hands out into the worker's counts, as delivery and record do:
 * history turns through sendContext, each captured turn noted with its text's count.
 */
function worker(store = mapStore()) {
  const counts = new ContextCounts(store);
  const sent: ContextMessage[] = [];
  const send = async (m: ContextMessage) => {
    sent.push(m);
    return { ok: true, missing: await counts.turns(m.site, m.conv, m.turns) };
  };
  return {
    store,
    counts,
    sent,
    /** Delivers one placed turn; a response's context tokens come back. */
    async deliver(
      placed: ReturnType<ContextLedger['place']>,
      key: string,
      text: string,
    ): Promise<{ tokens: number; whole: boolean } | null> {
      if (placed.turns)
        await sendContext('chatgpt', { conv: placed.ctx.conv, turns: placed.turns }, send);
      const { ctx } = placed;
      await counts.note('chatgpt', ctx.conv, key, ctx.parent, await tokens(text));
      return ctx.anchor === undefined ? null : counts.sum('chatgpt', ctx.conv, ctx.anchor);
    },
  };
}

describe('the context ledger', () => {
  it('a reply re-reads the loaded branch above its prompt, and later ones what came since', async () => {
    const ledger = new ContextLedger();
    const w = worker();
    loadedBranch(ledger);
    const p = ledger.place(prompt('p1', 'a2'), 'c', false, null);
    expect(p.ctx).toEqual({ conv: 'c', parent: 'a2' });
    await w.deliver(p, 'p1', 'what now?');
    const r = ledger.place(reply('r1', 'p1'), 'c', false, null);
    expect(r.ctx).toMatchObject({ parent: 'p1', anchor: 'a2', from: 'tap' });
    expect(r.turns?.map((t) => [t.key, t.parent])).toEqual([
      ['u1', null],
      ['a1', 'u1'],
      ['u2', 'a1'],
      ['a2', 'u2'],
    ]);
    const history = await tokens('hi', 'hello there', 'and then?', 'then this');
    expect(await w.deliver(r, 'r1', 'this, then.')).toEqual({ tokens: history, whole: true });

    // The next exchange hands over nothing: the history and this tab's turns are counted.
    const p2 = ledger.place(prompt('p2', 'r1'), 'c', false, null);
    await w.deliver(p2, 'p2', 'why?');
    const r2 = ledger.place(reply('r2', 'p2'), 'c', false, null);
    expect(r2.turns).toBeUndefined();
    const since = await tokens('what now?', 'this, then.');
    expect(await w.deliver(r2, 'r2', 'because.')).toEqual({ tokens: history + since, whole: true });
    expect(w.sent).toHaveLength(2); // one query, one slice of texts, for the first reply only
  });

  it('an edit re-reads the branch up to the edited prompt’s parent; a regeneration its prompt too', async () => {
    const ledger = new ContextLedger();
    const w = worker();
    loadedBranch(ledger);
    // Editing u2: ChatGPT sends the new prompt with parent a1.
    const p = ledger.place(prompt('u2b', 'a1'), 'c', false, null);
    await w.deliver(p, 'u2b', 'and instead?');
    const r = ledger.place(reply('a2b', 'u2b'), 'c', false, null);
    expect(r.ctx.anchor).toBe('a1');
    expect(r.turns?.map((t) => t.key)).toEqual(['u1', 'a1']);
    expect((await w.deliver(r, 'a2b', 'instead, that.'))?.tokens).toBe(
      await tokens('hi', 'hello there'),
    );

    // Regenerating a2 (no new prompt): its row counts no prompt, so u2 is context.
    const g = ledger.place(reply('a2c', 'u2'), 'c', false, null);
    expect(g.ctx.anchor).toBe('u2');
    expect(g.turns?.map((t) => t.key)).toEqual(['u2']); // u1, a1 were handed already
    expect((await w.deliver(g, 'a2c', 'again.'))?.tokens).toBe(
      await tokens('hi', 'hello there', 'and then?'),
    );
  });

  it('a new chat starts from nothing, and keeps its name once the URL has an id', async () => {
    const ledger = new ContextLedger();
    const w = worker();
    const p = ledger.place(prompt('p1'), 'tmp-x', true, null);
    await w.deliver(p, 'p1', 'first');
    const r = ledger.place(reply('r1', 'p1'), 'tmp-x', true, null);
    expect(r.ctx).toMatchObject({ conv: 'tmp-x', anchor: null, from: 'tap' });
    expect(await w.deliver(r, 'r1', 'reply one')).toEqual({ tokens: 0, whole: true });
    ledger.alias('tmp-x', 'id-1');
    const p2 = ledger.place(prompt('p2'), 'id-1', false, null);
    expect(p2.ctx).toEqual({ conv: 'tmp-x', parent: 'r1' });
    await w.deliver(p2, 'p2', 'second');
    const r2 = ledger.place(reply('r2', 'p2'), 'id-1', false, null);
    expect(r2.ctx).toMatchObject({ conv: 'tmp-x', anchor: 'r1', from: 'tap' });
    expect(await w.deliver(r2, 'r2', 'x')).toEqual({
      tokens: await tokens('first', 'reply one'),
      whole: true,
    });
  });

  it("a new chat's first reply named by the chat's id, before the URL has it, answers the stand-in's prompt", async () => {
    const ledger = new ContextLedger();
    const w = worker();
    const p = ledger.place(prompt('p1'), 'tmp-x', true, null);
    await w.deliver(p, 'p1', 'first');
    // The traffic names the new id with the reply; the page's URL follows later.
    const r = ledger.place(reply('r1', 'p1'), 'id-1', false, null);
    expect(r.ctx).toMatchObject({ conv: 'tmp-x', parent: 'p1', anchor: null, from: 'tap' });
    expect(await w.deliver(r, 'r1', 'reply one')).toEqual({ tokens: 0, whole: true });
    ledger.alias('tmp-x', 'id-1');
    const r2 = ledger.place(reply('r2', 'p2'), 'id-1', false, null);
    expect(r2.ctx).toMatchObject({ conv: 'tmp-x', from: 'tap' });
  });

  it("only a new chat's waiting prompt takes in a reply named by another conversation", () => {
    const ledger = new ContextLedger();
    loadedBranch(ledger, 'old');
    ledger.place(prompt('p1'), 'tmp-x', true, null);
    // p1 under tmp-x is answered already; u2 is loaded history, not a waiting prompt.
    ledger.place(reply('r1', 'p1'), 'tmp-x', true, null);
    expect(ledger.place(reply('r9', 'p1'), 'other', false, null).ctx.conv).toBe('other');
    expect(ledger.place(reply('r8', 'u2'), 'other', false, null).ctx.conv).toBe('other');
    // A prompt waiting in a conversation that has its id is that conversation's only.
    ledger.place(prompt('q1', 'u2'), 'old', false, null);
    expect(ledger.place(reply('r7', 'q1'), 'other', false, null).ctx.conv).toBe('other');
  });

  it('without the tap, the rendered turns are a lower bound, read once', async () => {
    const ledger = new ContextLedger();
    const w = worker();
    const reads: number[] = [];
    const texts = ['older question', 'older answer', 'last question', 'last answer'];
    const dom = (keys: string[]): DomView => ({
      keys,
      text: (i) => {
        reads.push(i);
        return texts[i] ?? 'new';
      },
    });
    // The page shows four history turns, then what this tab captured.
    const shown = (d: Placeable, ...below: string[]) =>
      ledger.place(d, 'c', false, dom(['d1', 'd2', 'd3', 'd4', ...below]));
    const p = shown(prompt('p1', undefined, 'p1'), 'p1');
    expect(p.ctx.parent).toBe('d4');
    await w.deliver(p, 'p1', 'now?');
    const r = shown(reply('r1', 'p1', 'r1'), 'p1', 'r1');
    expect(r.ctx).toMatchObject({ anchor: 'd4', from: 'dom' });
    expect(await w.deliver(r, 'r1', 'now.')).toEqual({
      tokens: await tokens(...texts),
      whole: true,
    });
    expect(reads).toEqual([0, 1, 2, 3]);

    // An edit of p1 as the DOM shows it (no parent in the traffic): it follows d4 again.
    const e = shown(prompt('p1b', undefined, 'p1b'), 'p1b');
    expect(e.ctx.parent).toBe('d4');
    const next = shown(prompt('p2', undefined, 'p2'), 'p1', 'r1', 'p2');
    expect(next.ctx.parent).toBe('r1');
    expect(reads).toHaveLength(4); // the history's texts were read once
  });

  it('a prompt on a branch the tab never saw is a lower bound', () => {
    const ledger = new ContextLedger();
    loadedBranch(ledger);
    // The user switched versions (< 1/2 >) and prompted under a message not on the loaded branch.
    const p = ledger.place(prompt('p1', 'elsewhere'), 'c', false, null);
    expect(p.ctx.parent).toBe('a2'); // the tab's leaf: the best guess
    const r = ledger.place(reply('r1', 'p1'), 'c', false, null);
    expect(r.ctx).toMatchObject({ anchor: 'a2', from: 'dom' });
    const orphan = ledger.place(reply('r9', 'unknown'), 'other', false, null);
    expect(orphan.ctx).toMatchObject({ anchor: null, from: 'dom' });
  });

  it('a reloaded tab asks the worker first and sends no text it has counted', async () => {
    const store = mapStore();
    const first = worker(store);
    const a = new ContextLedger();
    loadedBranch(a);
    const p = a.place(prompt('p1', 'a2'), 'c', false, null);
    await first.deliver(p, 'p1', 'q');
    await first.deliver(a.place(reply('r1', 'p1'), 'c', false, null), 'r1', 'a');
    expect(first.sent.flatMap((m) => m.turns.filter((t) => t.text !== undefined))).toHaveLength(4);

    // Reload (and the worker restarted: a new ledger over the same session storage).
    const again = worker(store);
    const b = new ContextLedger();
    b.loaded(
      'c',
      ['u1', 'a1', 'u2', 'a2', 'p1', 'r1'],
      ['hi', 'hello there', 'and then?', 'then this', 'q', 'a'],
    );
    await again.deliver(b.place(prompt('p2', 'r1'), 'c', false, null), 'p2', 'q2');
    const sum = await again.deliver(b.place(reply('r2', 'p2'), 'c', false, null), 'r2', 'a2');
    expect(again.sent).toHaveLength(1); // the query only
    expect(again.sent[0]!.turns.every((t) => t.text === undefined)).toBe(true);
    expect(sum).toEqual({
      tokens: await tokens('hi', 'hello there', 'and then?', 'then this', 'q', 'a'),
      whole: true,
    });
  });

  it('a long loaded conversation crosses the channel in slices, and counts once they are in', () => {
    const ids = Array.from({ length: 9 }, (_, i) => `t${i}`);
    const texts = ids.map(() => 'y'.repeat(TEXT_SLICE / 4 + 1));
    const e: TapConversation = {
      t: 'conversation',
      conversationId: 'c',
      ids,
      texts,
      users: 5,
      assistants: 4,
    };
    const [head, ...slices] = sliceConversation(e) as [TapConversation, ...TapTexts[]];
    expect(head).toEqual({
      t: 'conversation',
      conversationId: 'c',
      ids,
      users: 5,
      assistants: 4,
      textsFollow: slices.length,
    });
    expect(slices.length).toBeGreaterThan(2);
    for (const x of [head, ...slices])
      expect(parseTapEvent(JSON.parse(JSON.stringify(x)))).not.toBeNull();
    for (const x of slices) expect(x.texts.join('').length).toBeLessThanOrEqual(TEXT_SLICE);
    expect(slices.flatMap((x) => x.texts)).toEqual(texts);
    expect(sliceConversation({ ...e, texts: ['short'], ids: ['a'] })).toHaveLength(1);
    // Refused: a head that carries texts too, a slice past the ids' cap.
    expect(parseTapEvent({ ...head, texts })).toBeNull();
    expect(parseTapEvent({ ...slices[0], from: MAX_IDS })).toBeNull();

    const ledger = new ContextLedger();
    ledger.loaded('c', ids, undefined, slices.length);
    // A reply before every slice came: a lower bound, the missing texts left for later.
    ledger.texts('c', slices[0]!.from, slices[0]!.texts);
    ledger.place(prompt('p1', 't8'), 'c', false, null);
    const early = ledger.place(reply('r1', 'p1'), 'c', false, null);
    expect(early.ctx.from).toBe('dom');
    expect(early.turns?.map((t) => t.key)).toEqual(ids.slice(0, slices[0]!.texts.length));
    for (const x of slices.slice(1)) ledger.texts('c', x.from, x.texts);
    ledger.place(prompt('p2', 'r1'), 'c', false, null);
    const later = ledger.place(reply('r2', 'p2'), 'c', false, null);
    expect(later.ctx.from).toBe('tap');
    expect(later.turns?.map((t) => t.key)).toEqual(ids.slice(slices[0]!.texts.length));
  });

  it('sends a long history in slices under the cap', async () => {
    const big = 'x'.repeat(SLICE_CHARS / 4 + 1);
    const turns = Array.from({ length: 9 }, (_, i) => ({
      key: `t${i}`,
      parent: i ? `t${i - 1}` : null,
      text: big,
    }));
    const sent: ContextMessage[] = [];
    const ack = await sendContext('chatgpt', { conv: 'c', turns }, async (m) => {
      sent.push(m);
      return { ok: true, missing: m.turns.map((t) => t.key) };
    });
    expect(ack.ok).toBe(true);
    const slices = sent.slice(1);
    expect(slices.length).toBeGreaterThan(2);
    for (const s of slices)
      expect(s.turns.reduce((n, t) => n + (t.text?.length ?? 0), 0)).toBeLessThanOrEqual(
        SLICE_CHARS,
      );
    expect(slices.flatMap((s) => s.turns.map((t) => t.key))).toEqual(turns.map((t) => t.key));
  });

  it('stops at the first refusal, so the queue can retry the whole job', async () => {
    const sent: ContextMessage[] = [];
    const ack = await sendContext(
      'chatgpt',
      { conv: 'c', turns: [{ key: 'a', parent: null, text: 'x' }] },
      (m) => {
        sent.push(m);
        return Promise.resolve({ ok: false, error: 'worker asleep' });
      },
    );
    expect(ack).toEqual({ ok: false, error: 'worker asleep' });
    expect(sent).toHaveLength(1);
  });
});
