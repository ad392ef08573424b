import type { TapEvent } from './events';
import { MAX_TAP_TEXT } from './events';
import { PIECE_CHARS, parseSliced } from './sliced-json';

/** Text handed to a parser at once, and the time it may take before the tap yields. */
const SLICE = 16_384;
const BUDGET_MS = 8;
// Taken when the tap loads, before any page script could replace them.
const clockNow = performance.now.bind(performance);
const later = setTimeout;
/** A body longer than this is parsed in stretches (one native parse of it is ~3 ms). */
const SLICED_ABOVE = 4 * PIECE_CHARS;
const yieldToPage = () => new Promise<void>((r) => later(r, 0));

/**
 * A large JSON body parsed in its own tasks: its first piece waits for the task that
 * delivered the body (the page's own reading of it runs there), then stretches of BUDGET_MS.
 */
async function parseLarge(text: string): Promise<unknown> {
  await yieldToPage();
  let start = clockNow();
  return parseSliced(text, {
    due: () => clockNow() - start > BUDGET_MS,
    pause: async () => {
      await yieldToPage();
      start = clockNow();
    },
  });
}

/** One of the page's own requests, as a site parser sees it. */
export interface TappedRequest {
  method: string;
  url: URL;
  /** The request body when the page sent text (JSON), else null. */
  body: string | null;
  /** performance.now() when the page called fetch (stream timing, issue #14). */
  sentAt?: number;
}

/** Reads one streamed reply, chunk by chunk. */
export interface StreamReader {
  /** `at`: performance.now() when the chunk holding `text` arrived. */
  push(text: string, at?: number): TapEvent[];
  /** The stream ended (`cut`: network error or the page aborted it, e.g. Stop). */
  end(cut: boolean): TapEvent[];
}

/** What the tap needs of a site: which responses to read, and how. */
export interface TrafficParser {
  /** `stream` for a reply stream, `json` for a loaded conversation, null to leave alone. */
  kind(req: TappedRequest): 'stream' | 'json' | null;
  /** Events at the moment the response headers arrive (the prompt was accepted). */
  stream(req: TappedRequest): StreamReader;
  json(req: TappedRequest, data: unknown): TapEvent[];
}

/**
 * Wraps the page's `fetch` so that responses the parser wants are read from a clone. The
 * page gets the very promise the original `fetch` returned, so its timing and errors are
 * unchanged; nothing the parser does can throw into the page; no request is ever made.
 */
export function installFetchTap(
  win: typeof globalThis,
  parser: TrafficParser,
  emit: (e: TapEvent) => void,
): void {
  const original = win.fetch;
  if (typeof original !== 'function') return;
  const clone = Response.prototype.clone;
  const clock = performance;
  const now = () => clock.now();
  const RequestCtor = win.Request;
  const origin = win.location.origin;

  const tapped = function fetch(this: unknown, ...args: Parameters<typeof win.fetch>) {
    let req: TappedRequest | null = null;
    let kind: 'stream' | 'json' | null = null;
    let requestCopy: Request | null = null;
    try {
      ({ req, requestCopy } = describe(args, RequestCtor, origin));
      kind = req ? parser.kind(req) : null;
      if (req && kind === 'stream') req.sentAt = now();
      if (!kind) requestCopy = null;
    } catch {
      kind = null;
    }
    const result = original.apply(this, args);
    if (kind && req) {
      const r = req;
      const k = kind;
      // A reply stream is announced as it is sent, as the page shows the prompt: the DOM's
      // sightings then wait for the tap's.
      if (k === 'stream') emit({ t: 'open' });
      const close = () => {
        if (k === 'stream') emit({ t: 'close' });
      };
      result.then((res) => {
        let copy: Response;
        try {
          copy = clone.call(res);
        } catch {
          close();
          return;
        }
        void read(copy, r, k, requestCopy).finally(close);
      }, close);
    }
    return result;
  };
  Object.defineProperty(win, 'fetch', {
    value: tapped,
    writable: true,
    configurable: true,
    enumerable: true,
  });

  async function read(
    res: Response,
    req: TappedRequest,
    kind: 'stream' | 'json',
    requestCopy: Request | null,
  ): Promise<void> {
    try {
      if (requestCopy && req.body === null) req.body = await requestCopy.text();
      if (new URL(res.url || req.url.href).origin !== origin) return;
      if (!res.ok) {
        emit({ t: 'anomaly', what: 'http-error' });
        return;
      }
      if (kind === 'json') {
        const text = await readText(res);
        let data: unknown;
        try {
          data = text.length > SLICED_ABOVE ? await parseLarge(text) : JSON.parse(text);
        } catch {
          data = text; // tRPC batches may arrive as JSON lines
        }
        for (const e of parser.json(req, data)) emit(e);
        return;
      }
      const body = res.body?.getReader();
      if (body) await pump(body, parser.stream(req));
    } catch {
      emit({ t: 'anomaly', what: 'unparsable' });
    }
  }

  /**
   * The clone's text, decoded chunk by chunk as it arrives: `text()` would decode all of it
   * in the task that delivers the last chunk, the one where the page reads its own copy.
   */
  async function readText(res: Response): Promise<string> {
    const body = res.body?.getReader();
    if (!body) return '';
    const decoder = new TextDecoder();
    const parts: string[] = [];
    for (;;) {
      const chunk = await body.read();
      if (chunk.done) break;
      parts.push(decoder.decode(chunk.value, { stream: true }));
    }
    parts.push(decoder.decode());
    return parts.join('');
  }

  /** Reads the clone as fast as it arrives (a stream that errors drops what is still queued). */
  async function pump(body: ReadableStreamDefaultReader<Uint8Array>, reader: StreamReader) {
    const decoder = new TextDecoder();
    const feed = new Feed(reader, emit);
    let size = 0;
    let cut = false;
    for (;;) {
      let chunk: ReadableStreamReadResult<Uint8Array>;
      try {
        chunk = await body.read();
      } catch {
        cut = true;
        break;
      }
      if (chunk.done) break;
      size += chunk.value.byteLength;
      if (size > MAX_TAP_TEXT) {
        cut = true;
        void body.cancel().catch(() => undefined);
        break;
      }
      feed.take(decoder.decode(chunk.value, { stream: true }));
    }
    feed.take(decoder.decode());
    await feed.finish(cut);
  }
}

