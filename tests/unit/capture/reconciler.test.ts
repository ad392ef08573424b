import { describe, expect, it } from 'vitest';
import {
  MATCH_MS,
  Reconciler,
  WAIT_MS,
  type Decision,
  type Sighting,
} from '../../../lib/content/capture/reconciler';

// The reconciler with a fake clock and fake timers: time moves only through `advance`.

function setup(tapExpected = true) {
  let now = 1_800_000_000_000;
  let seq = 0;
  const timers = new Map<number, { at: number; fn: () => void }>();
  const decisions: Decision[] = [];
  const state = { tapExpected };
  const rec = new Reconciler({
    emit: (d) => decisions.push(d),
    now: () => now,
    setTimeout: (fn, ms) => {
      const id = ++seq;
      timers.set(id, { at: now + ms, fn });
      return id;
    },
    clearTimeout: (h) => timers.delete(h as number),
    tapExpected: () => state.tapExpected,
  });
  const advance = (ms: number) => {
    const end = now + ms;
    for (;;) {
      const due = [...timers.entries()]
        .filter(([, t]) => t.at <= end)
        .sort((a, b) => a[1].at - b[1].at)[0];
      if (!due) break;
      timers.delete(due[0]);
      now = due[1].at;
      due[1].fn();
    }
    now = end;
  };
  return { rec, decisions, advance, state, timers, now: () => now };
}

const T0 = 1_800_000_000_000;
const dom = (over: Partial<Sighting> = {}): Sighting => ({
  source: 'dom',
  kind: 'response',
  conversationId: 'conv',
  id: null,
  domKey: 'conv:3',
  text: 'DOM text (rendered)',
  model: 'GPT-4o',
  at: T0,
  anchor: { el: 'reply-3' },
  ...over,
});
const tap = (over: Partial<Sighting> = {}): Sighting => ({
  source: 'tap',
  kind: 'response',
  conversationId: 'conv',
  id: 'msg-3',
  text: 'Provider text',
  model: 'gpt-4o',
  at: T0 + 50,
  ...over,
});

