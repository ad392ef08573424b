import { o200kPiece, type PieceScanner } from './scan';
import { HASH_SEED, lookup, notShortToken, rankOf, type Vocab } from './vocab';

/**
 * Token counting with exactly tiktoken's rule: pre-tokenize (scan.ts), look each piece up
 * whole, byte-pair-merge the rest (lowest-ranked adjacent pair first, leftmost on ties).
 * Short pieces use tiktoken's quadratic loop; long ones an O(n log n) priority queue, as the
 * quadratic loop takes minutes on 100 KB of one repeated character. Long texts yield every
 * ~SLICE_MS; the scan and merge keep their state, so where a text is cut never changes the count.
 */

/** Pieces of at most this many bytes use the quadratic loop (measured crossover ~64–128). */
export const SMALL_PIECE_BYTES = 96;
/** Longest stretch of work between yields to the event loop. */
export const SLICE_MS = 40;

const INF = 0x7fffffff;

/** Per-call scratch memory (calls may interleave while one of them is yielding). */
interface Scratch {
  buf: Uint8Array;
  starts: Int32Array;
  ranks: Int32Array;
}

function newScratch(): Scratch {
  return {
    buf: new Uint8Array(1024),
    starts: new Int32Array(SMALL_PIECE_BYTES + 1),
    ranks: new Int32Array(SMALL_PIECE_BYTES + 1),
  };
}

export interface CountOptions {
  /** Override SMALL_PIECE_BYTES (tests run the heap merge on short pieces too). */
  smallPieceBytes?: number;
  /** Called to let the event loop run; default: a macrotask (setTimeout 0). */
  yieldNow?: () => Promise<void>;
  /** Override SLICE_MS (tests force many yields). */
  sliceMs?: number;
}

const defaultYield = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** Number of tokens of `text`. */
export async function countWith(
  v: Vocab,
  scan: PieceScanner,
  text: string,
  options: CountOptions = {},
): Promise<number> {
  const sliceMs = options.sliceMs ?? SLICE_MS;
  const yieldNow = options.yieldNow ?? defaultYield;
  const state: CountState = {
    v,
    scan,
    text,
    small: options.smallPieceBytes ?? SMALL_PIECE_BYTES,
    scratch: newScratch(),
    at: 0,
    total: 0,
    largeLength: 0,
    asciiFastPath: scan === o200kPiece,
  };
  // The work runs in synchronous slices (which V8 optimises like any hot function) and
  // this loop awaits between them; awaiting inside the hot loop itself would resume it in
  // the interpreter after every yield.
  for (;;) {
    const deadline = performance.now() + sliceMs;
    const status = countSlice(state, deadline);
    if (status === DONE) return state.total;
    if (status === LARGE_PIECE) {
      const merge = new LargeMerge(v, state.scratch.buf, state.largeLength);
      // The merge's first slice ends with the scan's: scanning a megabyte piece took part of it.
      let until = deadline;
      while (!merge.run(until)) {
        await yieldNow();
        until = performance.now() + sliceMs;
      }
      state.total += merge.parts;
      continue;
    }
    await yieldNow();
  }
}

interface CountState {
  v: Vocab;
  scan: PieceScanner;
  text: string;
  small: number;
  scratch: Scratch;
  /** Next UTF-16 index to scan from. */
  at: number;
  total: number;
  /** Byte length of the piece in scratch.buf waiting for a LargeMerge. */
  largeLength: number;
  /** Use asciiPieceEnd first (o200k only: its shapes are o200k's pattern). */
  asciiFastPath: boolean;
}

const DONE = 0;
const OUT_OF_TIME = 1;
const LARGE_PIECE = 2;

/** ASCII character kinds for the o200k fast path (see asciiPieceEnd). */
const K_OTHER = 0; // punctuation, symbols, controls: may prefix a word
const K_UPPER = 1;
const K_LOWER = 2;
const K_DIGIT = 3;
const K_BLANK = 4; // space, tab, \v, \f: may prefix a word
const K_NEWLINE = 5;
const ASCII_KIND = new Uint8Array(128).map((_, c) =>
  c >= 65 && c <= 90
    ? K_UPPER
    : c >= 97 && c <= 122
      ? K_LOWER
      : c >= 48 && c <= 57
        ? K_DIGIT
        : c === 10 || c === 13
          ? K_NEWLINE
          : c === 32 || c === 9 || c === 11 || c === 12
            ? K_BLANK
            : K_OTHER,
);
const FNV_PRIME = 0x01000193;

