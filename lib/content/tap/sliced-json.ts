/**
 * JSON.parse of a large body in pieces, pausing for the page between them: a conversation of
 * millions of characters parsed at once is a long task on the page's own thread. Large
 * containers are walked member by member; every member small enough goes to the native
 * JSON.parse whole. The result equals JSON.parse's, and text it rejects is rejected here too
 * (each character is either inside a natively parsed piece or a delimiter checked here).
 */

/** A member of at most this many characters is parsed natively in one call (~1 ms). */
export const PIECE_CHARS = 256 * 1024;

export interface Slicing {
  /** Whether the current stretch has run long enough to pause. */
  due(): boolean;
  /** Lets the page run (a macrotask), then starts a new stretch. */
  pause(): Promise<void>;
  piece?: number;
}

const WS = /[ \t\n\r]*/y;
const SCALAR = /[^,\]}\s]*/y;

function skipWs(t: string, i: number): number {
  WS.lastIndex = i;
  WS.test(t);
  return WS.lastIndex;
}

/** Index after the string literal opening at `i`. */
function stringEnd(t: string, i: number): number {
  let from = i + 1;
  for (;;) {
    const q = t.indexOf('"', from);
    if (q < 0) throw new SyntaxError('Unterminated string in JSON');
    let back = 0;
    while (t.charCodeAt(q - 1 - back) === 0x5c) back++;
    if (back % 2 === 0) return q + 1;
    from = q + 1;
  }
}

/**
 * Index after the value opening at `i`, or -1 when it is a container that does not close
 * within `limit` characters (the caller then walks it). Strings and scalars always end.
 */
function endWithin(t: string, i: number, limit: number): number {
  const c = t.charCodeAt(i);
  if (c === 0x22) return stringEnd(t, i);
  if (c !== 0x7b && c !== 0x5b) {
    SCALAR.lastIndex = i;
    SCALAR.test(t);
    return SCALAR.lastIndex;
  }
  let depth = 0;
  for (let j = i; j < t.length; j++) {
    if (j - i > limit) return -1;
    const d = t.charCodeAt(j);
    if (d === 0x22) j = stringEnd(t, j) - 1;
    else if (d === 0x7b || d === 0x5b) depth++;
    else if ((d === 0x7d || d === 0x5d) && --depth === 0) return j + 1;
  }
  throw new SyntaxError('Unexpected end of JSON input');
}

function unexpected(t: string, i: number): SyntaxError {
  return new SyntaxError(
    i < t.length ? `Unexpected token in JSON at position ${i}` : 'Unexpected end of JSON input',
  );
}

/** Walks the container opening at `i`; resolves to its value and the index after it. */
async function walk(t: string, i: number, s: Slicing, piece: number): Promise<[unknown, number]> {
  const isObject = t.charCodeAt(i) === 0x7b;
  const close = isObject ? 0x7d : 0x5d;
  const out: Record<string, unknown> | unknown[] = isObject ? {} : [];
  let j = skipWs(t, i + 1);
  if (t.charCodeAt(j) === close) return [out, j + 1];
  for (;;) {
    let key = '';
    if (isObject) {
      if (t.charCodeAt(j) !== 0x22) throw unexpected(t, j);
      const keyEnd = stringEnd(t, j);
      key = JSON.parse(t.slice(j, keyEnd)) as string;
      j = skipWs(t, keyEnd);
      if (t.charCodeAt(j) !== 0x3a) throw unexpected(t, j);
      j = skipWs(t, j + 1);
    }
    if (s.due()) await s.pause();
    let value: unknown;
    const end = endWithin(t, j, piece);
    if (end >= 0) {
      if (end === j) throw unexpected(t, j);
      value = JSON.parse(t.slice(j, end));
      j = end;
    } else {
      [value, j] = await walk(t, j, s, piece);
    }
    // A "__proto__" member is an own property, as JSON.parse makes it, never the prototype.
    if (Array.isArray(out)) out.push(value);
    else if (key === '__proto__')
      Object.defineProperty(out, key, {
        value,
        writable: true,
        enumerable: true,
        configurable: true,
      });
    else out[key] = value;
    j = skipWs(t, j);
    const d = t.charCodeAt(j);
    if (d === 0x2c) j = skipWs(t, j + 1);
    else if (d === close) return [out, j + 1];
    else throw unexpected(t, j);
  }
}

/** JSON.parse(text), pausing whenever `s.due()` says the stretch has run long enough. */
export async function parseSliced(text: string, s: Slicing): Promise<unknown> {
  const piece = s.piece ?? PIECE_CHARS;
  const i = skipWs(text, 0);
  const c = text.charCodeAt(i);
  if (text.length - i <= piece || (c !== 0x7b && c !== 0x5b)) return JSON.parse(text);
  const [value, end] = await walk(text, i, s, piece);
  if (skipWs(text, end) !== text.length) throw unexpected(text, skipWs(text, end));
  return value;
}
