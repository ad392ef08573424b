import { describe, expect, it, vi } from 'vitest';
import { chatgptTraffic } from '../../../lib/content/tap/chatgpt';
import { claudeTraffic } from '../../../lib/content/tap/claude';
import { parseTapEvent, type TapEvent } from '../../../lib/content/tap/events';
import { installFetchTap, LineSplitter, type TrafficParser } from '../../../lib/content/tap/fetch';
import { cannedResponse } from '../../fixtures/traffic';

// installFetchTap on a fake page window whose own fetch answers with real Node Responses
// (Node 20 has fetch, Request, Response and ReadableStream), serving the canned 2026 traffic.

const PARENT = 'b1c2d3e4-0000-4000-8000-000000000001';
const ORIGIN = 'https://chatgpt.com';
const CONV = '6a1f0c2e-3b4d-4e5f-8a9b-0c1d2e3f4a5b';
const PROMPT_ID = '1b2c3d4e-5f60-4172-8394-a5b6c7d8e9f0';
const REPLY_ID = '2c3d4e5f-6071-4283-94a5-b6c7d8e9f0a1';
const USER = 'Wie viel CO₂? 🌍';
const REPLY = 'Ungefähr 50 g — 日本では約450 g 🔌. Fin.';

/** The body ChatGPT's page posts to send a prompt (tests/fixtures/traffic-page.js). */
const sendBody = (reply = REPLY) =>
  JSON.stringify({
    action: 'next',
    messages: [
      { id: PROMPT_ID, author: { role: 'user' }, content: { content_type: 'text', parts: [USER] } },
    ],
    parent_message_id: PARENT,
    conversation_id: CONV,
    model: 'auto',
    fixture: {
      reply,
      ms: 0,
      replyId: REPLY_ID,
      promptId: PROMPT_ID,
      conversationId: CONV,
      shape: 'normal',
    },
  });

/** A body streamed in chunks of `size` bytes (mid-line, mid-character), optionally erroring. */
function streamOf(text: string, size: number, failAfter?: number): ReadableStream<Uint8Array> {
  const bytes = new TextEncoder().encode(text);
  let at = 0;
  return new ReadableStream<Uint8Array>({
    pull(c) {
      if (failAfter !== undefined && at >= failAfter) {
        c.error(new TypeError('network error'));
        return;
      }
      if (at >= bytes.length) {
        c.close();
        return;
      }
      c.enqueue(bytes.slice(at, at + size));
      at += size;
    },
  });
}

type PageFetch = (input: RequestInfo | URL, init?: RequestInit) => Promise<Response>;

/** A page window whose fetch is `impl`; the tap installed on it; every event kept. */
function page(impl: PageFetch, parser: TrafficParser = chatgptTraffic, origin = ORIGIN) {
  const events: TapEvent[] = [];
  const original = vi.fn(impl);
  const win = { fetch: original, Request, location: { origin } } as unknown as typeof globalThis;
  installFetchTap(win, parser, (e) => {
    // What crosses to the isolated side is JSON; it must pass validation unchanged.
    expect(parseTapEvent(JSON.parse(JSON.stringify(e)))).toEqual(e);
    events.push(e);
  });
  return { win, events, original };
}

/** Bodies the canned server served, newest last (they carry a timestamp: compare with these). */
const served: string[] = [];
const lastServed = () => served[served.length - 1];

/** The canned server: the response the e2e harness would serve, streamed in small chunks. */
const server =
  (chunk = 5): PageFetch =>
  async (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input), ORIGIN);
    const method = init?.method ?? (input instanceof Request ? input.method : 'GET');
    const body =
      typeof init?.body === 'string'
        ? init.body
        : input instanceof Request
          ? await input.text()
          : null;
    const canned = cannedResponse(url, method, body);
    if (!canned) return new Response('not found', { status: 404 });
    served.push(canned.body);
    return new Response(streamOf(canned.body, chunk), {
      status: canned.status,
      headers: { 'content-type': canned.contentType },
    });
  };

const settle = () => new Promise((r) => setTimeout(r, 30));
const closed = (events: TapEvent[]) =>
  vi.waitFor(() => expect(events.some((e) => e.t === 'close')).toBe(true));