/** Hash of the piece found by the last asciiPieceEnd call. */
let asciiHash = 0;

/**
 * o200k fast path for the commonest pieces of English text and code, all ASCII: an
 * optional prefix character then a word (`[^\r\n\p{L}\p{N}]?[A-Z]*[a-z]+` or
 * `…[A-Z]+`), or 1–3 digits. Returns the piece's end, having written its bytes to `out`
 * and hashed them, or -1 when the piece is anything else, its end depends on a non-ASCII
 * character or an apostrophe (a contraction), or it does not fit in `out`: the general
 * scanner (scan.ts) then decides. For these shapes the patterns' alternatives reduce to
 * exactly this; the corpus test checks it.
 */
function asciiPieceEnd(text: string, i: number, n: number, out: Uint8Array): number {
  const limit = Math.min(n, i + out.length);
  let p = i;
  let c = text.charCodeAt(p);
  if (c >= 128) return -1;
  let kind = ASCII_KIND[c]!;
  let h = HASH_SEED;
  if ((kind === K_OTHER || kind === K_BLANK) && p + 1 < n) {
    const d = text.charCodeAt(p + 1);
    if (d >= 128) return -1;
    const k = ASCII_KIND[d]!;
    if (k !== K_UPPER && k !== K_LOWER) return -1;
    out[0] = c;
    h = Math.imul(h ^ c, FNV_PRIME);
    p++;
    c = d;
    kind = k;
  }
  if (kind === K_DIGIT) {
    for (let m = 1; ; m++) {
      out[p - i] = c;
      h = Math.imul(h ^ c, FNV_PRIME);
      if (++p === n || m === 3) break;
      c = text.charCodeAt(p);
      if (c >= 128) return -1; // a non-ASCII digit could continue the run
      if (ASCII_KIND[c] !== K_DIGIT) break;
    }
    asciiHash = h;
    return p;
  }
  if (kind !== K_UPPER && kind !== K_LOWER) return -1;
  while (kind === K_UPPER) {
    if (p === limit) return -1;
    out[p - i] = c;
    h = Math.imul(h ^ c, FNV_PRIME);
    if (++p === n) break;
    c = text.charCodeAt(p);
    kind = c < 128 ? ASCII_KIND[c]! : -1;
  }
  while (kind === K_LOWER) {
    if (p === limit) return -1;
    out[p - i] = c;
    h = Math.imul(h ^ c, FNV_PRIME);
    if (++p === n) break;
    c = text.charCodeAt(p);
    kind = c < 128 ? ASCII_KIND[c]! : -1;
  }
  if (p < n && (c >= 128 || c === 39)) return -1;
  asciiHash = h;
  return p;
}

/** Counts pieces until the text ends, the deadline passes, or a piece needs the heap merge. */
function countSlice(st: CountState, deadline: number): number {
  const { v, scan, text, small, scratch, asciiFastPath } = st;
  const cls = v.classes;
  const maxTokenBytes = v.maxTokenBytes;
  const n = text.length;
  let i = st.at;
  let total = st.total;
  let sinceCheck = 0;
  let status = DONE;
  while (i < n) {
    if (++sinceCheck === 512) {
      sinceCheck = 0;
      if (performance.now() > deadline) {
        status = OUT_OF_TIME;
        break;
      }
    }
    let len: number;
    let hash: number;
    const a = asciiFastPath ? asciiPieceEnd(text, i, n, scratch.buf) : -1;
    if (a >= 0) {
      len = a - i;
      hash = asciiHash;
      i = a;
    } else {
      const j = scan(text, i, n, cls);
      if (scratch.buf.length < 3 * (j - i)) scratch.buf = new Uint8Array(3 * (j - i) + 1024);
      len = encodeUtf8(text, i, j, scratch.buf);
      hash = pieceHash;
      i = j;
    }
    // Every byte is a token, two-byte tokens have their own table, longer ones the hash.
    if (len <= 2) {
      total += len === 1 || v.pairRank[(scratch.buf[0]! << 8) | scratch.buf[1]!]! >= 0 ? 1 : 2;
      continue;
    }
    if (
      len <= maxTokenBytes &&
      (len > 4 || !notShortToken(v, scratch.buf, 0, len)) &&
      lookup(v, scratch.buf, 0, len, hash) >= 0
    ) {
      total++;
      continue;
    }
    if (len <= small) total += mergeSmall(v, scratch, len);
    else {
      st.largeLength = len;
      status = LARGE_PIECE;
      break;
    }
  }
  st.at = i;
  st.total = total;
  return i >= n && status !== LARGE_PIECE ? DONE : status;
}

