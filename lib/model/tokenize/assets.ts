import { TABLE_PATH } from './index';
import { ensureTableFile } from './node-data';
import type { Encoding } from './format';

/**
 * The rank tables as WXT public assets (for the `build:publicAssets` hook in
 * wxt.config.ts): generated once into node_modules/.cache/tokenprint/, then copied into
 * the build at /tokenizer/<encoding>.bin, where countTokens fetches them.
 */
export function tokenizerAssets(): { absoluteSrc: string; relativeDest: string }[] {
  return (Object.keys(TABLE_PATH) as Encoding[]).map((encoding) => ({
    absoluteSrc: ensureTableFile(encoding),
    relativeDest: TABLE_PATH[encoding].slice(1),
  }));
}
