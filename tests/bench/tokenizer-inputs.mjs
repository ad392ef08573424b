// Deterministic inputs of the tokenizer benchmark (shared by the parent run and the
// fresh child processes that measure first passes).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './lib.mjs';
import { prng } from './prng.mjs';

/** ~1 MB of English prose: the paragraphs of Debian's licence texts, shuffled (seeded). */
export function prose(bytes) {
  const dir = '/usr/share/common-licenses';
  const texts = existsSync(dir)
    ? readdirSync(dir).map((f) => readFileSync(join(dir, f), 'utf8'))
    : [readFileSync(join(ROOT, 'README.md'), 'utf8')];
  const paragraphs = texts.flatMap((t) => t.split(/\n\s*\n/)).filter((p) => p.trim().length > 40);
  const r = prng(1);
  let out = '';
  while (out.length < bytes) out += paragraphs[Math.floor(r() * paragraphs.length)] + '\n\n';
  return out.slice(0, bytes);
}

/** 200 KiB of real source code: Dexie's unminified ES module build. */
function code(bytes) {
  let src = readFileSync(join(ROOT, 'node_modules/dexie/dist/dexie.mjs'), 'utf8');
  while (src.length < bytes) src += src;
  return src.slice(0, bytes);
}

function base64(bytes) {
  const r = prng(2);
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