/**
 * A varied sample counted in a few short rounds when a table loads, so every branch of the
 * hot functions has type feedback and V8 does not deoptimise them mid-count on the first
 * real message. A warm-up long enough for TurboFan costs too much CPU at each worker start
 * when most messages are a few KB.
 */
const WARM_UP_SAMPLE =
  "The Licensee's rights — under Section 4(b) — AREN'T transferable; see https://example.org/terms?id=42&x=y.\n" +
  '\tfunction parse(x) {\n    return x?.value ?? [1, 2, 3]; // ok\n  }\n\n' +
  'Größe, naïve café, Ærø: 日本語のテキスト, 中文字符, 한국어, ภาษาไทย, Ελληνικά 😀👍🏽 ½ Ⅻ e\u0301 ' +
  'antidisestablishmentarianism sublicensable indemnification Zyxwvut qwrtpsdfgh ' +
  'aGVsbG8gd29ybGQ9PT0+Pz8/YWJjZGVmZ2hpamtsbW5vcHFyc3R1dnd4eXpBQkNERUZHSElKS0xNTk9QUVJTVFVW\n' +
  '  if (!this._ctx || a[i] >= 0x7f) { throw new TypeError(`bad ${k}`); } else x += 1;\r\n' +
  '    const { p, q } = await db.table("items").where({ id: 3 }).first();\n' +
  '\nÆrø\nÆØ\n١٢٣٤ 12345 x²';

export async function warmUp(v: Vocab, scan: PieceScanner): Promise<void> {
  const resolved = () => Promise.resolve();
  for (let k = 0; k < WARM_UP_ROUNDS; k++) {
    await countWith(v, scan, WARM_UP_SAMPLE + k * 7919);
  }
  // Long enough for the slice clock, a yield and the heap merge's clock check.
  await countWith(v, scan, WARM_UP_SAMPLE.repeat(8) + 'a'.repeat(600), {
    sliceMs: 0,
    yieldNow: resolved,
  });
  // One long piece, enough merges for the long-piece merge to be compiled before a real
  // one arrives, which would otherwise run its first merges in the interpreter.
  await countWith(v, scan, '-='.repeat(2000));
}
const WARM_UP_ROUNDS = 4;

/** Hash of the bytes written by the last encodeUtf8 call. */
let pieceHash = 0;

/**
 * UTF-8 bytes of text[i..j) into `out` (as TextEncoder would write them: an unpaired
 * surrogate becomes U+FFFD), hashing them on the way; returns the byte length.
 */
function encodeUtf8(text: string, i: number, j: number, out: Uint8Array): number {
  let h = HASH_SEED;
  let k = 0;
  for (let p = i; p < j; p++) {
    let c = text.charCodeAt(p);
    if (c < 0x80) {
      out[k++] = c;
      h = Math.imul(h ^ c, 0x01000193);
      continue;
    }
    let b: number;
    if (c < 0x800) {
      b = 0xc0 | (c >> 6);
      out[k++] = b;
      h = Math.imul(h ^ b, 0x01000193);
    } else {
      if (c >= 0xd800 && c <= 0xdfff) {
        const d = p + 1 < j ? text.charCodeAt(p + 1) : 0;
        if (c <= 0xdbff && d >= 0xdc00 && d <= 0xdfff) {
          c = ((c - 0xd800) << 10) + (d - 0xdc00) + 0x10000;
          p++;
          b = 0xf0 | (c >> 18);
          out[k++] = b;
          h = Math.imul(h ^ b, 0x01000193);
          b = 0x80 | ((c >> 12) & 0x3f);
          out[k++] = b;
          h = Math.imul(h ^ b, 0x01000193);
        } else {
          c = 0xfffd;
          b = 0xe0 | (c >> 12);
          out[k++] = b;
          h = Math.imul(h ^ b, 0x01000193);
        }
      } else {
        b = 0xe0 | (c >> 12);
        out[k++] = b;
        h = Math.imul(h ^ b, 0x01000193);
      }
      b = 0x80 | ((c >> 6) & 0x3f);
      out[k++] = b;
      h = Math.imul(h ^ b, 0x01000193);
    }
    b = 0x80 | (c & 0x3f);
    out[k++] = b;
    h = Math.imul(h ^ b, 0x01000193);
  }
  pieceHash = h;
  return k;
}