/**
 * Parses a stream behind its reading, in slices, yielding to the page past a few
 * milliseconds: a whole reply can arrive as one chunk, and 20,000 deltas parsed at once made
 * a long task. Each chunk keeps the time it arrived: parsing runs behind, the timing must not.
 */
export class Feed {
  readonly #queue: [string, number][] = [];
  #parsing: Promise<void> = Promise.resolve();
  // Set and cleared synchronously: a chunk taken right after a parse ends starts the next.
  #running = false;
  #failed = false;
  readonly #reader: StreamReader;
  readonly #emit: (e: TapEvent) => void;

  constructor(reader: StreamReader, emit: (e: TapEvent) => void) {
    this.#reader = reader;
    this.#emit = emit;
  }

  take(text: string): void {
    if (text) this.#queue.push([text, clockNow()]);
    if (!this.#running) this.#parsing = this.#parse();
  }

  /** Waits for the parse to catch up, then ends the stream; throws if a slice failed. */
  async finish(cut: boolean): Promise<void> {
    while (this.#running) await this.#parsing;
    if (this.#failed) throw new Error('unparsable');
    for (const e of this.#reader.end(cut)) this.#emit(e);
  }

  async #parse(): Promise<void> {
    this.#running = true;
    let start = clockNow();
    try {
      while (this.#queue.length && !this.#failed) {
        const [text, at] = this.#queue.shift()!;
        for (let i = 0; i < text.length; i += SLICE) {
          for (const e of this.#reader.push(text.slice(i, i + SLICE), at)) this.#emit(e);
          if (clockNow() - start > BUDGET_MS) {
            await yieldToPage();
            start = clockNow();
          }
        }
      }
    } catch {
      this.#failed = true; // reported once the stream is read
    } finally {
      this.#running = false;
    }
  }
}

function describe(
  args: unknown[],
  RequestCtor: typeof Request,
  origin: string,
): { req: TappedRequest | null; requestCopy: Request | null } {
  const [input, init] = args as [unknown, RequestInit | undefined];
  let href: string;
  let method = init?.method ?? 'GET';
  const body: string | null = typeof init?.body === 'string' ? init.body : null;
  let requestCopy: Request | null = null;
  if (input instanceof RequestCtor) {
    href = input.url;
    if (!init?.method) method = input.method;
    // The body of a Request is read from a copy made before the page's fetch consumes it.
    if (init?.body === undefined && input.body) requestCopy = input.clone();
  } else if (typeof input === 'string' || input instanceof URL) {
    href = String(input);
  } else {
    return { req: null, requestCopy: null };
  }
  const url = new URL(href, origin);
  if (url.origin !== origin) return { req: null, requestCopy: null };
  return { req: { method: method.toUpperCase(), url, body }, requestCopy };
}

/**
 * Splits a text stream into lines across chunk boundaries: for SSE (`data: …`) and for
 * line-framed streams alike.
 */
export class LineSplitter {
  private rest = '';

  push(text: string): string[] {
    const all = this.rest + text;
    const lines = all.split(/\r?\n/);
    this.rest = lines.pop() ?? '';
    return lines;
  }

  flush(): string[] {
    const last = this.rest;
    this.rest = '';
    return last ? [last] : [];
  }
}

/**
 * A line-framed stream reader: `line` handles each complete line and `finish` the end, both
 * pushing their events to `out`, which each call hands back and empties.
 */
export function lineReader(
  out: TapEvent[],
  line: (l: string, at: number | undefined) => void,
  finish: (cut: boolean) => void,
): StreamReader {
  const lines = new LineSplitter();
  let last: number | undefined;
  return {
    push(text, at) {
      last = at;
      for (const l of lines.push(text)) line(l, at);
      return out.splice(0);
    },
    end(cut) {
      for (const l of lines.flush()) line(l, last);
      finish(cut);
      return out.splice(0);
    },
  };
}

/**
 * When a reply's visible tokens came, relative to the request (issue #14): the parsers call
 * `saw(at)` as visible text grows; two numbers kept, no timer.
 */
export class StreamTiming {
  private first: number | undefined;
  private last: number | undefined;

  constructor(private readonly sentAt: number | undefined) {}

  saw(at: number | undefined): void {
    if (at === undefined) return;
    this.first ??= at;
    this.last = at;
  }

  /** Time to first visible token and streaming duration (ms), when both ends are known. */
  apply(reply: { ttftMs?: number; streamMs?: number }): void {
    if (this.sentAt === undefined || this.first === undefined || this.last === undefined) return;
    reply.ttftMs = Math.max(0, Math.round(this.first - this.sentAt));
    reply.streamMs = Math.max(0, Math.round(this.last - this.first));
  }
}

/** JSON.parse that returns undefined instead of throwing. */
export function tryJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** A plain object's field, or undefined. */
export function field(o: unknown, key: string): unknown {
  return typeof o === 'object' && o !== null && !Array.isArray(o)
    ? (o as Record<string, unknown>)[key]
    : undefined;
}

export function asString(v: unknown): string | null {
  return typeof v === 'string' && v.length > 0 ? v.slice(0, 200) : null;
}
