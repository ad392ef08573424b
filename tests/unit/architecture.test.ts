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
});
