import type { TapEvent } from './events';
import { MAX_TAP_TEXT } from './events';
import { Feed, type TappedRequest, type TrafficParser } from './fetch';

/**
 * Watches the page's own XMLHttpRequests for the responses the parser wants (Gemini streams
 * its replies over XHR). It only wraps `open` and `send` to learn the URL and body, and
 * reads `responseText` as it grows: the page's request, its events and what it receives are
 * unchanged, and no request is ever made.
 */
export function installXhrTap(
  win: typeof globalThis,
  parser: TrafficParser,
  emit: (e: TapEvent) => void,
): void {
  const X = win.XMLHttpRequest;
  if (typeof X !== 'function') return;
  const proto = X.prototype;
  const open = proto.open;
  const send = proto.send;
  // The originals, before zone.js (Gemini's Angular) patches them: our listeners must not
  // run inside the page's change detection.
  const listen = EventTarget.prototype.addEventListener;
  const getter = (name: string) => Object.getOwnPropertyDescriptor(proto, name)?.get;
  const textGet = getter('responseText');
  const typeGet = getter('responseType');
  const statusGet = getter('status');
  if (!textGet || !typeGet || !statusGet) return;
  const responseText = textGet;
  const responseType = typeGet;
  const status = statusGet;
  const now = performance.now.bind(performance);
  const origin = win.location.origin;
  const URLCtor = win.URL;
  const SearchParams = win.URLSearchParams;
  const opened = new WeakMap<XMLHttpRequest, { method: string; url: URL }>();

  proto.open = function (this: XMLHttpRequest, ...args: unknown[]) {
    try {
      const url = new URLCtor(String(args[1]), win.location.href);
      if (url.origin === origin) opened.set(this, { method: String(args[0]).toUpperCase(), url });
      else opened.delete(this);
    } catch {
      opened.delete(this);
    }
    return (open as (...a: unknown[]) => void).apply(this, args);
  } as typeof proto.open;

  proto.send = function (this: XMLHttpRequest, body?: Document | XMLHttpRequestBodyInit | null) {
    try {
      watch(this, body);
    } catch {
      // never into the page
    }
    return send.call(this, body);
  };

  function watch(xhr: XMLHttpRequest, body: unknown): void {
    const o = opened.get(xhr);
    if (!o) return;
    const req: TappedRequest = {
      method: o.method,
      url: o.url,
      body: typeof body === 'string' ? body : body instanceof SearchParams ? body.toString() : null,
    };
    const kind = parser.kind(req);
    if (!kind) return;
    const on = (type: string, fn: () => void) => listen.call(xhr, type, fn);
    const text = (): string | null => {
      const t = responseType.call(xhr);
      return t === '' || t === 'text' ? (responseText.call(xhr) as string) : null;
    };
    const ok = () => {
      const s = status.call(xhr) as number;
      return s >= 200 && s < 300;
    };
    let failed = false;
    on('error', () => (failed = true));
    on('abort', () => (failed = true));
    on('timeout', () => (failed = true));

    if (kind === 'json') {
      on('loadend', () => {
        try {
          if (failed) return;
          if (!ok()) return emit({ t: 'anomaly', what: 'http-error' });
          const t = text();
          if (t === null || t.length > MAX_TAP_TEXT) return;
          for (const e of parser.json(req, t)) emit(e);
        } catch {
          emit({ t: 'anomaly', what: 'unparsable' });
        }
      });
      return;
    }

    req.sentAt = now();
    emit({ t: 'open' });
    const feed = new Feed(parser.stream(req), emit);
    let read = 0;
    let cut = false;
    const pull = () => {
      if (cut) return;
      const t = text();
      if (t === null || t.length <= read) return;
      if (t.length > MAX_TAP_TEXT) {
        cut = true;
        return;
      }
      feed.take(t.slice(read));
      read = t.length;
    };
    on('progress', pull);
    on('loadend', () => {
      try {
        pull();
        if (!failed && !ok()) {
          emit({ t: 'anomaly', what: 'http-error' });
          emit({ t: 'close' });
          return;
        }
      } catch {
        failed = true;
      }
      // Stopped by the user (abort) or cut by the network: what came is a stopped reply.
      feed
        .finish(cut || failed)
        .catch(() => emit({ t: 'anomaly', what: 'unparsable' }))
        .finally(() => emit({ t: 'close' }));
    });
  }
}
