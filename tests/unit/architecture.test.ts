import { readFileSync, readdirSync, statSync, existsSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

// The house rules a reviewer would check by hand (issue "a house a newcomer can live in").
const ROOT = resolve(__dirname, '../..');
const ROOMS = ['lib', 'components', 'entrypoints'];

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return name === 'data' ? [] : sources(p);
    return /\.(ts|tsx)$/.test(name) && !name.endsWith('.d.ts') ? [p] : [];
  });
}

function resolveImport(from: string, spec: string): string | null {
  const base = spec.startsWith('@/') ? join(ROOT, spec.slice(2)) : resolve(dirname(from), spec);
  for (const c of [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts')])
    if (existsSync(c) && statSync(c).isFile()) return c;
  return null;
}

/** Every relative import, type-only ones included: a type cycle is still a knot to untie. */
function graph(): Map<string, string[]> {
  const g = new Map<string, string[]>();
  for (const f of ROOMS.flatMap((r) => sources(join(ROOT, r)))) {
    const text = readFileSync(f, 'utf8');
    const deps = [...text.matchAll(/(?:from|import)\s*\(?\s*['"]((?:\.{1,2}|@)\/[^'"]+)['"]/g)]
      .map((m) => resolveImport(f, m[1]!))
      .filter((d): d is string => d !== null);
    g.set(f, deps);
  }
  return g;
}

function cycles(g: Map<string, string[]>): string[][] {
  const found: string[][] = [];
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (n: string) => {
    state.set(n, 'open');
    stack.push(n);
    for (const d of g.get(n) ?? []) {
      if (state.get(d) === 'open') found.push(stack.slice(stack.indexOf(d)).concat(d));
      else if (!state.has(d)) visit(d);
    }
    stack.pop();
    state.set(n, 'done');
  };
  for (const n of g.keys()) if (!state.has(n)) visit(n);
  return found.map((c) => c.map((f) => relative(ROOT, f)));
}

describe('the house', () => {
  it('finds the imports it checks (the graph is not empty)', () => {
    const g = graph();
    expect(g.size).toBeGreaterThan(50);
    expect([...g.values()].flat().length).toBeGreaterThan(100);
  });

  it('detects a cycle when one exists', () => {
    const g = new Map([
      ['a', ['b']],
      ['b', ['c']],
      ['c', ['a']],
    ]);
    expect(cycles(g)).toHaveLength(1);
  });

  it('has no import cycles in lib, components or entrypoints', () => {
    expect(cycles(graph())).toEqual([]);
  });

  it('finds a room-rule breach when one exists', () => {
    const g = new Map([[join(ROOT, 'lib/model/a.ts'), [join(ROOT, 'lib/worker/b.ts')]]]);
    expect(breaches(g)).toEqual(['lib/model/a.ts -> lib/worker/b.ts']);
  });

  it('keeps every room to the rooms it may use (docs/architecture.md)', () => {
    expect(breaches(graph())).toEqual([]);
  });

  it('opens every room with a note of what it owns', () => {
    const rooms = [
      ...['content', 'worker', 'shared', 'model', 'db'].map((r) => `lib/${r}`),
      ...readdirSync(join(ROOT, 'components')).map((r) => `components/${r}`),
    ];
    const missing = rooms.filter((r) => !existsSync(join(ROOT, r, 'README.md')));
    expect(missing).toEqual([]);
  });

  it('keeps the libraries of storage, history and pages out of the chat pages', () => {
    // Content scripts are compiled on every chat page load (no code cache): what they import
    // must be what they run. The reach is followed through relative imports.
    const g = graph();
    const heavy = /^(wxt\/utils\/storage|@wxt-dev\/storage|dexie|js-tiktoken|preact|uplot)/;
    const seen = new Set<string>();
    const todo = sources(join(ROOT, 'entrypoints')).filter((f) => f.endsWith('.content.ts'));
    expect(todo.length).toBeGreaterThanOrEqual(8);
    const found: string[] = [];
    while (todo.length) {
      const f = todo.pop()!;
      if (seen.has(f)) continue;
      seen.add(f);
      const text = readFileSync(f, 'utf8');
      for (const m of text.matchAll(/^import\s+(?!type\b)[^'"]*['"]([^'".][^'"]*)['"]/gm))
        if (heavy.test(m[1]!)) found.push(`${relative(ROOT, f)} -> ${m[1]}`);
      todo.push(...(g.get(f) ?? []));
    }
    expect(seen.size).toBeGreaterThan(20);
    expect(found).toEqual([]);
  });

  it('keeps entrypoints thin', () => {
    const fat = sources(join(ROOT, 'entrypoints'))
      .filter((f) => readFileSync(f, 'utf8').split('\n').length > 40)
      .map((f) => relative(ROOT, f));
    expect(fat).toEqual([]);
  });
});

/** The room of a file: `lib/<room>`, `components/<page>` or `entrypoints`. */
function roomOf(rel: string): string {
  return /^(lib\/[^/]+|components\/[^/]+|entrypoints)/.exec(rel)?.[1] ?? rel;
}

// Who may import whom, across rooms. The pure model reads two storage files with no Dexie in
// them: the stored shapes and the calendar-day keys.
const MAY_USE: Record<string, (to: string) => boolean> = {
  'lib/shared': () => false,
  'lib/model': (to) => to === 'lib/shared' || to === 'lib/db/types.ts' || to === 'lib/db/day.ts',
  'lib/db': (to) => to === 'lib/shared' || to === 'lib/model',
  'lib/content': (to) => to === 'lib/shared' || to === 'lib/model',
  'lib/worker': (to) => to.startsWith('lib/') && to !== 'lib/content',
  entrypoints: () => true,
};

function breaches(g: Map<string, string[]>): string[] {
  const out: string[] = [];
  for (const [from, deps] of g) {
    const a = relative(ROOT, from);
    const ra = roomOf(a);
    for (const dep of deps) {
      const b = relative(ROOT, dep);
      const rb = roomOf(b);
      if (rb === ra || !/^(lib|components|entrypoints)\//.test(b)) continue;
      const rule =
        MAY_USE[ra] ??
        // A page uses the shared widgets and any lib room but the content side; never another page.
        ((to: string) =>
          to === 'components/shared' || (to.startsWith('lib/') && to !== 'lib/content'));
      if (!rule(rb) && !rule(b)) out.push(`${a} -> ${b}`);
    }
  }
  return out;
}
