// Deterministic inputs of the tokenizer benchmark (shared by the parent run and the
// fresh child processes that measure first passes).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './lib.mjs';
import { prng } from './prng.mjs';

/** ~1 MB of English prose: the paragraphs of Debian's licence texts, shuffled (seeded). */
export function prose(bytes, seed = 1) {
  const dir = '/usr/share/common-licenses';
  const texts = existsSync(dir)
    ? readdirSync(dir).map((f) => readFileSync(join(dir, f), 'utf8'))
    : [readFileSync(join(ROOT, 'README.md'), 'utf8')];
  const paragraphs = texts.flatMap((t) => t.split(/\n\s*\n/)).filter((p) => p.trim().length > 40);
  const r = prng(seed);
  let out = '';
  while (out.length < bytes) out += paragraphs[Math.floor(r() * paragraphs.length)] + '\n\n';
  return out.slice(0, bytes);
}

/** 200 KiB of real source code: Dexie's unminified ES module build. */
function code(bytes, from = 0) {
  let src = readFileSync(join(ROOT, 'node_modules/dexie/dist/dexie.mjs'), 'utf8');
  while (src.length < from + bytes) src += src;
  return src.slice(from, from + bytes);
}

function base64(bytes, seed = 2) {
  const r = prng(seed);
  const raw = Buffer.alloc(Math.ceil((bytes * 3) / 4));
  for (let i = 0; i < raw.length; i++) raw[i] = Math.floor(r() * 256);
  return raw.toString('base64').slice(0, bytes);
}

/** The benchmark's inputs, by label. */
export function inputs() {
  return {
    '1 MB English prose': prose(1_000_000),
    '200 KiB source code': code(200 * 1024),
    '1 MB base64': base64(1_000_000),
    '100 KB one repeated char': 'a'.repeat(100_000),
  };
}

/**
 * Different texts of the same kinds, counted once by every engine before the measured
 * inputs: a "first pass" then means a text the process has not seen, in a process that
 * has already counted other text (as the worker has after its first messages).
 */
export function warmUpInputs() {
  return {
    prose: prose(200_000, 9),
    code: code(40 * 1024, 200 * 1024),
    base64: base64(100_000, 3),
    repeated: 'b'.repeat(20_000), // (js-tiktoken skips this kind: quadratic)
  };
}
