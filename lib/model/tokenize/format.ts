/**
 * The compact rank table Tokenprint ships instead of js-tiktoken's rank text, and the
 * character classes the pre-tokenizer scans with. Shared by the build-time generator
 * (build-table.ts) and the runtime loader (vocab.ts); pure, no I/O.
 *
 * Layout (little-endian):
 *   u32 magic 'TKP1' | u32 format | u32 encodingId | u32 nTokens | u32 blobLength |
 *   u32 nRanges | u32 slotCount | u32 0
 *   u8[nTokens]    byte length of each token, in rank order (ranks are 0..nTokens-1, contiguous)
 *   u8[blobLength] the tokens' bytes, concatenated in rank order
 *   pad to 4 bytes
 *   i32[slotCount] the hash table over the tokens' bytes (vocab.ts slotEntry: rank + 1 and
 *                  a hash tag, 0 = empty),
 *                  precomputed so loading does not hash 200k tokens
 *   u32[nRanges]   first code point of each character-class range (ascending; first is 0)
 *   u8[nRanges]    the class of that range (C_* below)
 *
 * Larger than js-tiktoken's base64 rank text, but used as typed-array views at once instead
 * of being parsed into a Map of 200k strings.
 */

export const TABLE_MAGIC = 0x31504b54; // 'TKP1'
/** Bump when the layout or the class definitions change (stale cached tables are rebuilt). */
export const TABLE_FORMAT = 3;
export const HEADER_BYTES = 32;

/** Hash slots for n tokens: a power of two ≥ 2n (load ≤ 0.5, so a miss is short). */
export function slotCount(n: number): number {
  let cap = 1;
  while (cap < n * 2) cap <<= 1;
  return cap;
}

export function align4(n: number): number {
  return (n + 3) & ~3;
}

/** The two tiktoken encodings Tokenprint counts with. */
export type Encoding = 'o200k_base' | 'cl100k_base';
export const ENCODING_IDS: Readonly<Record<Encoding, number>> = { o200k_base: 1, cl100k_base: 2 };

/**
 * Character classes, chosen so that every character-class test in the two tiktoken
 * patterns is a union of them:
 *   \p{L} = UPPER|LOWER|OTHER_LETTER; \p{N} = NUMBER; \s = SPACE|CR|LF;
 *   o200k's [\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}] = UPPER|OTHER_LETTER|MARK,
 *   o200k's [\p{Ll}\p{Lm}\p{Lo}\p{M}] = LOWER|OTHER_LETTER|MARK
 * (plain numbers rather than a const enum: they are read in the scanner's hot loops).
 * Unpaired surrogates (JS strings may hold them) fall in C_OTHER, as in the `u`-flag regex.
 */
export const C_OTHER = 0;
/** Lu, Lt */
export const C_UPPER = 1;
/** Ll */
export const C_LOWER = 2;
/** Lm, Lo (CJK ideographs, kana, Thai… are Lo) */
export const C_OTHER_LETTER = 3;
/** Mn, Mc, Me (combining marks) */
export const C_MARK = 4;
/** Nd, Nl, No */
export const C_NUMBER = 5;
/** \s other than \r and \n */
export const C_SPACE = 6;
export const C_CR = 7;
export const C_LF = 8;

/**
 * js-tiktoken's pre-tokenization patterns (its rank files' `pat_str`), which the
 * hand-written scanners in scan.ts implement. The table generator refuses to build if
 * js-tiktoken ever ships a different pattern, so a scanner can never silently drift.
 */
export const EXPECTED_PATTERNS: Readonly<Record<Encoding, string>> = {
  o200k_base:
    "[^\\r\\n\\p{L}\\p{N}]?[\\p{Lu}\\p{Lt}\\p{Lm}\\p{Lo}\\p{M}]*[\\p{Ll}\\p{Lm}\\p{Lo}\\p{M}]+('s|'S|'t|'T|'re|'rE|'Re|'RE|'ve|'vE|'Ve|'VE|'m|'M|'ll|'lL|'Ll|'LL|'d|'D)?|[^\\r\\n\\p{L}\\p{N}]?[\\p{Lu}\\p{Lt}\\p{Lm}\\p{Lo}\\p{M}]+[\\p{Ll}\\p{Lm}\\p{Lo}\\p{M}]*('s|'S|'t|'T|'re|'rE|'Re|'RE|'ve|'vE|'Ve|'VE|'m|'M|'ll|'lL|'Ll|'LL|'d|'D)?|\\p{N}{1,3}| ?[^\\s\\p{L}\\p{N}]+[\\r\\n/]*|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+",
  cl100k_base:
    "('s|'S|'t|'T|'re|'rE|'Re|'RE|'ve|'vE|'Ve|'VE|'m|'M|'ll|'lL|'Ll|'LL|'d|'D)|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+|\\p{N}{1,3}| ?[^\\s\\p{L}\\p{N}]+[\\r\\n]*|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+",
};
