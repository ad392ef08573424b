import { describe, expect, it } from 'vitest';
import { parseTapEvent, type TapEvent, type TapReply } from '../../../lib/content/tap/events';
import type { TappedRequest, TrafficParser } from '../../../lib/content/tap/fetch';
import { createGeminiTraffic, geminiTraffic } from '../../../lib/content/tap/gemini';
import { CID, frame, genRow, readChatBody, RID, sendBody, streamBody } from './gemini-frames';

// Gemini's StreamGenerate and hNvQHb bodies (gemini-2026.md §5) through the parser, cut at
// every awkward place; every event must also pass the isolated side's validation.

const ORIGIN = 'https://gemini.google.com';
const STREAM_PATH =
  '/_/BardChatUi/data/assistant.lamda.BardFrontendService/StreamGenerate?bl=boq_assistant-bard-web-server_20261130.08_p0&f.sid=-4242&hl=en&_reqid=123456&rt=c';
const USER = 'Combien de CO₂ pour 1 kWh ? 🌍';
const REPLY = 'Environ 50 g en France — 日本では約450 g 🔌. Voilà.';

const req = (path: string, body: string | null = null, method = 'POST'): TappedRequest => ({
  method,
  url: new URL(path, ORIGIN),
  body,
  sentAt: 100,
});

/** The body fed in pieces of `size` characters (surrogate pairs may split), then ended. */
function run(
  body: string,
  size: number,
  o: { cut?: boolean; send?: string; parser?: TrafficParser } = {},
): TapEvent[] {
  const reader = (o.parser ?? createGeminiTraffic()).stream(
    req(STREAM_PATH, o.send ?? sendBody(USER)),
  );
  const events: TapEvent[] = [];
  for (let i = 0; i < body.length; i += size)
    events.push(...reader.push(body.slice(i, i + size), 200 + i));
  events.push(...reader.end(o.cut ?? false));
  for (const e of events)
    expect(parseTapEvent(JSON.parse(JSON.stringify(e))), JSON.stringify(e)).not.toBeNull();
  return events;
}
const replyOf = (es: TapEvent[]) => es.filter((e): e is TapReply => e.t === 'reply');

describe('kind(): which of Gemini’s requests the parser reads', () => {
  it.each([
    ['POST', STREAM_PATH, 'stream'],
    ['POST', `/u/1${STREAM_PATH}`, 'stream'],
    ['GET', STREAM_PATH, null],
    ['POST', '/_/BardChatUi/data/batchexecute?rpcids=hNvQHb&source-path=%2Fapp%2Fx&rt=c', 'json'],
    ['POST', '/u/2/_/BardChatUi/data/batchexecute?rpcids=ESY5D,hNvQHb&rt=c', 'json'],
    ['POST', '/_/BardChatUi/data/batchexecute?rpcids=MaZiqc&rt=c', null],
    ['POST', '/_/BardChatUi/data/batchexecute?rpcids=otAQ7b&rt=c', null],
    ['POST', '/app/a90a6a0004767ad3', null],
  ] as const)('%s %s → %s', (method, path, kind) => {
    expect(geminiTraffic.kind(req(path, null, method))).toBe(kind);
  });
});

