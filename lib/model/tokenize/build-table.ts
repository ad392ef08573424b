import {
  align4,
  C_CR,
  C_LF,
  C_LOWER,
  C_MARK,
  C_NUMBER,
  C_OTHER,
  C_OTHER_LETTER,
  C_SPACE,
  C_UPPER,
  ENCODING_IDS,
  EXPECTED_PATTERNS,
  HEADER_BYTES,
  TABLE_FORMAT,
  TABLE_MAGIC,
  slotCount,
  type Encoding,
} from './format';
import { finish, HASH_SEED, hashStep, RANK_BITS, slotEntry } from './vocab';

/**
 * Build-time generator of the compact rank table (layout in format.ts), from the text of
 * js-tiktoken's rank module (`export default {"pat_str":…,"bpe_ranks":…}`), so the data
 * is exactly js-tiktoken's published ranks. Pure: the caller reads and writes the files.
 */
export function buildTable(encoding: Encoding, rankModuleText: string): Uint8Array {
  const json = rankModuleText.slice(
    rankModuleText.indexOf('{'),
    rankModuleText.lastIndexOf('}') + 1,
  );
  const ranks = JSON.parse(json) as { pat_str: string; bpe_ranks: string };
  if (ranks.pat_str !== EXPECTED_PATTERNS[encoding]) {
    throw new Error(
      `js-tiktoken's ${encoding} pre-tokenization pattern changed; lib/model/tokenize/scan.ts must be reviewed`,
    );
  }

  // bpe_ranks: lines of "<prefix> <first rank> <base64 token> <base64 token> …".
  const tokens: Uint8Array[] = [];
  for (const line of ranks.bpe_ranks.split('\n')) {
    if (!line) continue;
    const fields = line.split(' ');
    const first = Number.parseInt(fields[1]!, 10);
    for (let i = 2; i < fields.length; i++) tokens[first + i - 2] = base64Bytes(fields[i]!);
  }
  let blobLength = 0;
  for (let r = 0; r < tokens.length; r++) {
    const t = tokens[r];
    if (!t) throw new Error(`${encoding}: rank ${r} missing (ranks are expected to be contiguous)`);
    if (t.length > 255) throw new Error(`${encoding}: token ${r} longer than 255 bytes`);
    blobLength += t.length;
  }

  if (tokens.length >= 1 << RANK_BITS) throw new Error(`${encoding}: too many ranks for a slot`);
  const { starts, classes } = classRanges();
  const n = tokens.length;
  const cap = slotCount(n);
  const slotsAt = align4(HEADER_BYTES + n + blobLength);
  const rangesAt = slotsAt + cap * 4;
  const out = new Uint8Array(rangesAt + starts.length * 5);
  const view = new DataView(out.buffer);
  const header = [
    TABLE_MAGIC,
    TABLE_FORMAT,
    ENCODING_IDS[encoding],
    n,
    blobLength,
    starts.length,
    cap,
    0,
  ];
  header.forEach((v, i) => view.setUint32(i * 4, v, true));
  let at = HEADER_BYTES + n;
  const slots = new Int32Array(cap);
  for (let r = 0; r < n; r++) {
    const t = tokens[r]!;
    out[HEADER_BYTES + r] = t.length;
    out.set(t, at);
    at += t.length;
    let h = HASH_SEED;
    for (const b of t) h = hashStep(h, b);
    const f = finish(h);
    let s = f & (cap - 1);
    while (slots[s] !== 0) s = (s + 1) & (cap - 1);
    slots[s] = slotEntry(r, f);
  }
  for (let i = 0; i < cap; i++) view.setInt32(slotsAt + i * 4, slots[i]!, true);
  for (let i = 0; i < starts.length; i++) view.setUint32(rangesAt + i * 4, starts[i]!, true);
  out.set(classes, rangesAt + starts.length * 4);
  return out;
}

function base64Bytes(s: string): Uint8Array {
  const bin = atob(s);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/**
 * The class of every code point, asked of the JavaScript regex engine itself with the
 * same property escapes js-tiktoken's pattern uses, so the scanner agrees with the
 * `u`-flag regex of the Node that builds the table. Run-length encoded: ~4k ranges.
 */
function classRanges(): { starts: number[]; classes: number[] } {
  const upper = /^[\p{Lu}\p{Lt}]$/u;
  const lower = /^\p{Ll}$/u;
  const otherLetter = /^[\p{Lm}\p{Lo}]$/u;
  const mark = /^\p{M}$/u;
  const number = /^\p{N}$/u;
  const space = /^\s$/u;
  const starts: number[] = [];
  const classes: number[] = [];
  let last = -1;
  for (let cp = 0; cp <= 0x10ffff; cp++) {
    const ch = String.fromCodePoint(cp);
    const c =
      cp === 13
        ? C_CR
        : cp === 10
          ? C_LF
          : upper.test(ch)
            ? C_UPPER
            : lower.test(ch)
              ? C_LOWER
              : otherLetter.test(ch)
                ? C_OTHER_LETTER
                : mark.test(ch)
                  ? C_MARK
                  : number.test(ch)
                    ? C_NUMBER
                    : space.test(ch)
                      ? C_SPACE
                      : C_OTHER;
    if (c !== last) {
      starts.push(cp);
      classes.push(c);
      last = c;
    }
  }
  return { starts, classes };
}
