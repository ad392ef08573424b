import { Tiktoken } from 'js-tiktoken/lite';
import o200k from 'js-tiktoken/ranks/o200k_base';
import cl100k from 'js-tiktoken/ranks/cl100k_base';

/** The two tiktoken encodings Tokenprint counts with. */
export type Encoding = 'o200k_base' | 'cl100k_base';

// Walking-skeleton version: js-tiktoken's own encoder. Static imports, because
// `import()` is disallowed in service workers (the MV3 background). The encoder itself
// is built lazily, on first use. (Issue #4 replaces the engine and the rank loading.)
const encoders = new Map<Encoding, Tiktoken>();

/** Exact tiktoken token count of `text` in `encoding`. */
export async function countTokens(text: string, encoding: Encoding): Promise<number> {
  let enc = encoders.get(encoding);
  if (!enc) {
    enc = new Tiktoken(encoding === 'o200k_base' ? o200k : cl100k);
    encoders.set(encoding, enc);
  }
  return enc.encode(text, [], []).length;
}