describe('Reconciler: one reply seen by both sources', () => {
  it.each([
    ['DOM then tap', ['dom', 'tap']],
    ['tap then DOM', ['tap', 'dom']],
  ] as const)('%s within WAIT_MS: one decision with both sources', (_name, order) => {
    const { rec, decisions, advance, timers } = setup();
    const s = { dom: dom(), tap: tap() };
    rec.see(s[order[0]]);
    advance(WAIT_MS - 1);
    expect(decisions).toEqual([]);
    rec.see(s[order[1]]);
    expect(decisions).toEqual([
      {
        kind: 'response',
        key: 'msg-3',
        conversationId: 'conv',
        text: 'Provider text',
        model: 'gpt-4o',
        at: T0,
        domKey: 'conv:3',
        sources: ['dom', 'tap'],
        anchor: { el: 'reply-3' },
      },
    ]);
    expect(timers.size).toBe(0); // the waiting timer was cleared
    advance(MATCH_MS * 2);
    expect(decisions).toHaveLength(1);
    expect(rec.aloneStreak('dom')).toBe(0);
    expect(rec.aloneStreak('tap')).toBe(0);
    expect(rec.replies('dom')).toBe(1);
    expect(rec.replies('tap')).toBe(1);
  });

  it('a DOM sighting while no tap stream is expected is emitted at once', () => {
    const { rec, decisions } = setup(false);
    rec.see(dom());
    expect(decisions).toEqual([
      expect.objectContaining({ key: 'conv:3', text: 'DOM text (rendered)', sources: ['dom'] }),
    ]);
  });

  it('a DOM sighting while a tap stream is expected waits WAIT_MS, then is emitted alone', () => {
    const { rec, decisions, advance } = setup(true);
    rec.see(dom());
    advance(WAIT_MS - 1);
    expect(decisions).toEqual([]);
    advance(1);
    expect(decisions).toEqual([expect.objectContaining({ key: 'conv:3', sources: ['dom'] })]);
  });

  it('a tap sighting alone is emitted after WAIT_MS, even when no tap stream is expected', () => {
    const { rec, decisions, advance } = setup(false);
    rec.see(tap());
    advance(WAIT_MS - 1);
    expect(decisions).toEqual([]);
    advance(1);
    expect(decisions).toEqual([
      {
        kind: 'response',
        key: 'msg-3',
        conversationId: 'conv',
        text: 'Provider text',
        model: 'gpt-4o',
        at: T0 + 50,
        sources: ['tap'],
      },
    ]);
  });

  it("a reply both sources saw carries the traffic's measurements (issue #14)", () => {
    const { rec, decisions, advance } = setup(true);
    const measured = { thinkMs: 32_000, thinkFrom: 'duration' as const, ttftMs: 33_000 };
    rec.see(dom());
    rec.see(tap({ measured }));
    advance(WAIT_MS);
    expect(decisions).toHaveLength(1);
    expect(decisions[0]!.measured).toEqual(measured);
    expect(decisions[0]!.sources).toEqual(['dom', 'tap']);
  });

  describe("the page's reasoning label when the traffic has no duration (issue #14)", () => {
    const label = (ms: number) => () => ({ how: 'label' as const, ms });
    it.each([
      [
        'the traffic has a duration: it wins, the label is not read',
        { thinkMs: 32_000, thinkFrom: 'duration' as const, ttftMs: 900 },
        () => {
          throw new Error('read');
        },
        { thinkMs: 32_000, thinkFrom: 'duration', ttftMs: 900 },
      ],
      [
        "no duration: the label's, beside the traffic's timing",
        { ttftMs: 31_000, images: 1 },
        label(12_000),
        { ttftMs: 31_000, images: 1, thinkMs: 12_000, thinkFrom: 'label' },
      ],
      [
        'a label without a readable time: unparsed, no duration',
        { ttftMs: 4000 },
        () => ({ how: 'unparsed' as const }),
        { ttftMs: 4000, thinkFrom: 'unparsed' },
      ],
      ['no label on the page: the traffic as it was', { ttftMs: 700 }, () => null, { ttftMs: 700 }],
      [
        'a label that throws: the traffic as it was',
        { ttftMs: 700 },
        () => {
          throw new Error('gone');
        },
        { ttftMs: 700 },
      ],
    ])('%s', (_name, measured, readThink, want) => {
      const { rec, decisions, advance } = setup(true);
      rec.see(dom({ readThink }));
      rec.see(tap({ measured }));
      advance(WAIT_MS);
      expect(decisions.map((d) => d.measured)).toEqual([want]);
    });

    it('a reply only the DOM saw carries its label alone; a prompt reads none', () => {
      const { rec, decisions } = setup(false);
      let reads = 0;
      const readThink = () => (reads++, { how: 'label' as const, ms: 6000 });
      rec.see(dom({ readThink }));
      rec.see(dom({ kind: 'prompt', domKey: 'conv:4', readThink }));
      expect(decisions.map((d) => d.measured)).toEqual([
        { thinkMs: 6000, thinkFrom: 'label' },
        undefined,
      ]);
      expect(reads).toBe(1);
    });
  });

  it.each([
    ['tap recorded alone, DOM late', tap(), dom(), 'tap'],
    ['DOM recorded alone, tap late', dom(), tap(), 'dom'],
  ] as const)(
    '%s within MATCH_MS: nothing more, and the streak resets',
    (_n, first, late, alone) => {
      const { rec, decisions, advance, state } = setup();
      state.tapExpected = false;
      rec.see(first);
      advance(WAIT_MS);
      expect(decisions).toHaveLength(1);
      expect(rec.aloneStreak(alone)).toBe(1);
      advance(MATCH_MS - WAIT_MS - 1);
      rec.see(late);
      advance(WAIT_MS * 2);
      expect(decisions).toHaveLength(1);
      expect(rec.aloneStreak(alone)).toBe(0);
    },
  );

  it('a late partner after MATCH_MS is another turn', () => {
    const { rec, decisions, advance } = setup();
    rec.see(tap());
    advance(MATCH_MS);
    rec.see(dom());
    advance(WAIT_MS);
    expect(decisions.map((d) => d.sources)).toEqual([['tap'], ['dom']]);
  });

  it('a sighting of the same source does not complete a slot (two DOM replies are two)', () => {
    const { rec, decisions, advance } = setup(false);
    rec.see(dom({ domKey: 'conv:3' }));
    rec.see(dom({ domKey: 'conv:5' }));
    advance(WAIT_MS);
    expect(decisions.map((d) => d.key)).toEqual(['conv:3', 'conv:5']);
  });
});

