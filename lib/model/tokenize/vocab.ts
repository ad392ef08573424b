import {
  align4,
  ENCODING_IDS,
  HEADER_BYTES,
  TABLE_FORMAT,
  TABLE_MAGIC,
  slotCount,
  type Encoding,
} from './format';

/**
 * A rank table in memory: the tokens' bytes in one blob, and an open-addressing hash
 * table over those bytes, so a piece's rank is found from its UTF-8 bytes without
 * building a JavaScript string per piece (js-tiktoken joins the bytes into a string key).
 */
export interface Vocab {
  encoding: Encoding;
  /** Number of ordinary tokens (ranks 0..size-1). */
  size: number;
  /** Longest token, in bytes: no longer byte run can have a rank. */
  maxTokenBytes: number;
  blob: Uint8Array;
  /** offsets[r]..offsets[r+1] is token r's bytes in `blob`. */
  offsets: Uint32Array;
  /** Hash slots: slotEntry(rank, hash), 0 for empty. */
  slots: Int32Array;
  mask: number;
  /** Rank of every two-byte sequence (hi << 8 | lo), or -1: the BPE's first round. */
  pairRank: Int32Array;
  /**
   * A one-hash Bloom filter (2^21 bits) of the 3- and 4-byte ASCII tokens, keyed by
   * shortKey: most such byte runs a merge asks about are not tokens (random letters,
   * base64), and this answers "no" for ~98 % of them without hashing and probing.
   */
  shortFilter: Int32Array;
  /** Rank of every single byte (all 256 are tokens in both encodings). */
  byteRank: Int32Array;
  /** Character class (format.ts C_*) of every code point 0..0x10FFFF. */
  classes: Uint8Array;
}

/** FNV-1a step over one byte; the caller finishes with `slotOf`. */
export function hashStep(h: number, byte: number): number {
  return Math.imul(h ^ byte, 0x01000193);
}
export const HASH_SEED = 0x811c9dc5 | 0;

/** A finished hash (a murmur-style finaliser spreads FNV's low bits): its low bits pick the slot. */
export function finish(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  return h ^ (h >>> 13);
}

/**
 * A slot holds rank + 1 in its low RANK_BITS and the finished hash's top bits above them
 * (0: empty). A lookup skips a slot whose tag differs without reading the token's bytes,
 * so a miss (most lookups of a merge) reads one spot of the table instead of ~2–3.
 */
export const RANK_BITS = 18;
const RANK_MASK = (1 << RANK_BITS) - 1;

/** Slot entry of the token of rank `r` whose finished hash is `f`. */
export function slotEntry(r: number, f: number): number {
  return ((f >>> RANK_BITS) << RANK_BITS) | (r + 1);
}

/** Bit of `shortFilter` for a 3- or 4-byte ASCII run packed 7 bits a byte (`packed`), of `len` bytes. */
export function shortKey(packed: number, len: number): number {
  return Math.imul(packed ^ (len << 28), 0x9e3779b1) >>> 11;
}

/** True when typed arrays are little-endian (the table's byte order): every platform we run on. */
const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/**
 * Loads a table built by build-table.ts: the token bytes and hash slots are used in place
 * (views, no copy, no hashing); offsets, the one- and two-byte ranks and the class table
 * are filled in a few linear passes.
 */