describe('Gemini reply stream', () => {
  const body = streamBody(REPLY, { steps: 6 });

  it.each([1, 2, 7, 64, 100_000])(
    'in pieces of %i: one prompt, then one complete reply',
    (size) => {
      const es = run(body, size);
      expect(es.map((e) => e.t)).toEqual(['prompt', 'reply']);
      expect(es[0]).toEqual({
        t: 'prompt',
        conversationId: CID,
        id: `q_${RID.slice(2)}`,
        text: USER,
      });
      expect(replyOf(es)[0]).toMatchObject({
        conversationId: CID,
        id: RID,
        parentId: `q_${RID.slice(2)}`,
        text: REPLY,
        model: null,
        status: 'complete',
      });
    },
  );

  it('measures time to first token and the stream from the chunks’ arrival times', () => {
    const r = replyOf(run(body, 40))[0]!;
    expect(r.ttftMs).toBeGreaterThan(100);
    expect(r.streamMs).toBeGreaterThan(0);
  });

  it('thoughts stream apart from the answer, as reasoning', () => {
    const r = replyOf(run(streamBody(REPLY, { thoughts: 'Let me weigh the grids first.' }), 9))[0]!;
    expect(r.text).toBe(REPLY);
    expect(r.reasoning).toBe('Let me weigh the grids first.');
  });

  it('a stream cut before its final frame is a stopped reply with the text so far', () => {
    const whole = streamBody(REPLY, { steps: 4 });
    const upTo = whole.indexOf(frame([genRow(REPLY, { done: true })]));
    const r = replyOf(run(whole.slice(0, upTo), 13, { cut: true }))[0]!;
    expect(r.status).toBe('stopped');
    expect(REPLY.startsWith(r.text) && r.text.length > 0 && r.text.length < REPLY.length).toBe(
      true,
    );
  });

  it('a complete body ended by an abort after its last frame is stopped (the page cut it)', () => {
    expect(replyOf(run(body, 50, { cut: true }))[0]!.status).toBe('stopped');
  });

  it('a temporary chat (inner[45] = 1) names no conversation', () => {
    const es = run(body, 30, { send: sendBody(USER, { temporary: true }) });
    expect(es.map((e) => ('conversationId' in e ? e.conversationId : 'x'))).toEqual([null, null]);
  });

  it('files attached to the prompt are counted by kind', () => {
    expect(replyOf(run(body, 30, { send: sendBody(USER, { files: 2 }) }))[0]!.filesGuessed).toBe(2);
  });

  it('a card placeholder as the text gives the candidate’s alternative text', () => {
    const cand: unknown[] = ['rc_1', ['http://googleusercontent.com/card_content/0']];
    cand[8] = [2];
    cand[22] = ['A table of grid intensities.'];
    const part: unknown[] = [null, [`c_${CID}`, RID]];
    part[4] = [cand];
    const r = replyOf(run(")]}'\n\n" + frame([['wrb.fr', null, JSON.stringify(part)]]), 17))[0]!;
    expect(r.text).toBe('A table of grid intensities.');
  });

  it('a Redo (the same prompt re-sent after the same turn) counts no new prompt and answers the first', () => {
    const parser = createGeminiTraffic();
    const first = run(body, 50, { parser });
    const again = run(streamBody(REPLY, { rid: 'r_9999999999999999' }), 50, { parser });
    expect(again.map((e) => e.t)).toEqual(['reply']);
    expect(replyOf(again)[0]).toMatchObject({
      id: 'r_9999999999999999',
      parentId: first[0]!.t === 'prompt' ? first[0]!.id : 'none',
    });
    // A new chat's first prompt carries no conversation: the same text twice is two prompts.
    const fresh = createGeminiTraffic();
    const newChat = sendBody(USER, { newChat: true });
    run(body, 50, { parser: fresh, send: newChat });
    expect(run(body, 50, { parser: fresh, send: newChat })[0]!.t).toBe('prompt');
  });

  it('a body the page sent without a readable prompt still gives the reply', () => {
    expect(run(body, 30, { send: 'at=tok&' }).map((e) => e.t)).toEqual(['reply']);
  });

  it.each([
    ['garbage', 'not frames at all\n{"x":1}\n'],
    [
      'no data rows',
      ")]}'\n\n" +
        frame([
          ['di', 12],
          ['af.httprm', 11, '-1', 3],
        ]),
    ],
    ['empty', ''],
    ['reshaped payload', ")]}'\n\n" + frame([['wrb.fr', null, JSON.stringify({ text: REPLY })]])],
  ])('%s: an anomaly and no reply', (_n, text) => {
    const es = run(text, 5);
    expect(es.map((e) => e.t)).toEqual(['anomaly']);
  });
});

describe('Gemini loaded conversation (hNvQHb)', () => {
  const turns = [
    { rid: '1111111111111111', user: 'First?', reply: 'One.' },
    { rid: '2222222222222222', user: 'Second?', reply: 'Two.' },
    { rid: '3333333333333333', user: 'Third?', reply: 'Three.' },
  ];

  it('turns sent newest first come out oldest first, prompt before reply, with their texts', () => {
    const [e] = geminiTraffic.json(
      req('/_/BardChatUi/data/batchexecute?rpcids=hNvQHb'),
      readChatBody(turns),
    );
    expect(e).toEqual({
      t: 'conversation',
      conversationId: CID,
      ids: turns.flatMap((t) => [`q_${t.rid}`, `r_${t.rid}`]),
      texts: turns.flatMap((t) => [t.user, t.reply]),
      users: 3,
      assistants: 3,
    });
    expect(parseTapEvent(e)).not.toBeNull();
  });

  it('when every turn has a timestamp, the timestamps give the order', () => {
    // Sent in an order that is neither oldest nor newest first.
    const stamped = [
      { ...turns[1]!, sec: 200 },
      { ...turns[0]!, sec: 100 },
      { ...turns[2]!, sec: 300 },
    ];
    const [e] = geminiTraffic.json(
      req('/_/BardChatUi/data/batchexecute?rpcids=hNvQHb'),
      readChatBody(stamped),
    );
    expect(e?.t === 'conversation' && e.ids).toEqual(
      turns.flatMap((t) => [`q_${t.rid}`, `r_${t.rid}`]),
    );
  });

  it.each([
    [
      'another RPC’s rows',
      ")]}'\n\n" + frame([['wrb.fr', 'MaZiqc', '[[]]', null, null, null, 'generic']]),
    ],
    ['not frames', '<html>Sign in</html>'],
    ['reshaped turns', ")]}'\n\n" + frame([['wrb.fr', 'hNvQHb', '[[{"id":1}]]']])],
  ])('%s: an anomaly', (_n, text) => {
    expect(geminiTraffic.json(req('/_/BardChatUi/data/batchexecute?rpcids=hNvQHb'), text)).toEqual([
      { t: 'anomaly', what: 'unknown-shape' },
    ]);
  });
});
