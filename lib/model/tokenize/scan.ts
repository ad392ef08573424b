import {
  C_CR,
  C_LF,
  C_LOWER,
  C_MARK,
  C_NUMBER,
  C_OTHER,
  C_OTHER_LETTER,
  C_SPACE,
  C_UPPER,
} from './format';

/**
 * Hand-written pre-tokenizers, equivalent to js-tiktoken's `u`-flag regexes (quoted in
 * format.ts) and several times faster: each returns the end (UTF-16 index) of the piece the
 * regex's `matchAll` would produce from `i`; each branch is one alternative, in the pattern's
 * order, with the regex's backtracking in closed form. tests/unit/tokenize/ checks exactness.
 * `cls` is the per-code-point class table (Vocab.classes).
 */

/** Marks "past the end of the text": a class no character set below contains. */
const END = 31;

const bit = (c: number) => 1 << c;
/** o200k [\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}] */
const UP = bit(C_UPPER) | bit(C_OTHER_LETTER) | bit(C_MARK);
/** o200k [\p{Ll}\p{Lm}\p{Lo}\p{M}] */
const LO = bit(C_LOWER) | bit(C_OTHER_LETTER) | bit(C_MARK);
/** \p{L} */
const LETTER = bit(C_UPPER) | bit(C_LOWER) | bit(C_OTHER_LETTER);
/** [^\r\n\p{L}\p{N}] (marks are neither letters nor numbers) */
const PREFIX = bit(C_OTHER) | bit(C_MARK) | bit(C_SPACE);
/** [^\s\p{L}\p{N}] */
const PUNCT = bit(C_OTHER) | bit(C_MARK);
/** \s */
const SPACE = bit(C_SPACE) | bit(C_CR) | bit(C_LF);
const NEWLINE = bit(C_CR) | bit(C_LF);

/** Width (1 or 2 UTF-16 units) of the code point last classified by `classAt`. */
let width = 1;

/** Class of the code point at `i` (END past the end); sets `width`. */
function classAt(text: string, i: number, n: number, cls: Uint8Array): number {
  if (i >= n) {
    width = 0;
    return END;
  }
  const c = text.charCodeAt(i);
  if (c < 0xd800 || c > 0xdfff) {
    width = 1;
    return cls[c]!;
  }
  if (c <= 0xdbff && i + 1 < n) {
    const d = text.charCodeAt(i + 1);
    if (d >= 0xdc00 && d <= 0xdfff) {
      width = 2;
      return cls[((c - 0xd800) << 10) + (d - 0xdc00) + 0x10000]!;
    }
  }
  width = 1; // an unpaired surrogate: a code point of its own that no \p class contains
  return C_OTHER;
}

/** End of the run of code points whose class is in `mask`, from `j`. */
function runEnd(text: string, j: number, n: number, cls: Uint8Array, mask: number): number {
  while ((mask >> classAt(text, j, n, cls)) & 1) j += width;
  return j;
}

/** ('s|'t|'re|'ve|'m|'ll|'d) in any letter case, as listed in the patterns: end after it, or j. */
function contraction(text: string, j: number, n: number): number {
  if (j + 1 >= n || text.charCodeAt(j) !== 39) return j;
  const a = text.charCodeAt(j + 1) | 0x20; // ASCII lower case; non-ASCII stays non-ASCII
  if (a === 115 || a === 116 || a === 109 || a === 100) return j + 2; // s t m d
  if (j + 2 >= n) return j;
  const b = text.charCodeAt(j + 2) | 0x20;
  if ((a === 114 || a === 118) && b === 101) return j + 3; // re ve
  if (a === 108 && b === 108) return j + 3; // ll
  return j;
}

/**
 * Whitespace at `i`: `\s*[\r\n]+` (up to the last newline of the run), else
 * `\s+(?!\S)` (the run minus its last character, or all of it at the end of the text),
 * else `\s+`. Whitespace characters are all in the BMP.
 */
function whitespace(text: string, i: number, n: number, cls: Uint8Array): number {
  let j = i;
  let afterNewline = -1;
  for (;;) {
    const c = classAt(text, j, n, cls);
    if (!((SPACE >> c) & 1)) break;
    j++;
    if ((NEWLINE >> c) & 1) afterNewline = j;
  }
  if (afterNewline >= 0) return afterNewline;
  if (j >= n || j - i < 2) return j;
  return j - 1;
}

