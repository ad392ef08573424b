import { describe, expect, it, vi } from 'vitest';
import type { TapEvent } from '../../../lib/content/tap/events';
import type { TrafficParser } from '../../../lib/content/tap/fetch';
import { createGeminiTraffic, geminiTraffic } from '../../../lib/content/tap/gemini';
import { installXhrTap } from '../../../lib/content/tap/xhr';
import { readChatBody, RID, sendBody, streamBody } from './gemini-frames';

// installXhrTap on a fake page window whose XMLHttpRequest is a small EventTarget that
// "receives" a body in chunks (progress events, as a browser fires them), then loadend.

const ORIGIN = 'https://gemini.google.com';
const STREAM =
  '/_/BardChatUi/data/assistant.lamda.BardFrontendService/StreamGenerate?bl=boq_x&_reqid=1&rt=c';
const REPLY = 'Environ 50 g — 日本では約450 g 🔌.';

interface Served {
  body: string;
  status?: number;
  chunk?: number;
  /** Abort after this many characters (the user pressed Stop). */
  abortAt?: number;
}

/**
 * A window whose XMLHttpRequest serves `serve(url)`, with text and status behind prototype
 * getters as in browsers (the tap reads them from there); the tap installed on it.
 */
function page(serve: (url: string) => Served, parser: TrafficParser = createGeminiTraffic()) {
  const sent: { method: string; url: string; body: unknown }[] = [];
  const received: string[] = [];
  class Xhr extends EventTarget {
    _text = '';
    _status = 0;
    _method = '';
    _url = '';
    open(method: string, url: string) {
      this._method = method;
      this._url = url;
    }
    send(body?: unknown) {
      sent.push({ method: this._method, url: this._url, body });
      const s = serve(this._url);
      const step = s.chunk ?? 10;
      const fire = (type: string) => this.dispatchEvent(new Event(type));
      this._status = s.status ?? 200;
      for (let i = 0; i < s.body.length; i += step) {
        if (s.abortAt !== undefined && i >= s.abortAt) {
          fire('abort');
          fire('loadend');
          return;
        }
        this._text = s.body.slice(0, i + step);
        fire('progress');
      }
      fire('load');
      fire('loadend');
    }
  }
  for (const [name, fn] of [
    ['responseText', (x: Xhr) => x._text],
    ['status', (x: Xhr) => x._status],
    ['responseType', () => ''],
  ] as const)
    Object.defineProperty(Xhr.prototype, name, {
      get(this: Xhr) {
        return fn(this);
      },
      configurable: true,
    });
  const win = {
    XMLHttpRequest: Xhr,
    location: { origin: ORIGIN, href: `${ORIGIN}/app/a90a6a0004767ad3` },
    URL,
    URLSearchParams,
  } as unknown as typeof globalThis;
  const events: TapEvent[] = [];
  installXhrTap(win, parser, (e) => events.push(e));
  /** The page's own request, as Gemini's code makes it; what its listener read is kept. */
  const request = (method: string, url: string, body?: string) => {
    const x = new (win.XMLHttpRequest as unknown as typeof Xhr)();
    x.addEventListener('loadend', () =>
      received.push((x as unknown as { responseText: string }).responseText),
    );
    x.open(method, url);
    x.send(body);
  };
  return { win, sent, events, received, request };
}

const settle = () => new Promise((r) => setTimeout(r, 20));

describe('installXhrTap', () => {
  it('reads a streamed reply as it arrives; the page gets the same request and response', async () => {
    const body = streamBody(REPLY, { steps: 5 });
    const p = page(() => ({ body, chunk: 7 }));
    p.request('POST', STREAM, sendBody('Combien ?'));
    await settle();
    expect(p.sent).toEqual([{ method: 'POST', url: STREAM, body: sendBody('Combien ?') }]);
    expect(p.received).toEqual([body]);
    expect(p.events.map((e) => e.t)).toEqual(['open', 'prompt', 'reply', 'close']);
    expect(p.events[2]).toMatchObject({ id: RID, text: REPLY, status: 'complete' });
  });

  it('a stream the page aborts (Stop) is a stopped reply with the text so far', async () => {
    const body = streamBody(REPLY, { steps: 8 });
    const p = page(() => ({ body, chunk: 20, abortAt: Math.floor(body.length / 2) }));
    p.request('POST', STREAM, sendBody('Combien ?'));
    await settle();
    const reply = p.events.find((e) => e.t === 'reply');
    expect(reply).toMatchObject({ status: 'stopped' });
    expect(p.events.at(-1)).toEqual({ t: 'close' });
  });

  it('an HTTP error is an anomaly, not a reply', async () => {
    const p = page(() => ({ body: 'Too many requests', status: 429 }));
    p.request('POST', STREAM, sendBody('Combien ?'));
    await settle();
    expect(p.events).toEqual([{ t: 'open' }, { t: 'anomaly', what: 'http-error' }, { t: 'close' }]);
  });

  it('the loaded conversation (batchexecute hNvQHb) is read once it has loaded', async () => {
    const body = readChatBody([{ rid: '1111111111111111', user: 'Hi', reply: 'Hello.' }]);
    const p = page(() => ({ body }));
    p.request('POST', '/_/BardChatUi/data/batchexecute?rpcids=hNvQHb&rt=c', 'f.req=x');
    await settle();
    expect(p.events).toEqual([
      expect.objectContaining({
        t: 'conversation',
        ids: ['q_1111111111111111', 'r_1111111111111111'],
      }),
    ]);
    expect(p.received).toEqual([body]);
  });

  it('requests the parser does not want, and other origins, are left alone', async () => {
    const kind = vi.fn(geminiTraffic.kind);
    const p = page(() => ({ body: streamBody(REPLY) }), { ...geminiTraffic, kind });
    p.request('POST', '/_/BardChatUi/data/batchexecute?rpcids=MaZiqc&rt=c', 'f.req=x');
    p.request('POST', `https://evil.example${STREAM}`, sendBody('x'));
    await settle();
    expect(p.events).toEqual([]);
    expect(kind).toHaveBeenCalledTimes(1); // the other origin never reaches the parser
    expect(p.received).toHaveLength(2);
  });

  it('a parser that throws never reaches the page', async () => {
    const broken: TrafficParser = {
      kind: () => 'stream',
      stream: () => {
        throw new Error('boom');
      },
      json: () => [],
    };
    const p = page(() => ({ body: streamBody(REPLY) }), broken);
    expect(() => p.request('POST', STREAM, sendBody('x'))).not.toThrow();
    await settle();
    expect(p.received).toHaveLength(1);
  });
});