describe('Reconciler: prompts and replies', () => {
  const tapPrompt = (over: Partial<Sighting> = {}): Sighting => ({
    source: 'tap',
    kind: 'prompt',
    conversationId: 'conv',
    id: 'p-3',
    text: 'Question?',
    model: null,
    at: T0,
    ...over,
  });
  const domPrompt = (over: Partial<Sighting> = {}): Sighting => ({
    source: 'dom',
    kind: 'prompt',
    conversationId: 'conv',
    id: null,
    domKey: 'conv:2',
    text: 'Question?',
    model: null,
    at: T0,
    ...over,
  });

  it('a reply decided before its waiting prompt emits the prompt first, paired by the tap parent id', () => {
    const { rec, decisions } = setup();
    rec.see(tapPrompt());
    rec.see(domPrompt()); // the prompt is decided (both sources) under the tap's id
    rec.see(tap({ promptRef: 'p-3' }));
    rec.see(dom({ promptRef: 'conv:2' }));
    expect(decisions.map((d) => [d.kind, d.key, d.promptKey])).toEqual([
      ['prompt', 'p-3', undefined],
      ['response', 'msg-3', 'p-3'],
    ]);
  });

  it('a prompt still waiting is emitted before a reply that is decided', () => {
    const { rec, decisions } = setup(false);
    rec.see(tapPrompt()); // waits WAIT_MS for the DOM
    rec.see(dom({ promptRef: 'conv:2' })); // emitted at once: the prompt goes first
    expect(decisions.map((d) => `${d.kind}:${d.key}`)).toEqual(['prompt:p-3', 'response:conv:3']);
  });

  it('the DOM reply’s promptRef (the prompt’s DOM key) gives the prompt’s decided key', () => {
    const { rec, decisions, advance } = setup(false);
    rec.see(tapPrompt());
    rec.see(domPrompt()); // one prompt, key p-3 (the tap's id)
    rec.see(dom({ promptRef: 'conv:2' })); // DOM alone, emitted at once
    advance(WAIT_MS);
    expect(decisions.map((d) => [d.kind, d.key, d.promptKey])).toEqual([
      ['prompt', 'p-3', undefined],
      ['response', 'conv:3', 'p-3'],
    ]);
  });

  it('a prompt recorded by the DOM alone keeps its DOM key for a tap reply naming it by id', () => {
    const { rec, decisions, advance } = setup(false);
    rec.see(domPrompt()); // emitted at once under conv:2
    rec.see(tapPrompt()); // late partner: nothing more
    rec.see(tap({ promptRef: 'p-3' }));
    advance(WAIT_MS);
    expect(decisions.map((d) => [d.kind, d.key, d.promptKey])).toEqual([
      ['prompt', 'conv:2', undefined],
      ['response', 'msg-3', 'conv:2'],
    ]);
  });

  it('a reply whose prompt was never seen keeps its reference as promptKey', () => {
    const { rec, decisions, advance } = setup();
    rec.see(tap({ promptRef: 'p-unknown' }));
    advance(WAIT_MS);
    expect(decisions[0]).toMatchObject({ kind: 'response', promptKey: 'p-unknown' });
  });

  it('a prompt and a reply never pair with each other', () => {
    const { rec, decisions, advance } = setup();
    rec.see(domPrompt());
    rec.see(tap());
    advance(WAIT_MS);
    expect(decisions.map((d) => [d.kind, d.sources])).toEqual([
      ['prompt', ['dom']],
      ['response', ['tap']],
    ]);
  });
});

