import type { PieceScanner } from './scan';
import { HASH_SEED, lookup, rankOf, type Vocab } from './vocab';

/**
 * Token counting: pre-tokenize (scan.ts), look each piece up whole, and byte-pair-merge
 * the pieces that are not one token, with exactly tiktoken's rule: repeatedly merge the
 * adjacent pair whose merged bytes have the lowest rank, the leftmost on ties.
 *
 * Short pieces use tiktoken's own quadratic loop (fastest for a few dozen bytes); longer
 * ones a binary heap keyed by (rank, position) over a linked list of parts, O(n log n),
 * so 100 KB of one repeated character takes milliseconds, not the 25 minutes js-tiktoken
 * needs. Long texts yield to the event loop between pieces (and inside a huge piece's
 * merge), so the worker is never busy for more than ~SLICE_MS at a time; where the text
 * is cut makes no difference to the count because the scan and the merge keep their state.
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
  const small = options.smallPieceBytes ?? SMALL_PIECE_BYTES;
  const sliceMs = options.sliceMs ?? SLICE_MS;
  const yieldNow = options.yieldNow ?? defaultYield;
  const s = newScratch();
  const cls = v.classes;
  const n = text.length;
  let total = 0;
  let i = 0;
  let sliceStart = performance.now();
  let sinceCheck = 0;
  while (i < n) {
    const j = scan(text, i, n, cls);
    if (s.buf.length < 3 * (j - i)) s.buf = new Uint8Array(3 * (j - i) + 1024);
    const len = encodeUtf8(text, i, j, s.buf);
    if (len <= v.maxTokenBytes && lookup(v, s.buf, 0, len, pieceHash) >= 0) total++;
    else if (len <= small) total += mergeSmall(v, s, len);
    else {
      const deadline = { at: sliceStart + sliceMs, yieldNow, sliceMs };
      total += await mergeLarge(v, s.buf, len, deadline);
      sliceStart = deadline.at - sliceMs;
    }
    i = j;
    if (++sinceCheck === 256) {
      sinceCheck = 0;
      if (performance.now() - sliceStart > sliceMs) {
        await yieldNow();
        sliceStart = performance.now();
      }
    }
  }
  return total;
}

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
  const { buf, starts, ranks } = s;
  const pairRank = v.pairRank;
  // Part k is buf[starts[k]..starts[k+1]); ranks[k] is the rank of parts k and k+1 merged.
  let parts = len;
  for (let k = 0; k <= len; k++) starts[k] = k;
  for (let k = 0; k < len - 1; k++) {
    const r = pairRank[(buf[k]! << 8) | buf[k + 1]!]!;
    ranks[k] = r < 0 ? INF : r;
  }
  for (;;) {
    let min = INF;
    let at = -1;
    for (let k = 0; k < parts - 1; k++) {
      if (ranks[k]! < min) {
        min = ranks[k]!;
        at = k;
      }
    }
    if (at < 0) return parts;
    starts.copyWithin(at + 1, at + 2, parts + 1);
    ranks.copyWithin(at + 1, at + 2, parts - 1);
    parts--;
    ranks[at] = at + 1 < parts ? rankOrInf(v, buf, starts[at]!, starts[at + 2]!) : INF;
    if (at > 0) ranks[at - 1] = rankOrInf(v, buf, starts[at - 1]!, starts[at + 1]!);
  }
}

function rankOrInf(v: Vocab, buf: Uint8Array, start: number, end: number): number {
  const r = rankOf(v, buf, start, end);
  return r < 0 ? INF : r;
}

interface Deadline {
  at: number;
  sliceMs: number;
  yieldNow: () => Promise<void>;
}

/**
 * The O(n log n) merge: parts form a doubly linked list over byte offsets; each live
 * part p with a mergeable right neighbour sits in an indexed binary min-heap keyed by
 * (rank[p], p): the lowest rank, then the leftmost part — tiktoken's choice at each step.
 * Memory: five Int32Arrays of the piece's byte length.
 */
async function mergeLarge(
  v: Vocab,
  buf: Uint8Array,
  len: number,
  deadline: Deadline,
): Promise<number> {
  const next = new Int32Array(len);
  const prev = new Int32Array(len);
  const rank = new Int32Array(len);
  const heap = new Int32Array(len);
  const slot = new Int32Array(len).fill(-1);
  const pairRank = v.pairRank;
  let size = 0;

  const less = (a: number, b: number) => rank[a]! < rank[b]! || (rank[a] === rank[b] && a < b);
  const place = (p: number, at: number) => {
    heap[at] = p;
    slot[p] = at;
  };
  const up = (at: number) => {
    const p = heap[at]!;
    while (at > 0) {
      const parent = (at - 1) >> 1;
      const q = heap[parent]!;
      if (!less(p, q)) break;
      place(q, at);
      at = parent;
    }
    place(p, at);
  };
  const down = (at: number) => {
    const p = heap[at]!;
    for (;;) {
      let child = 2 * at + 1;
      if (child >= size) break;
      if (child + 1 < size && less(heap[child + 1]!, heap[child]!)) child++;
      const q = heap[child]!;
      if (!less(q, p)) break;
      place(q, at);
      at = child;
    }
    place(p, at);
  };
  const remove = (p: number) => {
    const at = slot[p]!;
    slot[p] = -1;
    size--;
    if (at === size) return;
    const last = heap[size]!;
    place(last, at);
    up(at);
    down(slot[last]!);
  };
  /** Re-keys p after rank[p] changed (inserting or removing it as needed). */
  const rekey = (p: number) => {
    if (rank[p] === INF) {
      if (slot[p]! >= 0) remove(p);
    } else if (slot[p]! < 0) {
      place(p, size++);
      up(size - 1);
    } else {
      up(slot[p]!);
      down(slot[p]!);
    }
  };

  for (let p = 0; p < len; p++) {
    next[p] = p + 1;
    prev[p] = p - 1;
    const r = p + 1 < len ? pairRank[(buf[p]! << 8) | buf[p + 1]!]! : -1;
    rank[p] = r < 0 ? INF : r;
    if (r >= 0) place(p, size++);
  }
  for (let at = (size >> 1) - 1; at >= 0; at--) down(at);

  let parts = len;
  let steps = 0;
  while (size > 0) {
    const p = heap[0]!;
    const q = next[p]!;
    const r = next[q]!; // end of the merged part
    // Merge q into p.
    if (slot[q]! >= 0) remove(q);
    rank[q] = INF;
    next[p] = r;
    if (r < len) prev[r] = p;
    parts--;
    rank[p] = r < len ? rankOrInf(v, buf, p, next[r]!) : INF;
    rekey(p);
    const before = prev[p]!;
    if (before >= 0) {
      rank[before] = rankOrInf(v, buf, before, r);
      rekey(before);
    }
    if (++steps === 4096) {
      steps = 0;
      if (performance.now() > deadline.at) {
        await deadline.yieldNow();
        deadline.at = performance.now() + deadline.sliceMs;
      }
    }
  }
  return parts;
}