/** ` ?[^\s\p{L}\p{N}]+` then `[\r\n]*` (cl100k) or `[\r\n/]*` (o200k); -1 if no match. */
function punctuation(
  text: string,
  i: number,
  n: number,
  cls: Uint8Array,
  c0: number,
  slash: boolean,
): number {
  let j = i;
  if (text.charCodeAt(i) === 32) {
    if (!((PUNCT >> classAt(text, i + 1, n, cls)) & 1)) return -1;
    j = i + 1;
  } else if (!((PUNCT >> c0) & 1)) return -1;
  j = runEnd(text, j, n, cls, PUNCT);
  for (; j < n; j++) {
    const c = text.charCodeAt(j);
    if (c !== 13 && c !== 10 && !(slash && c === 47)) break;
  }
  return j;
}

/** `\p{N}{1,3}` */
function digits(text: string, i: number, n: number, cls: Uint8Array): number {
  let j = i;
  for (let k = 0; k < 3 && classAt(text, j, n, cls) === C_NUMBER; k++) j += width;
  return j;
}

/**
 * o200k alternative 1 from `s` (after its optional prefix):
 * `[UP]*[LO]+(contraction)?`. [UP]* is greedy; when the next character is not lower
 * case, the regex backtracks to the last character of the run that is also in [LO]
 * (Lm, Lo or a mark) and [LO]+ ends right after it. -1 if there is none.
 */
function o200kLowerTail(text: string, s: number, n: number, cls: Uint8Array): number {
  let j = s;
  let afterLastLo = -1;
  for (;;) {
    const c = classAt(text, j, n, cls);
    if ((UP >> c) & 1) {
      j += width;
      if (c !== C_UPPER) afterLastLo = j;
    } else if (c === C_LOWER) {
      return contraction(text, runEnd(text, j + width, n, cls, LO), n);
    } else {
      return afterLastLo < 0 ? -1 : contraction(text, afterLastLo, n);
    }
  }
}

/** o200k alternative 2 from `s`: `[UP]+[LO]*(contraction)?`; -1 if no [UP] at `s`. */
function o200kUpperHead(text: string, s: number, n: number, cls: Uint8Array): number {
  const j = runEnd(text, s, n, cls, UP);
  if (j === s) return -1;
  return contraction(text, runEnd(text, j, n, cls, LO), n);
}

/** End of the o200k_base piece starting at `i` (< n). */
export function o200kPiece(text: string, i: number, n: number, cls: Uint8Array): number {
  const c0 = classAt(text, i, n, cls);
  const w0 = width;
  const hasPrefix = (PREFIX >> c0) & 1;
  let r: number;
  // Alternative 1, with then without the optional prefix character; then alternative 2.
  if (hasPrefix && (r = o200kLowerTail(text, i + w0, n, cls)) >= 0) return r;
  if (((UP | LO) >> c0) & 1 && (r = o200kLowerTail(text, i, n, cls)) >= 0) return r;
  if (hasPrefix && (r = o200kUpperHead(text, i + w0, n, cls)) >= 0) return r;
  if ((UP >> c0) & 1) return o200kUpperHead(text, i, n, cls);
  if (c0 === C_NUMBER) return digits(text, i, n, cls);
  if ((r = punctuation(text, i, n, cls, c0, true)) >= 0) return r;
  return whitespace(text, i, n, cls);
}

/** End of the cl100k_base piece starting at `i` (< n). */
export function cl100kPiece(text: string, i: number, n: number, cls: Uint8Array): number {
  let r = contraction(text, i, n);
  if (r > i) return r;
  const c0 = classAt(text, i, n, cls);
  const w0 = width;
  if ((PREFIX >> c0) & 1 && (LETTER >> classAt(text, i + w0, n, cls)) & 1) {
    return runEnd(text, i + w0, n, cls, LETTER);
  }
  if ((LETTER >> c0) & 1) return runEnd(text, i, n, cls, LETTER);
  if (c0 === C_NUMBER) return digits(text, i, n, cls);
  if ((r = punctuation(text, i, n, cls, c0, false)) >= 0) return r;
  return whitespace(text, i, n, cls);
}

export type PieceScanner = typeof o200kPiece;
