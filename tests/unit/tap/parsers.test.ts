import { describe, expect, it } from 'vitest';
import { chatgptTraffic } from '../../../lib/content/tap/chatgpt';
import { claudeTraffic, textDelta } from '../../../lib/content/tap/claude';
import {
  parseTapEvent,
  type TapConversation,
  type TapEvent,
  type TapReply,
} from '../../../lib/content/tap/events';
import type { TappedRequest, TrafficParser } from '../../../lib/content/tap/fetch';
import { lechatTraffic } from '../../../lib/content/tap/lechat';
import { cannedResponse } from '../../fixtures/traffic';

// The three sites' 2026 traffic, built by the same canned responses the e2e serves
// (tests/fixtures/traffic.ts), fed to each parser the way lib/content/tap/fetch.ts does: bytes in
// chunks, decoded with a streaming TextDecoder, then end(cut).

const ORG = '9d3c1f2a-5b7e-4c8d-a1f0-6e2b4d8c0a35';
const CONV = '6a1f0c2e-3b4d-4e5f-8a9b-0c1d2e3f4a5b';
const PROMPT_ID = '1b2c3d4e-5f60-4172-8394-a5b6c7d8e9f0';
const REPLY_ID = '2c3d4e5f-6071-4283-94a5-b6c7d8e9f0a1';
const USER = 'Combien de CO₂ pour 1 kWh ? 🌍';
// Non-ASCII everywhere: 2-, 3- and 4-byte UTF-8 characters (an emoji is a surrogate pair,
// which the fixture's 8 pieces may split between two JSON strings).
const REPLY =
  'Environ 50 g en France — 日本では約450 g 🔌⚡. Voilà: « très bas » comparé au charbon (≈820 g).';

type Site = 'chatgpt' | 'claude' | 'lechat';
const PARSERS: Record<Site, TrafficParser> = {
  chatgpt: chatgptTraffic,
  claude: claudeTraffic,
  lechat: lechatTraffic,
};
const MODELS: Record<Site, string> = {
  chatgpt: 'gpt-4o',
  claude: 'claude-sonnet-4-6',
  lechat: 'mistral-medium-latest',
};

interface Send {
  regenerate?: boolean;
  shape?: 'normal' | 'reshaped';
  /** ChatGPT: a new chat sends no conversation_id (the stream names it). */
  newChat?: boolean;
  reply?: string;
  /** Issue #14: reasoning seconds, searches, images in the canned reply. */
  extra?: { thinkSec?: number; searches?: string[]; images?: number };
  /** Claude: files attached to the prompt. */
  attachments?: { file_name: string; extracted_content: string }[];
  files?: { file_name: string; file_kind: string }[];
}

/** The request the saved page's script (tests/fixtures/traffic-page.js) sends. */
/** The message each site's request says the prompt follows (Le Chat's names none). */
const PROMPT_PARENT: Record<string, string | undefined> = {
  chatgpt: 'b1c2d3e4-0000-4000-8000-000000000001',
  claude: 'c1d2e3f4-0000-4000-8000-000000000002',
};

function sendRequest(site: Site, o: Send = {}): { req: TappedRequest; body: string } {
  const fixture = {
    reply: o.reply ?? REPLY,
    ms: 0,
    replyId: REPLY_ID,
    promptId: PROMPT_ID,
    conversationId: CONV,
    shape: o.shape ?? 'normal',
    ...o.extra,
  };
  let url: URL;
  let body: Record<string, unknown>;
  if (site === 'chatgpt') {
    url = new URL('https://chatgpt.com/backend-api/f/conversation');
    body = {
      action: o.regenerate ? 'variant' : 'next',
      messages: o.regenerate
        ? []
        : [
            {
              id: PROMPT_ID,
              author: { role: 'user' },
              content: { content_type: 'text', parts: [USER] },
            },
          ],
      parent_message_id: o.regenerate ? PROMPT_ID : PROMPT_PARENT.chatgpt,
      model: 'auto',
      fixture,
    };
    if (!o.newChat) body.conversation_id = CONV;
  } else if (site === 'claude') {
    url = new URL(
      `https://claude.ai/api/organizations/${ORG}/chat_conversations/${CONV}/${o.regenerate ? 'retry_completion' : 'completion'}`,
    );
    body = o.regenerate
      ? { parent_message_uuid: PROMPT_ID, fixture }
      : {
          prompt: USER,
          parent_message_uuid: PROMPT_PARENT.claude,
          timezone: 'UTC',
          attachments: o.attachments ?? [],
          files: o.files ?? [],
          rendering_mode: 'messages',
          fixture,
        };
  } else {
    url = new URL('https://chat.mistral.ai/api/chat');
    body = {
      chatId: CONV,
      messageId: PROMPT_ID,
      mode: 'chat',
      messageInput: o.regenerate ? undefined : USER,
      fixture,
    };
  }
  const text = JSON.stringify(body);
  const canned = cannedResponse(url, 'POST', text);
  if (!canned) throw new Error(`no canned response for ${url.href}`);
  return { req: { method: 'POST', url, body: text }, body: canned.body };
}

/** Byte offsets at which a body of `n` bytes is cut into chunks. */
type Cutter = (n: number) => number[];
const every =
  (step: number): Cutter =>
  (n) =>
    Array.from({ length: Math.ceil(n / step) - 1 }, (_, i) => (i + 1) * step);