/** tiktoken's loop for a short piece: parts as start offsets, a linear scan for the minimum. */
function mergeSmall(v: Vocab, s: Scratch, len: number): number {
  // Not one token (the caller looked): two bytes are two tokens (every byte is a token),
  // and three bytes are two tokens if either pair is one (the one merge), else three.
  const { buf, starts, ranks } = s;
  const pairRank = v.pairRank;
  if (len <= 2) return len;
  const r01 = pairRank[(buf[0]! << 8) | buf[1]!]!;
  const r12 = pairRank[(buf[1]! << 8) | buf[2]!]!;
  if (len === 3) return r01 < 0 && r12 < 0 ? 3 : 2;
  if (len === 4) {
    // After the first merge (the lowest of the three pairs), two candidates remain; if
    // either is a token the second merge leaves two parts (the whole is not a token).
    const r23 = pairRank[(buf[2]! << 8) | buf[3]!]!;
    if (r01 < 0 && r12 < 0 && r23 < 0) return 4;
    const lo01 = r01 >= 0 && (r12 < 0 || r01 <= r12) && (r23 < 0 || r01 <= r23);
    const lo12 = !lo01 && r12 >= 0 && (r23 < 0 || r12 <= r23);
    // Candidates: lo01 → [012] and (23); lo12 → [012] and [123]; else (23 first) → (01) and [123].
    const left3 = lo01 || lo12 ? rankOf(v, buf, 0, 3) >= 0 : r01 >= 0;
    const right3 = lo01 ? r23 >= 0 : rankOf(v, buf, 1, 4) >= 0;
    return left3 || right3 ? 2 : 3;
  }
  // Part k is buf[starts[k]..starts[k+1]); ranks[k] is the rank of parts k and k+1 merged.
  // The first lowest pair is found while the pair ranks are filled in.
  let min = INF;
  let at = -1;
  starts[0] = 0;
  for (let k = 0; k < len - 1; k++) {
    starts[k + 1] = k + 1;
    let r = pairRank[(buf[k]! << 8) | buf[k + 1]!]!;
    if (r < 0) r = INF;
    ranks[k] = r;
    if (r < min) {
      min = r;
      at = k;
    }
  }
  starts[len] = len;
  let parts = len;
  while (at >= 0) {
    // Plain loops: copyWithin's call overhead dominates on arrays this short.
    for (let k = at + 1; k < parts; k++) starts[k] = starts[k + 1]!;
    for (let k = at + 1; k < parts - 2; k++) ranks[k] = ranks[k + 1]!;
    parts--;
    ranks[at] = at + 1 < parts ? rankOrInf(v, buf, starts[at]!, starts[at + 2]!) : INF;
    if (at > 0) ranks[at - 1] = rankOrInf(v, buf, starts[at - 1]!, starts[at + 1]!);
    min = INF;
    at = -1;
    for (let k = 0; k < parts - 1; k++) {
      const r = ranks[k]!;
      if (r < min) {
        min = r;
        at = k;
      }
    }
  }
  return parts;
}

function rankOrInf(v: Vocab, buf: Uint8Array, start: number, end: number): number {
  const r = rankOf(v, buf, start, end);
  return r < 0 ? INF : r;
}