describe('Reconciler: streaks and matching', () => {
  it('aloneStreak counts replies recorded by one source and resets on a match', () => {
    const { rec, advance } = setup(false);
    const streak = () => [rec.aloneStreak('dom'), rec.aloneStreak('tap')];
    rec.see(tap({ id: 't1' }));
    advance(WAIT_MS);
    expect(streak()).toEqual([0, 1]);
    rec.see(tap({ id: 't2' }));
    advance(WAIT_MS);
    expect(streak()).toEqual([0, 2]);
    advance(MATCH_MS); // the DOM never saw them
    rec.see(dom({ domKey: 'd3' })); // tap not expected: at once, alone
    expect(rec.aloneStreak('dom')).toBe(1);
    advance(MATCH_MS);
    rec.see(dom({ domKey: 'd4' }));
    rec.see(tap({ id: 't4' })); // a match
    expect(streak()).toEqual([0, 0]);
    // Prompts seen by one source do not count.
    rec.see({ ...tap({ id: 'p5' }), kind: 'prompt' });
    advance(WAIT_MS);
    expect(streak()).toEqual([0, 0]);
  });

  it('an exact id match is preferred over the oldest open sighting', () => {
    const { rec, decisions } = setup(true);
    // ChatGPT's DOM knows message ids: two replies waiting for the tap.
    rec.see(dom({ id: 'msg-1', domKey: 'conv:1', text: 'one' }));
    rec.see(dom({ id: 'msg-2', domKey: 'conv:3', text: 'two' }));
    rec.see(tap({ id: 'msg-2', text: 'TWO' }));
    expect(decisions).toEqual([
      expect.objectContaining({ key: 'msg-2', text: 'TWO', sources: ['dom', 'tap'] }),
    ]);
    rec.see(tap({ id: 'msg-1', text: 'ONE' }));
    expect(decisions.map((d) => [d.key, d.text])).toEqual([
      ['msg-2', 'TWO'],
      ['msg-1', 'ONE'],
    ]);
  });

  it('without ids the oldest open sighting of the other source is the same turn (FIFO)', () => {
    const { rec, decisions } = setup(true);
    rec.see(dom({ domKey: 'conv:1', text: 'one' }));
    rec.see(dom({ domKey: 'conv:3', text: 'two' }));
    rec.see(tap({ id: 't-a', text: 'ONE' }));
    rec.see(tap({ id: 't-b', text: 'TWO' }));
    expect(decisions.map((d) => [d.key, d.text, d.anchor])).toEqual([
      ['t-a', 'ONE', { el: 'reply-3' }],
      ['t-b', 'TWO', { el: 'reply-3' }],
    ]);
  });

  it.each([
    ['DOM without a conversation (new chat), tap with one', null, 'conv', null],
    ['DOM with a conversation, tap without one', 'conv', null, 'conv'],
    ['both the same', 'conv', 'conv', 'conv'],
  ] as const)('%s: they match', (_n, domConv, tapConv, decided) => {
    const { rec, decisions } = setup();
    rec.see(dom({ conversationId: domConv }));
    rec.see(tap({ conversationId: tapConv }));
    expect(decisions).toEqual([
      expect.objectContaining({ sources: ['dom', 'tap'], conversationId: decided }),
    ]);
  });

  it('different conversations never match', () => {
    const { rec, decisions, advance } = setup();
    rec.see(dom({ conversationId: 'conv-a' }));
    rec.see(tap({ conversationId: 'conv-b' }));
    advance(WAIT_MS);
    expect(decisions.map((d) => [d.conversationId, d.sources])).toEqual([
      ['conv-a', ['dom']],
      ['conv-b', ['tap']],
    ]);
  });

  it('flush() records everything still waiting, once', () => {
    const { rec, decisions, advance } = setup();
    rec.see(dom());
    rec.see({ ...tap({ id: 'p' }), kind: 'prompt' });
    rec.flush();
    expect(decisions.map((d) => d.kind)).toEqual(['prompt', 'response']);
    advance(WAIT_MS * 2);
    rec.flush();
    expect(decisions).toHaveLength(2);
  });

  it('reasoning comes from the tap; the DOM’s only when the tap has none', () => {
    const { rec, decisions } = setup();
    rec.see(dom({ reasoning: 'dom thoughts' }));
    rec.see(tap({ reasoning: 'tap thoughts' }));
    rec.see(dom({ domKey: 'conv:5', reasoning: 'dom only' }));
    rec.see(tap({ id: 'msg-5' }));
    expect(decisions.map((d) => d.reasoning)).toEqual(['tap thoughts', 'dom only']);
  });

  it('hasTapId knows the ids the tap streamed', () => {
    const { rec } = setup();
    rec.see(tap({ id: 'msg-9' }));
    expect(rec.hasTapId('msg-9')).toBe(true);
    expect(rec.hasTapId('msg-8')).toBe(false);
  });
});