const types = (events: TapEvent[]) => events.map((e) => e.t);

describe('installFetchTap', () => {
  it('the page gets the very promise and response its fetch made, and reads the whole body', async () => {
    let made: Promise<Response> | undefined;
    let response: Response | undefined;
    const serve = server(3);
    const { win, events } = page((input, init) => {
      made = serve(input, init).then((r) => (response = r));
      return made;
    });
    const p = win.fetch('/backend-api/f/conversation', { method: 'POST', body: sendBody() });
    expect(p).toBe(made);
    const res = await p;
    expect(res).toBe(response);
    // What the page reads is byte for byte what the server sent.
    expect(await res.text()).toBe(lastServed());
    await closed(events);
    expect(types(events)).toEqual(['open', 'prompt', 'reply', 'close']);
    expect(events[1]).toEqual({
      t: 'prompt',
      conversationId: CONV,
      id: PROMPT_ID,
      text: USER,
      parentId: PARENT,
    });
    expect(events[2]).toMatchObject({
      t: 'reply',
      conversationId: CONV,
      id: REPLY_ID,
      parentId: PROMPT_ID,
      text: REPLY,
      model: 'gpt-4o',
      status: 'complete',
    });
    // Timed by the tap's clock: send → first text chunk → last (issue #14).
    const { ttftMs, streamMs } = events[2] as { ttftMs: number; streamMs: number };
    expect(ttftMs).toBeGreaterThanOrEqual(0);
    expect(streamMs).toBeGreaterThanOrEqual(0);
  });

  it('passes the page’s arguments and `this` through unchanged', async () => {
    const { win, original } = page(async () => new Response('ok'));
    const init = { method: 'POST', body: sendBody(), headers: { 'x-a': '1' } };
    await win.fetch('/backend-api/f/conversation', init);
    expect(original).toHaveBeenCalledTimes(1);
    expect(original.mock.calls[0]).toEqual(['/backend-api/f/conversation', init]);
    expect(original.mock.calls[0]![1]).toBe(init);
    expect(original.mock.contexts[0]).toBe(win); // called as window.fetch(…)
  });

  it.each([1, 2, 3, 7, 64])(
    'a reply streamed in %i-byte chunks (cut inside UTF-8 characters) is read whole',
    async (size) => {
      const { win, events } = page(server(size));
      const res = await win.fetch(`${ORIGIN}/backend-api/f/conversation`, {
        method: 'POST',
        body: sendBody(),
      });
      await res.text();
      await closed(events);
      expect(events.filter((e) => e.t === 'reply')).toEqual([
        expect.objectContaining({ text: REPLY, status: 'complete', id: REPLY_ID }),
      ]);
    },
  );

  it('reads the prompt from a Request body the page’s fetch consumes', async () => {
    const { win, events } = page(server(16));
    const request = new Request(`${ORIGIN}/backend-api/f/conversation`, {
      method: 'POST',
      body: sendBody(),
    });
    const res = await win.fetch(request);
    expect(request.bodyUsed).toBe(true); // the page's fetch read it, not the tap
    await res.text();
    await closed(events);
    expect(events.filter((e) => e.t === 'prompt')).toEqual([
      { t: 'prompt', conversationId: CONV, id: PROMPT_ID, text: USER, parentId: PARENT },
    ]);
  });

  it('the page still reads the body when the page does not read it at once (the tap reads a clone)', async () => {
    const { win, events } = page(server(8));
    const res = await win.fetch('/backend-api/f/conversation', {
      method: 'POST',
      body: sendBody(),
    });
    await closed(events); // the tap finished first
    expect(res.bodyUsed).toBe(false);
    expect(await res.text()).toContain(`"id":"${REPLY_ID}"`);
  });

  const unparsable: TapEvent[] = [{ t: 'anomaly', what: 'unparsable' }];
  // What the tap emits then: unreadable traffic counted, or nothing when kind() itself failed.
  const throwing: [string, TrafficParser, TapEvent[]][] = [
    [
      'kind() throws',
      {
        kind: () => {
          throw new Error('kind');
        },
        stream: () => ({ push: () => [], end: () => [] }),
        json: () => [],
      },
      [],
    ],
    [
      'stream() throws',
      {
        kind: () => 'stream',
        stream: () => {
          throw new Error('stream');
        },
        json: () => [],
      },
      unparsable,
    ],
    [
      'push() throws',
      {
        kind: () => 'stream',
        stream: () => ({
          push: () => {
            throw new Error('push');
          },
          end: () => [],
        }),
        json: () => [],
      },
      unparsable,
    ],
    [
      'end() throws',
      {
        kind: () => 'stream',
        stream: () => ({
          push: () => [],
          end: () => {
            throw new Error('end');
          },
        }),
        json: () => [],
      },
      unparsable,
    ],
    [
      'json() throws',
      {
        kind: () => 'json',
        stream: () => ({ push: () => [], end: () => [] }),
        json: () => {
          throw new Error('json');
        },
      },
      unparsable,
    ],
  ];

  it.each(throwing)(
    'a parser whose %s never throws into the page',
    async (_name, parser, emitted) => {
      const { win, events } = page(server(4), parser);
      const body = sendBody();
      const res = await win.fetch('/backend-api/f/conversation', { method: 'POST', body });
      expect(await res.text()).toBe(lastServed());
      await settle();
      expect(events.filter((e) => e.t === 'anomaly')).toEqual(emitted);
    },
  );

  it.each([
    'https://evil.example/backend-api/f/conversation',
    'https://chatgpt.com.evil.example/backend-api/f/conversation',
    'http://chatgpt.com/backend-api/f/conversation',
  ])('ignores a cross-origin request (%s)', async (href) => {
    const kind = vi.spyOn(chatgptTraffic, 'kind');
    const { win, events } = page(async () => new Response(streamOf('data: [DONE]\n\n', 4)));
    const res = await win.fetch(href, { method: 'POST', body: sendBody() });
    expect(await res.text()).toBe('data: [DONE]\n\n');
    await settle();
    expect(kind).not.toHaveBeenCalled();
    expect(events).toEqual([]);
    kind.mockRestore();
  });

  it('a rejected fetch (network error) stays rejected for the page and only opens and closes its stream', async () => {
    const error = new TypeError('Failed to fetch');
    const { win, events } = page(() => Promise.reject(error));
    await expect(
      win.fetch('/backend-api/f/conversation', { method: 'POST', body: sendBody() }),
    ).rejects.toBe(error);
    await settle();
    expect(events).toEqual([{ t: 'open' }, { t: 'close' }]);
  });

  it.each([500, 429, 404])('an HTTP %i emits one http-error anomaly', async (status) => {
    const { win, events } = page(
      async () => new Response('{"detail":"error"}', { status }),
      claudeTraffic,
      'https://claude.ai',
    );
    const res = await win.fetch(
      `/api/organizations/9d3c1f2a-5b7e-4c8d-a1f0-6e2b4d8c0a35/chat_conversations/${CONV}/completion`,
      { method: 'POST', body: '{"prompt":"hi"}' },
    );
    expect(res.status).toBe(status);
    expect(await res.text()).toBe('{"detail":"error"}');
    await settle();
    expect(events).toEqual([{ t: 'open' }, { t: 'anomaly', what: 'http-error' }, { t: 'close' }]);
  });

  it('a stream that errors midway gives a stopped reply with the text so far, then close', async () => {
    const body = sendBody();
    const canned = cannedResponse(new URL('/backend-api/f/conversation', ORIGIN), 'POST', body)!;
    // Fail just before the status patch: all the text arrived, the end never did.
    const failAt = new TextEncoder().encode(
      canned.body.slice(0, canned.body.indexOf('{"p":"","o":"patch"')),
    ).length;
    const { win, events } = page(async () => new Response(streamOf(canned.body, 10, failAt)));
    const res = await win.fetch('/backend-api/f/conversation', { method: 'POST', body });
    await expect(res.text()).rejects.toThrow(); // the page sees its own error
    await closed(events);
    expect(types(events)).toEqual(['open', 'prompt', 'reply', 'close']);
    expect(events[2]).toMatchObject({ t: 'reply', text: REPLY, status: 'stopped', id: REPLY_ID });
  });

  it('1 MB of streamed SSE is read with the right reply length', async () => {
    const big = 'Énergie ⚡ '.repeat(100_000); // 1.0 M characters, 1.4 MB of UTF-8
    const { win, events } = page(server(16 * 1024));
    const res = await win.fetch('/backend-api/f/conversation', {
      method: 'POST',
      body: sendBody(big),
    });
    const read = await res.text();
    expect(read.length).toBeGreaterThan(1_000_000);
    await closed(events);
    const replies = events.filter((e) => e.t === 'reply');
    expect(replies).toHaveLength(1);
    expect(replies[0]).toMatchObject({ status: 'complete' });
    expect((replies[0] as { text: string }).text.length).toBe(big.length);
    expect((replies[0] as { text: string }).text).toBe(big);
  });

  it('a loaded conversation (JSON) is read once', async () => {
    const turns = encodeURIComponent(
      JSON.stringify([
        { id: 'u1', role: 'user' },
        { id: 'a1', role: 'assistant' },
      ]),
    );
    const { win, events } = page(server(7));
    const res = await win.fetch(`/backend-api/conversation/${CONV}?fixture=${turns}`);
    expect(JSON.parse(await res.text())).toHaveProperty('current_node', 'a1');
    await vi.waitFor(() => expect(events).toHaveLength(1));
    expect(events).toMatchObject([
      { t: 'conversation', conversationId: CONV, ids: ['u1', 'a1'], users: 1, assistants: 1 },
    ]);
  });

  it('a loaded conversation of over a million characters is parsed in stretches, to the same data', async () => {
    const mapping: Record<string, unknown> = {};
    for (let i = 0; i < 300; i++)
      mapping[`m${i}`] = { id: `m${i}`, parts: [`tour ${i} é🌍 "q" `.repeat(400)] };
    const body = JSON.stringify({ mapping, current_node: 'm299' });
    expect(body.length).toBeGreaterThan(1_100_000);
    const got: unknown[] = [];
    const parser: TrafficParser = {
      kind: () => 'json',
      stream: () => ({ push: () => [], end: () => [] }),
      json: (_req, data) => (got.push(data), []),
    };
    const { win } = page(async () => new Response(streamOf(body, 65_536)), parser);
    // Timers the page set while the body was read: the tap's parse lets them run before it ends.
    let ticks = 0;
    const res = await win.fetch('/backend-api/conversation/x');
    expect(await res.text()).toBe(body);
    const timer = setInterval(() => ticks++, 0);
    try {
      await vi.waitFor(() => expect(got).toHaveLength(1), { timeout: 5000 });
    } finally {
      clearInterval(timer);
    }
    expect(got[0]).toEqual(JSON.parse(body));
    expect(ticks).toBeGreaterThan(0);
  });

  it('requests the parser does not want are left alone', async () => {
    const { win, events } = page(async () => new Response(streamOf('{"x":1}', 2)));
    const res = await win.fetch('/backend-api/conversations?offset=0');
    expect(await res.text()).toBe('{"x":1}');
    await settle();
    expect(events).toEqual([]);
  });

  it('does nothing on a window without fetch', () => {
    const win = { Request, location: { origin: ORIGIN } } as unknown as typeof globalThis;
    installFetchTap(win, chatgptTraffic, () => undefined);
    expect(win.fetch).toBeUndefined();
  });
});

describe('LineSplitter', () => {
  it.each([
    [['a\nb\n'], ['a', 'b'], []],
    [['a', 'b\n', 'c'], ['ab'], ['c']],
    [['a\r', '\nb\r\n'], ['a', 'b'], []],
    [['data: {"v":"x"}\n\nda', 'ta: [DONE]\n\n'], ['data: {"v":"x"}', '', 'data: [DONE]', ''], []],
    [['no newline'], [], ['no newline']],
    [['', '\n', ''], [''], []],
  ])('%j → lines %j, rest %j', (chunks, lines, rest) => {
    const s = new LineSplitter();
    expect(chunks.flatMap((c) => s.push(c))).toEqual(lines);
    expect(s.flush()).toEqual(rest);
    expect(s.flush()).toEqual([]);
  });
});