/**
 * The O(n log n) merge for long pieces: parts form a doubly linked list over byte offsets;
 * rank[p] is the rank of part p merged with its right neighbour (INF if none or not a token).
 * Keys rank * KEY_SCALE + p go in a KeyQueue (lowest rank, then leftmost: tiktoken's choice)
 * and are never updated: a key is stale once rank[p] differs, and cannot revive, as a part's
 * pair only grows. Resumable (`run` stops at a deadline). Memory per byte of the piece: three
 * Int32Arrays, the byte, and 12 bytes per live key (at most 2 keys per byte).
 */
/** Elements per step of LargeMerge's set-up between deadline checks. */
const CHUNK = 1 << 16;
/** rank * KEY_SCALE + position is exact in a double (ranks < 2^20, positions < 2^31). */
const KEY_SCALE = 2 ** 32;
const INV_KEY_SCALE = 1 / KEY_SCALE;

/**
 * A min-priority queue of distinct numbers for the merge's keys: ascending runs in one node
 * pool, each key appended to the run with the largest last key below it (patience sorting,
 * found by binary search), and a small binary heap over the runs' first keys. A merge's keys
 * mostly arrive ascending, so there are few runs and a pop is nearly O(1), far cheaper than a
 * plain heap; on arbitrary input O(√n) runs keep every operation O(log n).
 */
export class KeyQueue {
  private keys: Float64Array;
  private link: Int32Array;
  /** Nodes in use, or freed (reused through `free`). */
  private used = 0;
  private free = -1;
  private runFirst = new Int32Array(16);
  private runLastNode = new Int32Array(16);
  private runFirstKey = new Float64Array(16);
  private runLastKey = new Float64Array(16);
  private runs = 0;
  /** Binary heap of run indices by runFirstKey: the non-empty runs. */
  private heap = new Int32Array(16);
  size = 0;

  constructor(
    capacity: number,
    private readonly maxCapacity: number,
  ) {
    this.keys = new Float64Array(capacity);
    this.link = new Int32Array(capacity);
  }

  /** True when no key is queued. */
  get empty(): boolean {
    return this.size === 0;
  }

  push(key: number): void {
    const runLastKey = this.runLastKey;
    // First run whose last key is below `key` (last keys decrease from run to run).
    let lo = 0;
    let hi = this.runs;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (runLastKey[mid]! < key) hi = mid;
      else lo = mid + 1;
    }
    let node = this.free;
    if (node >= 0) this.free = this.link[node]!;
    else {
      if (this.used === this.keys.length) this.growNodes();
      node = this.used++;
    }
    this.keys[node] = key;
    this.link[node] = -1;
    this.size++;
    const run = lo;
    if (run === this.runs) {
      if (run === this.runFirst.length) this.growRuns();
      this.runs++;
      this.runFirst[run] = -1;
    }
    this.runLastKey[run] = key;
    if (this.runFirst[run]! < 0) {
      this.runFirst[run] = node;
      this.runLastNode[run] = node;
      this.runFirstKey[run] = key;
      this.heapPush(run);
    } else {
      this.link[this.runLastNode[run]!] = node;
      this.runLastNode[run] = node;
    }
  }

  /** Removes and returns the lowest key (the queue must not be empty). */
  pop(): number {
    const heap = this.heap;
    const run = heap[0]!;
    const node = this.runFirst[run]!;
    const key = this.keys[node]!;
    const next = this.link[node]!;
    this.link[node] = this.free;
    this.free = node;
    this.size--;
    this.runFirst[run] = next;
    if (next >= 0) {
      this.runFirstKey[run] = this.keys[next]!;
      this.siftDown(run);
    } else {
      const last = heap[--this.heapSize]!;
      if (this.heapSize > 0) this.siftDown(last);
    }
    return key;
  }

  private heapSize = 0;

  private heapPush(run: number): void {
    if (this.heapSize === this.heap.length) {
      const bigger = new Int32Array(this.heap.length * 2);
      bigger.set(this.heap);
      this.heap = bigger;
    }
    const { heap, runFirstKey } = this;
    const key = runFirstKey[run]!;
    let at = this.heapSize++;
    while (at > 0) {
      const parent = (at - 1) >> 1;
      const q = heap[parent]!;
      if (runFirstKey[q]! < key) break;
      heap[at] = q;
      at = parent;
    }
    heap[at] = run;
  }

  /** Places `run` from the root down. */
  private siftDown(run: number): void {
    const { heap, runFirstKey, heapSize } = this;
    const key = runFirstKey[run]!;
    let at = 0;
    for (;;) {
      let child = 2 * at + 1;
      if (child >= heapSize) break;
      let c = heap[child]!;
      let childKey = runFirstKey[c]!;
      if (child + 1 < heapSize) {
        const d = heap[child + 1]!;
        const dKey = runFirstKey[d]!;
        if (dKey < childKey) {
          child++;
          c = d;
          childKey = dKey;
        }
      }
      if (key < childKey) break;
      heap[at] = c;
      at = child;
    }
    heap[at] = run;
  }

  private growNodes(): void {
    const capacity = Math.min(this.maxCapacity, this.used + (this.used >> 1) + 16);
    const keys = new Float64Array(capacity);
    keys.set(this.keys);
    this.keys = keys;
    const link = new Int32Array(capacity);
    link.set(this.link);
    this.link = link;
  }

  private growRuns(): void {
    const n = this.runFirst.length * 2;
    const grow = <T extends Int32Array | Float64Array>(a: T, b: T): T => (b.set(a), b);
    this.runFirst = grow(this.runFirst, new Int32Array(n));
    this.runLastNode = grow(this.runLastNode, new Int32Array(n));
    this.runFirstKey = grow(this.runFirstKey, new Float64Array(n));
    this.runLastKey = grow(this.runLastKey, new Float64Array(n));
  }
}