// Deterministic "arbitrary" positions (a linear congruential generator, fixed seed).
const scattered =
  (seed: number): Cutter =>
  (n) => {
    const cuts = new Set<number>();
    let x = seed;
    for (let i = 0; i < Math.max(1, n / 5); i++) {
      x = (x * 1103515245 + 12345) % 2 ** 31;
      cuts.add(1 + (x % (n - 1)));
    }
    return [...cuts].sort((a, b) => a - b);
  };

/** Feeds `body` to the parser as fetch.ts would: byte chunks through a streaming decoder. */
function feed(
  parser: TrafficParser,
  req: TappedRequest,
  body: string | Uint8Array,
  cutter: Cutter = () => [],
  cut = false,
): TapEvent[] {
  const bytes = typeof body === 'string' ? new TextEncoder().encode(body) : body;
  const reader = parser.stream(req);
  const decoder = new TextDecoder();
  const out: TapEvent[] = [];
  let at = 0;
  for (const c of [...cutter(bytes.length), bytes.length]) {
    out.push(...reader.push(decoder.decode(bytes.subarray(at, c), { stream: true })));
    at = c;
  }
  out.push(...reader.push(decoder.decode()));
  out.push(...reader.end(cut));
  // Whatever a parser produces must pass the isolated side's validation unchanged.
  for (const e of out) expect(parseTapEvent(JSON.parse(JSON.stringify(e)))).toEqual(e);
  return out;
}

const ofType = <T extends TapEvent['t']>(events: TapEvent[], t: T) =>
  events.filter((e) => e.t === t) as Extract<TapEvent, { t: T }>[];

const req = (method: string, href: string, body: string | null = null): TappedRequest => ({
  method,
  url: new URL(href),
  body,
});

describe('kind(): which of the page’s requests each parser reads', () => {
  const C = `https://claude.ai/api/organizations/${ORG}/chat_conversations/${CONV}`;
  it.each([
    ['chatgpt', 'POST', 'https://chatgpt.com/backend-api/f/conversation', 'stream'],
    ['chatgpt', 'POST', 'https://chatgpt.com/backend-api/conversation', 'stream'], // before 2026-06
    ['chatgpt', 'POST', 'https://chatgpt.com/backend-api/f/conversation/v2', null], // renamed
    ['chatgpt', 'POST', 'https://chatgpt.com/backend-api/f/conversation/prepare', null],
    ['chatgpt', 'GET', 'https://chatgpt.com/backend-api/f/conversation', null],
    ['chatgpt', 'GET', `https://chatgpt.com/backend-api/conversation/${CONV}`, 'json'],
    ['chatgpt', 'GET', `https://chatgpt.com/backend-api/conversation/${CONV}/stream_status`, null],
    ['chatgpt', 'PATCH', `https://chatgpt.com/backend-api/conversation/${CONV}`, null],
    ['chatgpt', 'GET', 'https://chatgpt.com/backend-api/conversations?offset=0&limit=28', null],
    ['chatgpt', 'GET', 'https://chatgpt.com/backend-api/conversation/init', null],
    ['claude', 'POST', `${C}/completion`, 'stream'],
    ['claude', 'POST', `${C}/retry_completion`, 'stream'],
    ['claude', 'POST', `${C}/completion_v2`, null], // renamed
    ['claude', 'GET', `${C}/completion`, null],
    ['claude', 'GET', `${C}?tree=True&rendering_mode=messages&render_all_tools=true`, 'json'],
    ['claude', 'POST', C, null],
    ['claude', 'GET', `https://claude.ai/api/organizations/${ORG}/chat_conversations`, null],
    ['claude', 'GET', `https://claude.ai/api/organizations/${ORG}/usage`, null],
    ['lechat', 'POST', 'https://chat.mistral.ai/api/chat', 'stream'],
    ['lechat', 'POST', 'https://chat.mistral.ai/api/chat/stream', null], // renamed
    ['lechat', 'GET', 'https://chat.mistral.ai/api/chat', null],
    [
      'lechat',
      'GET',
      'https://chat.mistral.ai/api/trpc/chat.byId,agent.listLegacy,message.all,canva.all?batch=1',
      'json',
    ],
    ['lechat', 'GET', 'https://chat.mistral.ai/api/trpc/message.all?batch=1', 'json'],
    ['lechat', 'GET', 'https://chat.mistral.ai/api/trpc/chat.byId?batch=1', null],
    ['lechat', 'GET', 'https://chat.mistral.ai/api/trpc/message.allx?batch=1', null],
    ['lechat', 'POST', 'https://chat.mistral.ai/api/trpc/message.all?batch=1', null],
  ] as const)('%s %s %s → %s', (site, method, href, kind) => {
    expect(PARSERS[site].kind(req(method, href))).toBe(kind);
  });
});

const SITES: Site[] = ['chatgpt', 'claude', 'lechat'];
const CUTTERS: [string, Cutter][] = [
  ['one piece', () => []],
  ['every byte', every(1)],
  ['every 3 bytes', every(3)],
  ['every 7 bytes', every(7)],
  ['scattered (seed 1)', scattered(1)],
  ['scattered (seed 42)', scattered(42)],
];