export function parseTable(bytes: Uint8Array, encoding: Encoding): Vocab {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const u32 = (i: number) => view.getUint32(i * 4, true);
  if (u32(0) !== TABLE_MAGIC || u32(1) !== TABLE_FORMAT || u32(2) !== ENCODING_IDS[encoding]) {
    throw new Error(`tokenize: ${encoding} rank table has the wrong format or encoding`);
  }
  const size = u32(3);
  const blobLength = u32(4);
  const nRanges = u32(5);
  const cap = u32(6);
  if (cap !== slotCount(size)) throw new Error(`tokenize: ${encoding} rank table is corrupt`);
  const lengths = bytes.subarray(HEADER_BYTES, HEADER_BYTES + size);
  const blob = bytes.subarray(HEADER_BYTES + size, HEADER_BYTES + size + blobLength);
  const slotsAt = align4(HEADER_BYTES + size + blobLength);
  const rangesAt = slotsAt + cap * 4;
  let slots: Int32Array;
  if (LITTLE_ENDIAN && (bytes.byteOffset + slotsAt) % 4 === 0) {
    slots = new Int32Array(bytes.buffer, bytes.byteOffset + slotsAt, cap);
  } else {
    slots = new Int32Array(cap);
    for (let i = 0; i < cap; i++) slots[i] = view.getInt32(slotsAt + i * 4, true);
  }

  const offsets = new Uint32Array(size + 1);
  const pairRank = new Int32Array(65536).fill(-1);
  const byteRank = new Int32Array(256).fill(-1);
  const shortFilter = new Int32Array(1 << 16);
  let maxTokenBytes = 0;
  let at = 0;
  for (let r = 0; r < size; r++) {
    const len = lengths[r]!;
    offsets[r] = at;
    if (len > maxTokenBytes) maxTokenBytes = len;
    if (len === 1) byteRank[blob[at]!] = r;
    else if (len === 2) pairRank[(blob[at]! << 8) | blob[at + 1]!] = r;
    else if (len <= 4) {
      let packed = 0;
      let high = 0;
      for (let k = at; k < at + len; k++) {
        packed = (packed << 7) | blob[k]!;
        high |= blob[k]!;
      }
      if (high < 0x80) {
        const bit = shortKey(packed, len);
        shortFilter[bit >>> 5] = shortFilter[bit >>> 5]! | (1 << (bit & 31));
      }
    }
    at += len;
  }
  offsets[size] = at;

  const classes = new Uint8Array(0x110000);
  const classOf = bytes.subarray(rangesAt + nRanges * 4, rangesAt + nRanges * 5);
  for (let i = 0; i < nRanges; i++) {
    const start = view.getUint32(rangesAt + i * 4, true);
    const end = i + 1 < nRanges ? view.getUint32(rangesAt + (i + 1) * 4, true) : 0x110000;
    if (classOf[i] !== 0) classes.fill(classOf[i]!, start, end);
  }
  return {
    encoding,
    size,
    maxTokenBytes,
    blob,
    offsets,
    slots,
    mask: cap - 1,
    pairRank,
    shortFilter,
    byteRank,
    classes,
  };
}

/** Rank of bytes buf[start..start+len), or -1; `h` is their hash (HASH_SEED + hashStep). */
export function lookup(v: Vocab, buf: Uint8Array, start: number, len: number, h: number): number {
  const { slots, offsets, blob, mask } = v;
  const f = finish(h);
  const tag = f >>> RANK_BITS;
  let s = f & mask;
  for (;;) {
    const e = slots[s]!;
    if (e === 0) return -1;
    if (e >>> RANK_BITS === tag) {
      const r = (e & RANK_MASK) - 1;
      const off = offsets[r]!;
      if (offsets[r + 1]! - off === len) {
        let k = 0;
        while (k < len && blob[off + k] === buf[start + k]) k++;
        if (k === len) return r;
      }
    }
    s = (s + 1) & mask;
  }
}

/**
 * True when buf[start..end), 3 or 4 bytes, is surely not a token (shortFilter says no);
 * false when it may be one (or is not ASCII): then look it up.
 */
export function notShortToken(v: Vocab, buf: Uint8Array, start: number, end: number): boolean {
  let packed = 0;
  let high = 0;
  for (let k = start; k < end; k++) {
    packed = (packed << 7) | buf[k]!;
    high |= buf[k]!;
  }
  if (high >= 0x80) return false;
  const bit = shortKey(packed, end - start);
  return (v.shortFilter[bit >>> 5]! & (1 << (bit & 31))) === 0;
}

/** Rank of bytes buf[start..end), or -1 (hashes them first). */
export function rankOf(v: Vocab, buf: Uint8Array, start: number, end: number): number {
  const len = end - start;
  if (len === 2) return v.pairRank[(buf[start]! << 8) | buf[start + 1]!]!;
  if (len > v.maxTokenBytes) return -1;
  if (len === 1) return v.byteRank[buf[start]!]!;
  if (len <= 4 && notShortToken(v, buf, start, end)) return -1;
  let h = HASH_SEED;
  for (let k = start; k < end; k++) h = hashStep(h, buf[k]!);
  return lookup(v, buf, start, len, h);
}