class LargeMerge {
  parts: number;
  private readonly next: Int32Array;
  private readonly prev: Int32Array;
  private readonly rank: Int32Array;
  private readonly queue: KeyQueue;
  private readonly buf: Uint8Array;

  constructor(
    private readonly v: Vocab,
    buf: Uint8Array,
    private readonly len: number,
  ) {
    this.buf = buf.slice(0, len); // the scan reuses its buffer
    this.parts = len;
    this.next = new Int32Array(len);
    this.prev = new Int32Array(len);
    this.rank = new Int32Array(len);
    // Room for every initial pair plus some merges; grown (rarely) up to 2 keys per byte.
    this.queue = new KeyQueue(len + (len >> 2) + 16, 2 * len + 16);
  }

  /** Set-up (filling the arrays and queueing the first pairs) done up to this byte. */
  private at = 0;

  private prepare(deadline: number): boolean {
    const { next, prev, rank, queue, buf, len } = this;
    const pairRank = this.v.pairRank;
    while (this.at < len) {
      let p = this.at;
      const stop = Math.min(len, p + CHUNK);
      for (; p < stop; p++) {
        next[p] = p + 1;
        prev[p] = p - 1;
        const r = p + 1 < len ? pairRank[(buf[p]! << 8) | buf[p + 1]!]! : -1;
        rank[p] = r < 0 ? INF : r;
        if (r >= 0) queue.push(r * KEY_SCALE + p);
      }
      this.at = p;
      if (p < len && performance.now() > deadline) return false;
    }
    return true;
  }

  /** Merges until done (true) or past `deadline` (false). */
  run(deadline: number): boolean {
    if (this.at < this.len && !this.prepare(deadline)) return false;
    const { next, prev, rank, queue, v, buf, len } = this;
    let steps = 0;
    while (!queue.empty) {
      const key = queue.pop();
      // Integers again (| 0: both fit in 31 bits), so that the lookups stay on small ints.
      const r = Math.floor(key * INV_KEY_SCALE) | 0;
      const p = (key - r * KEY_SCALE) | 0;
      if (rank[p] !== r) continue; // stale: p is gone or its pair changed since
      const q = next[p]!;
      const e = next[q]!; // end of the merged part
      next[p] = e;
      if (e < len) prev[e] = p;
      rank[q] = INF;
      this.parts--;
      const now = e < len ? rankOrInf(v, buf, p, next[e]!) : INF;
      rank[p] = now;
      if (now !== INF) queue.push(now * KEY_SCALE + p);
      const before = prev[p]!;
      if (before >= 0) {
        const b = rankOrInf(v, buf, before, e);
        rank[before] = b;
        if (b !== INF) queue.push(b * KEY_SCALE + before);
      }
      if (++steps === 512) {
        steps = 0;
        if (performance.now() > deadline) break;
      }
    }
    return queue.empty;
  }
}
