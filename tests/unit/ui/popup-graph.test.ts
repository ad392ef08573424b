import { build, type Metafile } from 'esbuild';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The modules the popup evaluates before its first paint: the static import graph of its
 * entry, as esbuild splits it (the dynamic imports, loaded after that paint, in chunks of
 * their own). esbuild is Vite's own bundler, already installed (tests/bench/lib.mjs uses it
 * too).
 */
async function popupGraph(): Promise<{ first: Set<string>; lazy: Set<string> }> {
  const root = resolve(__dirname, '../../..');
  const { metafile } = await build({
    absWorkingDir: root,
    entryPoints: ['entrypoints/popup/main.tsx'],
    bundle: true,
    splitting: true,
    format: 'esm',
    outdir: 'out',
    write: false,
    metafile: true,
    jsx: 'automatic',
    jsxImportSource: 'preact',
    logLevel: 'silent',
  });
  const outputs: Metafile['outputs'] = metafile.outputs;
  const entry = Object.keys(outputs).find((o) => outputs[o]!.entryPoint)!;
  const walk = (from: string[], kinds: string[]) => {
    const seen = new Set<string>();
    const stack = [...from];
    while (stack.length) {
      const o = stack.pop()!;
      if (seen.has(o)) continue;
      seen.add(o);
      for (const i of outputs[o]!.imports) if (kinds.includes(i.kind)) stack.push(i.path);
    }
    return seen;
  };
  const inputsOf = (chunks: Set<string>) =>
    new Set([...chunks].flatMap((o) => Object.keys(outputs[o]!.inputs)));
  const firstChunks = walk([entry], ['import-statement']);
  const all = walk([entry], ['import-statement', 'dynamic-import']);
  const first = inputsOf(firstChunks);
  const lazy = new Set([...inputsOf(all)].filter((i) => !first.has(i)));
  return { first, lazy };
}

describe("the popup's first paint", () => {
  it('evaluates neither Dexie nor the database schema: they load after that paint', async () => {
    const { first, lazy } = await popupGraph();
    const dexie = (s: Set<string>) => [...s].filter((i) => /node_modules\/dexie\//.test(i));
    // The graph is the real one: the chart, the carbon model and the early reads are in it.
    expect(first).toContain('components/shared/charts.tsx');
    expect(first).toContain('lib/model/carbon/estimate.ts');
    expect(first).toContain('components/shared/popup-reads.ts');
    expect(dexie(first)).toEqual([]);
    expect(first).not.toContain('lib/db/schema.ts');
    // …and they are still there, for following writes and the badge.
    expect(dexie(lazy).length).toBeGreaterThan(0);
    expect(lazy).toContain('lib/db/schema.ts');
    expect(lazy).toContain('lib/worker/badge.ts');
  }, 30_000);

  it('evaluates no region-name tables: they load after that paint, for the slopes subtitle', async () => {
    const { first, lazy } = await popupGraph();
    const names = (s: Set<string>) =>
      [...s].filter((i) => /node_modules\/(i18n-iso-countries|diacritics)\//.test(i));
    expect(first).toContain('lib/model/carbon/grid.ts'); // the intensities are needed…
    expect(names(first)).toEqual([]); // …their names are not
    expect(first).not.toContain('lib/model/carbon/regions.ts');
    expect(lazy).toContain('components/shared/region-names.ts');
    expect(names(lazy).length).toBeGreaterThan(0);
  }, 30_000);
});