describe.each(SITES)('%s reply stream', (site) => {
  const parser = PARSERS[site];
  const expectedReply = (over: Partial<TapReply> = {}): TapReply => ({
    t: 'reply',
    conversationId: CONV,
    id: REPLY_ID,
    parentId: PROMPT_ID,
    text: REPLY,
    model: MODELS[site],
    status: 'complete',
    ...over,
  });

  it.each(CUTTERS)('split %s: one prompt, one complete reply', (_name, cutter) => {
    const { req, body } = sendRequest(site);
    const events = feed(parser, req, body, cutter);
    // The message the prompt follows, where the request names it (issue #14: its context).
    const parentId = PROMPT_PARENT[site];
    expect(ofType(events, 'prompt')).toEqual([
      {
        t: 'prompt',
        conversationId: CONV,
        id: PROMPT_ID,
        text: USER,
        ...(parentId ? { parentId } : {}),
      },
    ]);
    expect(ofType(events, 'reply')).toEqual([expectedReply()]);
    expect(ofType(events, 'anomaly')).toEqual([]);
    // The prompt comes first (the worker pairs a reply with its recorded prompt).
    expect(events.findIndex((e) => e.t === 'prompt')).toBeLessThan(
      events.findIndex((e) => e.t === 'reply'),
    );
  });

  it('the bytes really are cut inside multi-byte characters', () => {
    // Guards the table above: with a 1-byte step every 4-byte emoji is split three times.
    const bytes = new TextEncoder().encode(sendRequest(site).body);
    const decoder = new TextDecoder();
    const pieces = Array.from(bytes, (b) => decoder.decode(new Uint8Array([b]), { stream: true }));
    expect(pieces.filter((p) => p === '').length).toBeGreaterThan(0);
  });

  it('a stream cut after the text but before its end marker is stopped, with all the text', () => {
    const { req, body } = sendRequest(site);
    const endMarker = {
      chatgpt: 'event: delta\ndata: {"p":"","o":"patch"',
      claude: 'event: content_block_stop',
      lechat: 'd:{"finishReason"',
    }[site];
    const at = body.indexOf(endMarker);
    expect(at).toBeGreaterThan(0);
    const events = feed(parser, req, body.slice(0, at), every(5), true);
    expect(ofType(events, 'reply')).toEqual([expectedReply({ status: 'stopped' })]);
    expect(ofType(events, 'prompt')).toHaveLength(1);
    expect(ofType(events, 'anomaly')).toEqual([]);
  });

  it.each([2, 4, 6])(
    'a stream cut in the middle of text line %i is stopped with the text so far',
    (k) => {
      const { req, body } = sendRequest(site);
      // The lines carrying reply text, in the canned shapes.
      const textLine = {
        chatgpt: /^data: \{("p":"\/message\/content\/parts\/0","o":"append",)?"v":/,
        claude: /^data: \{"type":"content_block_delta"/,
        lechat: /^0:/,
      }[site];
      const starts: number[] = [];
      let at = 0;
      for (const l of body.split('\n')) {
        if (textLine.test(l)) starts.push(at);
        at += l.length + 1;
      }
      expect(starts.length).toBeGreaterThan(k);
      const enc = new TextEncoder();
      const cutAt = enc.encode(body.slice(0, starts[k])).length + 9; // mid-line
      const events = feed(parser, req, enc.encode(body).subarray(0, cutAt), every(11), true);
      const replies = ofType(events, 'reply');
      expect(replies).toHaveLength(1);
      const r = replies[0]!;
      expect(r).toMatchObject({ status: 'stopped', id: REPLY_ID, parentId: PROMPT_ID });
      expect(REPLY.startsWith(r.text)).toBe(true);
      expect(r.text.length).toBeGreaterThan(0);
      expect(r.text.length).toBeLessThan(REPLY.length);
      // More lines, more text: the text so far grows with the cut.
      const later = feed(
        parser,
        req,
        enc.encode(body).subarray(0, enc.encode(body.slice(0, starts[k + 1])).length + 9),
        every(11),
        true,
      );
      expect(ofType(later, 'reply')[0]!.text.length).toBeGreaterThan(r.text.length);
    },
  );

  it('a complete stream ended with end(true) (the page aborted after the end) is still one reply', () => {
    const { req, body } = sendRequest(site);
    const events = feed(parser, req, body, every(64), true);
    expect(ofType(events, 'reply')).toHaveLength(1);
    expect(ofType(events, 'reply')[0]!.text).toBe(REPLY);
  });

  it('a regeneration sends no prompt; the reply still names the prompt it answers', () => {
    const { req, body } = sendRequest(site, { regenerate: true });
    const events = feed(parser, req, body, scattered(7));
    expect(ofType(events, 'prompt')).toEqual([]);
    expect(ofType(events, 'reply')).toEqual([expectedReply()]);
  });

  it('a reshaped stream gives an anomaly and no reply', () => {
    const { req, body } = sendRequest(site, { shape: 'reshaped' });
    const events = feed(parser, req, body, every(13));
    expect(ofType(events, 'reply')).toEqual([]);
    expect(ofType(events, 'anomaly')).toEqual([{ t: 'anomaly', what: 'unknown-shape' }]);
  });

  it('an empty stream gives an anomaly and no reply', () => {
    const { req } = sendRequest(site);
    const events = feed(parser, req, '');
    expect(ofType(events, 'reply')).toEqual([]);
    expect(ofType(events, 'anomaly')).toEqual([{ t: 'anomaly', what: 'unknown-shape' }]);
  });
});

describe('ChatGPT stream details (delta encoding v1)', () => {
  const sse = (...data: unknown[]) =>
    data
      .map((d) => `event: delta\ndata: ${typeof d === 'string' ? d : JSON.stringify(d)}\n\n`)
      .join('');
  const post = (body: Record<string, unknown> = {}) =>
    req(
      'POST',
      'https://chatgpt.com/backend-api/f/conversation',
      JSON.stringify({
        action: 'next',
        conversation_id: CONV,
        messages: [
          {
            id: PROMPT_ID,
            author: { role: 'user' },
            content: { content_type: 'text', parts: ['Q'] },
          },
        ],
        ...body,
      }),
    );
  const doc = (
    id: string,
    content: Record<string, unknown>,
    metadata: Record<string, unknown> = {},
  ) => ({
    p: '',
    o: 'add',
    v: {
      message: {
        id,
        author: { role: 'assistant' },
        content,
        status: 'in_progress',
        recipient: 'all',
        metadata: { parent_id: PROMPT_ID, model_slug: 'gpt-5-2-thinking', ...metadata },
      },
      conversation_id: CONV,
    },
  });
  const reply = (events: TapEvent[]) => {
    const replies = ofType(events, 'reply');
    expect(replies).toHaveLength(1);
    return replies[0]!;
  };

  it('applies `o: "patch"` lists in order (text appended, status replaced)', () => {
    const body =
      'event: delta_encoding\ndata: "v1"\n\n' +
      sse(doc('a', { content_type: 'text', parts: [''] }), {
        p: '',
        o: 'patch',
        v: [
          { p: '/message/content/parts/0', o: 'append', v: 'Hello' },
          { p: '/message/content/parts/0', o: 'append', v: ', world' },
          { p: '/message/status', o: 'replace', v: 'finished_successfully' },
          { p: '/message/metadata', o: 'append', v: { is_complete: true } },
        ],
      });
    // No [DONE] and a cut: the status patch alone says it finished.
    const r = reply(feed(chatgptTraffic, post(), body, every(9), true));
    expect(r).toMatchObject({ text: 'Hello, world', status: 'complete', id: 'a' });
  });

  it('a bare `{v}` continues the last append', () => {
    const body = sse(
      doc('a', { content_type: 'text', parts: [''] }),
      { p: '/message/content/parts/0', o: 'append', v: 'one' },
      { v: ' two' },
      { v: ' three' },
      '[DONE]',
    );
    const r = reply(feed(chatgptTraffic, post(), body, every(4)));
    expect(r).toMatchObject({ text: 'one two three', status: 'complete' });
  });

  it('a run of appends follows the string it grows when an operation replaces its parent', () => {
    const body = sse(
      doc('a', { content_type: 'text', parts: [''] }),
      { p: '/message/content/parts/0', o: 'append', v: 'lost' },
      { v: ' too' },
      // The parts list is replaced (a site resending the message's content), then the run
      // goes on at the same path: into the new list, not the one it replaced.
      { p: '/message/content', o: 'replace', v: { content_type: 'text', parts: ['one'] } },
      { p: '/message/content/parts/0', o: 'append', v: ' two' },
      { v: ' three' },
      '[DONE]',
    );
    const r = reply(feed(chatgptTraffic, post(), body, every(5)));
    expect(r).toMatchObject({ text: 'one two three', status: 'complete' });
    // A new snapshot of the same message starts its document again.
    const again = sse(
      doc('a', { content_type: 'text', parts: [''] }),
      { p: '/message/content/parts/0', o: 'append', v: 'lost' },
      doc('a', { content_type: 'text', parts: ['one'] }),
      { p: '/message/content/parts/0', o: 'append', v: ' two' },
      { v: ' three' },
      '[DONE]',
    );
    expect(reply(feed(chatgptTraffic, post(), again, every(6)))).toMatchObject({
      text: 'one two three',
    });
  });

  it('a thoughts document, a recap, then the answer: reasoning and answer apart, duration in ms', () => {
    const body = sse(
      doc('think', { content_type: 'thoughts', thoughts: [] }),
      {
        p: '/message/content/thoughts',
        o: 'append',
        v: [{ summary: 'Comparing grids', content: 'France is nuclear' }],
      },
      { p: '/message/content/thoughts/0/content', o: 'append', v: ', so low.' },
      doc(
        'recap',
        { content_type: 'reasoning_recap', content: 'Thought for 12s' },
        { finished_duration_sec: 12, reasoning_status: 'reasoning_ended' },
      ),
      doc('answer', { content_type: 'text', parts: [''] }),
      { p: '/message/content/parts/0', o: 'append', v: 'About 50 g' },
      { v: '/kWh.' },
      { p: '/message/status', o: 'replace', v: 'finished_successfully' },
      { type: 'message_stream_complete', conversation_id: CONV },
      '[DONE]',
    );
    const r = reply(feed(chatgptTraffic, post(), body, scattered(3)));
    expect(r).toEqual({
      t: 'reply',
      conversationId: CONV,
      id: 'answer',
      parentId: PROMPT_ID,
      text: 'About 50 g/kWh.',
      reasoning: 'Comparing grids\nFrance is nuclear, so low.',
      model: 'gpt-5-2-thinking',
      status: 'complete',
      reasoningMs: 12_000,
    });
  });

  it('a tool call (recipient not "all") is not the answer', () => {
    const body = sse(
      doc('answer', { content_type: 'text', parts: ['The answer'] }),
      {
        ...doc('tool', { content_type: 'text', parts: ['search("grid")'] }),
        v: {
          message: {
            id: 'tool',
            author: { role: 'assistant' },
            content: { content_type: 'text', parts: ['search("grid")'] },
            recipient: 'web.run',
            metadata: {},
          },
        },
      },
      '[DONE]',
    );
    expect(reply(feed(chatgptTraffic, post(), body)).text).toBe('The answer');
  });

  it('a new chat (no conversation_id sent) takes the id from the stream, for the prompt too', () => {
    const { req: r, body } = sendRequest('chatgpt', { newChat: true });
    expect(JSON.parse(r.body!)).not.toHaveProperty('conversation_id');
    const events = feed(chatgptTraffic, r, body, every(17));
    expect(ofType(events, 'prompt')).toEqual([
      {
        t: 'prompt',
        conversationId: CONV,
        id: PROMPT_ID,
        text: USER,
        parentId: PROMPT_PARENT.chatgpt,
      },
    ]);
    expect(reply(events).conversationId).toBe(CONV);
  });

  it('full message snapshots (no delta encoding) keep the last one of each message', () => {
    const snap = (text: string, status: string) => ({
      message: {
        id: 'snap',
        author: { role: 'assistant' },
        content: { content_type: 'text', parts: [text] },
        status,
        recipient: 'all',
        metadata: { model_slug: 'gpt-4o', parent_id: PROMPT_ID },
      },
      conversation_id: CONV,
    });
    const body = sse(snap('Hel', 'in_progress'), snap('Hello', 'finished_successfully'), '[DONE]');
    expect(reply(feed(chatgptTraffic, post(), body, every(6)))).toMatchObject({
      id: 'snap',
      text: 'Hello',
      status: 'complete',
      model: 'gpt-4o',
    });
  });
});

describe('Claude stream details', () => {
  it('thinking blocks give the reasoning and its duration from the block timestamps', () => {
    const url = `https://claude.ai/api/organizations/${ORG}/chat_conversations/${CONV}/completion`;
    const ev = (d: unknown) => `event: x\ndata: ${JSON.stringify(d)}\n\n`;
    const body = [
      ev({
        type: 'message_start',
        message: { uuid: REPLY_ID, parent_uuid: PROMPT_ID, model: 'claude-opus-4-6' },
      }),
      ev({
        type: 'content_block_start',
        index: 0,
        content_block: {
          type: 'thinking',
          thinking: '',
          start_timestamp: '2026-03-09T02:24:51.000Z',
        },
      }),
      ev({
        type: 'content_block_delta',
        index: 0,
        delta: { type: 'thinking_delta', thinking: 'Let me ' },
      }),
      ev({
        type: 'content_block_delta',
        index: 0,
        delta: { type: 'thinking_delta', thinking: 'think.' },
      }),
      ev({ type: 'content_block_stop', index: 0, stop_timestamp: '2026-03-09T02:24:54.500Z' }),
      ev({ type: 'content_block_start', index: 1, content_block: { type: 'text', text: '' } }),
      ev({ type: 'content_block_delta', index: 1, delta: { type: 'text_delta', text: 'Done.' } }),
      ev({ type: 'content_block_stop', index: 1 }),
      ev({ type: 'message_stop' }),
    ].join('');
    const events = feed(
      claudeTraffic,
      req('POST', url, JSON.stringify({ prompt: 'Q' })),
      body,
      every(10),
    );
    expect(ofType(events, 'reply')).toEqual([
      {
        t: 'reply',
        conversationId: CONV,
        id: REPLY_ID,
        parentId: PROMPT_ID,
        text: 'Done.',
        reasoning: 'Let me think.',
        model: 'claude-opus-4-6',
        status: 'complete',
        reasoningMs: 3500,
      },
    ]);
  });
  // Without `parent_uuid` in message_start, the request body is all there is. In a
  // completion request `parent_message_uuid` is the message the new prompt follows (the
  // previous reply), not the prompt; in a retry it is the prompt being answered again.
  const noParentStart = (body: Record<string, unknown>, path: string) => {
    const url = `https://claude.ai/api/organizations/${ORG}/chat_conversations/${CONV}/${path}`;
    const ev = (d: unknown) => `event: x\ndata: ${JSON.stringify(d)}\n\n`;
    const stream = [
      ev({ type: 'message_start', message: { uuid: REPLY_ID, model: 'claude-sonnet-4-6' } }),
      ev({ type: 'content_block_start', index: 0, content_block: { type: 'text', text: 'Hi' } }),
      ev({ type: 'content_block_stop', index: 0 }),
      ev({ type: 'message_stop' }),
    ].join('');
    return feed(claudeTraffic, req('POST', url, JSON.stringify(body)), stream, every(8));
  };
  const PREVIOUS_REPLY = '0aaaaaaa-0000-4000-8000-00000000beef';

  it('a new prompt is not given the id of the previous reply it follows', () => {
    const events = noParentStart(
      { prompt: 'Q', parent_message_uuid: PREVIOUS_REPLY },
      'completion',
    );
    const prompts = ofType(events, 'prompt');
    expect(prompts).toHaveLength(1);
    // Unknown is null: the previous reply's id would record the prompt under its key.
    expect(prompts[0]!.id).toBeNull();
    expect(ofType(events, 'reply')[0]!.parentId).toBeNull();
  });

  it('text deltas read alike in the served shape (parsed piece by piece) and in any other', () => {
    const url = `https://claude.ai/api/organizations/${ORG}/chat_conversations/${CONV}/completion`;
    const pieces = ['Voilà « ', 'a \\ "quoted" \n line', ' 🔌⚡', '}}', '"}}'];
    const delta = (t: string, index = 1) =>
      JSON.stringify({
        type: 'content_block_delta',
        index,
        delta: { type: 'text_delta', text: t },
      });
    const served = (t: string) => `data: ${delta(t)}`;
    const others = [
      // Keys in another order; no space after `data:`; a field after the text; a piece whose
      // JSON string is followed by more of the event.
      (t: string) =>
        `data: ${JSON.stringify({ delta: { text: t, type: 'text_delta' }, index: 1, type: 'content_block_delta' })}`,
      (t: string) => `data:${delta(t)}`,
      (t: string) => `data: ${delta(t).replace(/\}\}$/, ',"x":1}}')}`,
      (t: string) => `data: ${delta(t).replace(/"\}\}$/, '","citations":[]}}')}`,
    ];
    const stream = (line: (t: string, i: number) => string) =>
      [
        `data: ${JSON.stringify({ type: 'message_start', message: { uuid: REPLY_ID } })}`,
        `data: ${JSON.stringify({ type: 'content_block_start', index: 1, content_block: { type: 'text', text: '' } })}`,
        ...pieces.map(line),
        // A delta for a block never started is dropped on both paths.
        `data: ${delta('lost', 7)}`,
        'data: {"type":"message_stop"}',
      ]
        .map((l) => `event: x\n${l}\n\n`)
        .join('');
    const text = (body: string) =>
      ofType(
        feed(claudeTraffic, req('POST', url, JSON.stringify({ prompt: 'Q' })), body, every(7)),
        'reply',
      )[0]?.text;
    expect(text(stream(served))).toBe(pieces.join(''));
    // The served shape takes the fast path; the others do not, whatever their text.
    expect(pieces.map((t) => textDelta(served(t)))).toEqual(pieces.map((t) => [1, t]));
    for (const other of others) for (const t of pieces) expect(textDelta(other(t))).toBeNull();
    for (const index of ['01', '', ' 1', '+1', '1.', '0x1', '-0', '1e0'])
      expect(textDelta(served('x').replace('"index":1', `"index":${index}`))).toBeNull();
    for (const other of others) expect(text(stream(other))).toBe(pieces.join(''));
    // Mixed in one stream, as a site rolling a change out might send them.
    expect(text(stream((t, i) => (i % 2 ? served(t) : others[i % others.length]!(t))))).toBe(
      pieces.join(''),
    );
  });

  it('a retry without parent_uuid answers the prompt named in the request', () => {
    const events = noParentStart({ parent_message_uuid: PROMPT_ID }, 'retry_completion');
    expect(ofType(events, 'prompt')).toEqual([]);
    expect(ofType(events, 'reply')[0]).toMatchObject({ parentId: PROMPT_ID, text: 'Hi' });
  });
});

describe('loaded conversation (JSON): the current branch only', () => {
  const TURNS = [
    { id: 'aaaaaaaa-0000-4000-8000-000000000001', role: 'user' },
    { id: 'aaaaaaaa-0000-4000-8000-000000000002', role: 'assistant' },
    { id: 'aaaaaaaa-0000-4000-8000-000000000003', role: 'user' },
    { id: 'aaaaaaaa-0000-4000-8000-000000000004', role: 'assistant' },
    { id: 'aaaaaaaa-0000-4000-8000-000000000005', role: 'user' },
    { id: 'aaaaaaaa-0000-4000-8000-000000000006', role: 'assistant' },
  ] as const;
  const ids = TURNS.map((t) => t.id);
  const fixture = encodeURIComponent(JSON.stringify(TURNS));

  const load = (href: string) => {
    const url = new URL(href);
    const canned = cannedResponse(url, 'GET', null);
    if (!canned) throw new Error(`no canned response for ${href}`);
    return { r: req('GET', href), data: JSON.parse(canned.body) as Record<string, unknown> };
  };

  it('ChatGPT: a side branch in the mapping (an older regeneration and edit) is not counted', () => {
    const { r, data } = load(
      `https://chatgpt.com/backend-api/conversation/${CONV}?fixture=${fixture}`,
    );
    expect(chatgptTraffic.kind(r)).toBe('json');
    const mapping = data.mapping as Record<string, { children: string[] }>;
    // An earlier reply to the second prompt, and an edit of the third prompt with its reply.
    const side = (id: string, parent: string, role: string) => {
      const node = {
        id,
        parent,
        children: [],
        message: {
          id,
          author: { role },
          content: { content_type: 'text', parts: ['(old)'] },
          recipient: 'all',
          metadata: {},
        },
      };
      mapping[id] = node;
      mapping[parent]!.children.push(id);
    };
    side('side-a', TURNS[2].id, 'assistant');
    side('side-u', TURNS[3].id, 'user');
    side('side-a2', 'side-u', 'assistant');
    expect(chatgptTraffic.json(r, data)).toMatchObject([
      { t: 'conversation', conversationId: CONV, ids: [...ids], users: 3, assistants: 3 },
    ]);
  });

  it('ChatGPT: a visually hidden message is no turn; custom instructions and tool results are context', () => {
    const { r, data } = load(
      `https://chatgpt.com/backend-api/conversation/${CONV}?fixture=${fixture}`,
    );
    const mapping = data.mapping as Record<string, Record<string, unknown>>;
    const first = mapping[TURNS[0].id]!;
    mapping.sys = {
      id: 'sys',
      parent: 'root',
      children: [TURNS[0].id],
      message: {
        id: 'sys',
        author: { role: 'user' },
        content: {
          content_type: 'user_editable_context',
          user_profile: 'I live in Lyon.',
          user_instructions: 'Answer briefly.',
        },
        metadata: { is_visually_hidden_from_conversation: true },
      },
    };
    first.parent = 'sys';
    // A search result fed back to the model, and a reasoning document (not re-sent).
    const reply = mapping[TURNS[1].id]!;
    const add = (id: string, parent: string, role: string, content: unknown, hidden = false) => {
      mapping[id] = {
        id,
        parent,
        children: [],
        message: {
          id,
          author: { role },
          content,
          recipient: 'all',
          metadata: hidden ? { is_visually_hidden_from_conversation: true } : {},
        },
      };
    };
    add('tool', TURNS[0].id, 'tool', { content_type: 'text', parts: ['Result: 52 g/kWh'] });
    add('think', 'tool', 'assistant', {
      content_type: 'thoughts',
      thoughts: [{ content: 'secret' }],
    });
    reply.parent = 'think';
    add('other', 'root', 'system', { content_type: 'text', parts: ['hidden system'] }, true);
    const [e] = chatgptTraffic.json(r, data) as [TapConversation];
    expect(e.users).toBe(3);
    // Health compares these with the rendered turns: the reasoning document is not one.
    expect(e.assistants).toBe(TURNS.filter((t) => t.role === 'assistant').length);
    expect(e.ids).toEqual(['sys', ids[0], 'tool', 'think', ...ids.slice(1)]);
    expect(e.texts!.slice(0, 4)).toEqual([
      'I live in Lyon.\nAnswer briefly.',
      '(text)',
      'Result: 52 g/kWh',
      '',
    ]);
  });

  it('ChatGPT: current_node on an earlier reply counts only up to it', () => {
    const { r, data } = load(
      `https://chatgpt.com/backend-api/conversation/${CONV}?fixture=${fixture}`,
    );
    data.current_node = TURNS[3].id;
    expect(chatgptTraffic.json(r, data)).toMatchObject([
      { t: 'conversation', conversationId: CONV, ids: ids.slice(0, 4), users: 2, assistants: 2 },
    ]);
  });

  it('Claude: a retried sibling reply and an edited prompt off the leaf’s branch are not counted', () => {
    const { r, data } = load(
      `https://claude.ai/api/organizations/${ORG}/chat_conversations/${CONV}?tree=True&rendering_mode=messages&render_all_tools=true&fixture=${fixture}`,
    );
    expect(claudeTraffic.kind(r)).toBe('json');
    const messages = data.chat_messages as Record<string, unknown>[];
    messages.push(
      {
        uuid: 'bbbbbbbb-0000-4000-8000-000000000001',
        sender: 'assistant',
        parent_message_uuid: TURNS[2].id,
      },
      {
        uuid: 'bbbbbbbb-0000-4000-8000-000000000002',
        sender: 'human',
        parent_message_uuid: TURNS[3].id,
      },
      {
        uuid: 'bbbbbbbb-0000-4000-8000-000000000003',
        sender: 'assistant',
        parent_message_uuid: 'bbbbbbbb-0000-4000-8000-000000000002',
      },
    );
    expect(claudeTraffic.json(r, data)).toMatchObject([
      { t: 'conversation', conversationId: CONV, ids: [...ids], users: 3, assistants: 3 },
    ]);
  });

  it('Le Chat: the tRPC batch’s message list (parsed JSON or JSON lines)', () => {
    const input = encodeURIComponent(
      JSON.stringify({ 0: { json: { id: CONV } }, 1: { json: { chatId: CONV } } }),
    );
    const href = `https://chat.mistral.ai/api/trpc/chat.byId,message.all?batch=1&input=${input}&fixture=${fixture}`;
    const url = new URL(href);
    const canned = cannedResponse(url, 'GET', null)!;
    const r = req('GET', href);
    expect(lechatTraffic.kind(r)).toBe('json');
    const expected = [
      { t: 'conversation', conversationId: CONV, ids: [...ids], users: 3, assistants: 3 },
    ];
    const parsed = JSON.parse(canned.body) as unknown[];
    expect(lechatTraffic.json(r, parsed)).toMatchObject(expected);
    const lines = parsed.map((x) => JSON.stringify(x)).join('\n');
    expect(lechatTraffic.json(r, lines)).toMatchObject(expected);
  });

  it.each([
    ['chatgpt', `https://chatgpt.com/backend-api/conversation/${CONV}`, { items: [] }],
    [
      'claude',
      `https://claude.ai/api/organizations/${ORG}/chat_conversations/${CONV}`,
      { messages: [] },
    ],
    ['lechat', 'https://chat.mistral.ai/api/trpc/message.all?batch=1', [{ result: { data: {} } }]],
  ] as const)('%s: a reshaped conversation gives an anomaly', (site, href, data) => {
    expect(PARSERS[site].json(req('GET', href), data)).toEqual([
      { t: 'anomaly', what: 'unknown-shape' },
    ]);
  });
});

describe('the whole exchange (issue #14)', () => {
  const reply = (site: Site, o: Send = {}) => {
    const { req, body } = sendRequest(site, o);
    return ofType(feed(PARSERS[site], req, body, every(40)), 'reply')[0]!;
  };

  it.each(['chatgpt', 'claude', 'lechat'] as const)(
    '%s: the reasoning duration the traffic states',
    (site) => {
      expect(reply(site, { extra: { thinkSec: 32 } }).reasoningMs).toBe(32_000);
      expect(reply(site).reasoningMs).toBeUndefined();
    },
  );

  it.each(['chatgpt', 'claude', 'lechat'] as const)('%s: web searches are counted', (site) => {
    expect(
      reply(site, { extra: { searches: ['grid intensity France', 'coal gCO2/kWh'] } }),
    ).toMatchObject({
      searches: 2,
      text: REPLY,
    });
    expect(reply(site).searches).toBeUndefined();
  });

  it('ChatGPT: generated images are counted, the answer is still the text message', () => {
    expect(reply('chatgpt', { extra: { images: 2 } })).toMatchObject({ images: 2, text: REPLY });
  });

  it('Claude: files attached to the prompt: extracted text to count, others by kind', () => {
    const r = reply('claude', {
      attachments: [{ file_name: 'notes.txt', extracted_content: 'Grid data: 52 g/kWh.' }],
      files: [{ file_name: 'chart.png', file_kind: 'image' }],
    });
    expect(r.fileTexts).toEqual(['Grid data: 52 g/kWh.']);
    expect(r.filesGuessed).toBe(1);
    expect(reply('claude', { regenerate: true }).fileTexts).toBeUndefined();
  });

  it.each(['chatgpt', 'claude', 'lechat'] as const)(
    '%s: stream timing from the chunks’ arrival times (send → first text → last text)',
    (site) => {
      const { req, body } = sendRequest(site);
      const reader = PARSERS[site].stream({ ...req, sentAt: 1000 });
      // Lines arrive 10 ms apart, from t = 1500 ms.
      const lines = body.split('\n');
      const events: TapEvent[] = [];
      lines.forEach((l, i) => events.push(...reader.push(`${l}\n`, 1500 + i * 10)));
      events.push(...reader.end(false));
      const r = ofType(events, 'reply')[0]!;
      const textLines = lines
        .map((l, i) => [l, i] as const)
        .filter(([l]) => /text_delta|^data: \{"v":"|"o":"append","v":"|^0:/.test(l));
      const firstAt = 1500 + textLines[0]![1] * 10;
      const lastAt = 1500 + textLines.at(-1)![1] * 10;
      expect(r.ttftMs).toBe(firstAt - 1000);
      expect(r.streamMs).toBe(lastAt - firstAt);
      // Without the tap's clock (a parser fed by hand), nothing is invented.
      expect(reply(site).ttftMs).toBeUndefined();
    },
  );

  describe('a 20-turn loaded conversation carries each turn’s text for the context count', () => {
    const TURNS = Array.from({ length: 20 }, (_, i) => ({
      id: `cccccccc-0000-4000-8000-${String(i + 1).padStart(12, '0')}`,
      role: i % 2 === 0 ? ('user' as const) : ('assistant' as const),
      text:
        i % 2 === 0 ? `Question ${i / 2 + 1} ?` : `Réponse ${(i + 1) / 2} — ${'détail '.repeat(i)}`,
      ...(i === 2 ? { attachment: 'Pasted table: FR 52, DE 380, PL 660.' } : {}),
    }));
    const fixture = encodeURIComponent(JSON.stringify(TURNS));
    const load = (parser: TrafficParser, href: string) => {
      const url = new URL(href);
      const data = JSON.parse(cannedResponse(url, 'GET', null)!.body) as unknown;
      const [e] = parser.json(req('GET', href), data);
      expect(parseTapEvent(JSON.parse(JSON.stringify(e)))).toEqual(e);
      return e as Extract<TapEvent, { t: 'conversation' }>;
    };
    const texts = TURNS.map((t) => t.text);

    it('ChatGPT', () => {
      const e = load(
        chatgptTraffic,
        `https://chatgpt.com/backend-api/conversation/${CONV}?fixture=${fixture}`,
      );
      expect(e.ids).toEqual(TURNS.map((t) => t.id));
      expect(e.texts).toEqual(texts);
    });

    it('Claude: attachments’ extracted text is part of the turn it came with', () => {
      const e = load(
        claudeTraffic,
        `https://claude.ai/api/organizations/${ORG}/chat_conversations/${CONV}?tree=True&fixture=${fixture}`,
      );
      expect(e.texts![2]).toBe(`${texts[2]}\nPasted table: FR 52, DE 380, PL 660.`);
      expect(e.texts!.filter((_, i) => i !== 2)).toEqual(texts.filter((_, i) => i !== 2));
    });

    it('Le Chat', () => {
      const input = encodeURIComponent(JSON.stringify({ 0: { json: { id: CONV } } }));
      const e = load(
        lechatTraffic,
        `https://chat.mistral.ai/api/trpc/chat.byId,message.all?batch=1&input=${input}&fixture=${fixture}`,
      );
      expect(e.texts).toEqual(texts);
    });
  });

  it('validation: texts must match the ids, stay under the cap; bad counts are refused', () => {
    const conv = {
      t: 'conversation',
      conversationId: CONV,
      ids: ['a', 'b'],
      users: 1,
      assistants: 1,
    };
    expect(parseTapEvent({ ...conv, texts: ['x', 'y'] })).not.toBeNull();
    expect(parseTapEvent({ ...conv, texts: ['x'] })).toBeNull();
    expect(parseTapEvent({ ...conv, texts: ['x', 3] })).toBeNull();
    const r = {
      t: 'reply',
      conversationId: CONV,
      id: 'r',
      parentId: null,
      text: 'a',
      model: null,
      status: 'complete',
    };
    expect(
      parseTapEvent({ ...r, searches: 2, images: 1, ttftMs: 900, streamMs: 3000 }),
    ).not.toBeNull();
    expect(parseTapEvent({ ...r, searches: -1 })).toBeNull();
    expect(parseTapEvent({ ...r, ttftMs: -5 })).toBeNull();
    expect(parseTapEvent({ ...r, fileTexts: ['a', 7] })).toBeNull();
    // An absurd reasoning duration still delivers the reply: the worker caps and flags it.
    expect(parseTapEvent({ ...r, reasoningMs: -3000 })).not.toBeNull();
  });
});
