import { describe, expect, it } from 'vitest';
import { parseSliced, type Slicing } from '../../../lib/content/tap/sliced-json';

/** Pauses on every member, with a tiny piece size, so every path of the walk is taken. */
function eager(piece = 8): Slicing & { pauses: number } {
  const s = {
    pauses: 0,
    piece,
    due: () => true,
    pause: async () => {
      s.pauses++;
    },
  };
  return s;
}

/** A deterministic pseudo-random JSON value with nesting, escapes and unicode. */
function randomValue(seed: number, depth = 0): unknown {
  let x = seed;
  const next = () => (x = (x * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const gen = (d: number): unknown => {
    const r = next();
    if (d > 4 || r < 0.3) {
      const k = Math.floor(next() * 6);
      return [
        null,
        true,
        -12.5e-3,
        Math.floor(next() * 1e6),
        'plain',
        `q"uo\\te\n\t\u00e9\u{1f30d} ${Math.floor(next() * 100)}`,
      ][k];
    }
    if (r < 0.65) return Array.from({ length: Math.floor(next() * 6) }, () => gen(d + 1));
    const o: Record<string, unknown> = {};
    for (let i = 0; i < Math.floor(next() * 6); i++)
      o[`k${i}"\\${Math.floor(next() * 9)}`] = gen(d + 1);
    return o;
  };
  return gen(depth);
}

describe('parseSliced', () => {
  it('equals JSON.parse on varied documents, compact and indented', async () => {
    for (let seed = 1; seed <= 60; seed++) {
      const v = { seed, body: [randomValue(seed), randomValue(seed * 7)] };
      for (const text of [
        JSON.stringify(v),
        JSON.stringify(v, null, 2),
        ` \n${JSON.stringify(v)}\t `,
      ]) {
        const s = eager();
        expect(await parseSliced(text, s)).toEqual(JSON.parse(text));
        expect(s.pauses).toBeGreaterThan(0);
      }
    }
  });

  it('keeps key order, duplicate keys (last wins) and empty containers as JSON.parse does', async () => {
    const text = '{"b":1,"a":[],"b":{"x":{}},"2":"two","1":[[],{}]}';
    const got = await parseSliced(text, eager(2));
    expect(got).toEqual(JSON.parse(text));
    expect(Object.keys(got as object)).toEqual(Object.keys(JSON.parse(text) as object));
  });

  it('makes "__proto__" an own property, never the prototype', async () => {
    const text = '{"__proto__":{"polluted":true},"big":"' + 'x'.repeat(40) + '"}';
    const got = (await parseSliced(text, eager(4))) as Record<string, unknown>;
    expect(Object.getPrototypeOf(got)).toBe(Object.prototype);
    expect(Object.prototype.hasOwnProperty.call(got, '__proto__')).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(got).toEqual(JSON.parse(text));
  });

  it('rejects what JSON.parse rejects', async () => {
    const bad = [
      '{"a":1,}',
      '[1,,2]',
      '[1 2]',
      '{"a" 1}',
      '{a:1}',
      '{"a":[1}',
      '{"a":"unterminated}',
      '{"a":1} trailing',
      '{"a":1}{"b":2}',
      '[tru]',
      '{"a":"\u0001"}',
      '[1,2',
      '{"k":"v"',
      '',
    ];
    for (const text of bad) {
      expect(() => JSON.parse(text), text).toThrow(SyntaxError);
      await expect(parseSliced(text, eager(1)), text).rejects.toThrow(SyntaxError);
    }
  });

  it('reads scalars and small bodies natively, without pausing', async () => {
    const s = eager(1000);
    expect(await parseSliced('"a string"', s)).toBe('a string');
    expect(await parseSliced(' 42 ', s)).toBe(42);
    expect(await parseSliced('{"a":[1,2,3]}', s)).toEqual({ a: [1, 2, 3] });
    expect(s.pauses).toBe(0);
  });

  it('parses a conversation-shaped body of millions of characters in many stretches', async () => {
    const mapping: Record<string, unknown> = {};
    for (let i = 0; i < 400; i++)
      mapping[`id${i}`] = {
        id: `id${i}`,
        parent: i ? `id${i - 1}` : null,
        message: {
          content: { parts: [`turn ${i} `.repeat(800)] },
          author: { role: i % 2 ? 'assistant' : 'user' },
        },
      };
    const text = JSON.stringify({ title: 't', mapping, current_node: 'id399' });
    expect(text.length).toBeGreaterThan(2.5e6);
    let stretches = 0;
    let longest = 0;
    let since = 0;
    let chars = 0;
    // The walk's pieces stand in for time: a stretch is due after ~64k characters.
    const s: Slicing = {
      piece: 16 * 1024,
      due: () => chars - since > 64 * 1024,
      pause: async () => {
        longest = Math.max(longest, chars - since);
        stretches++;
        since = chars;
      },
    };
    const origParse = JSON.parse;
    const counting = (t: string) => {
      chars += t.length;
      return origParse(t) as unknown;
    };
    JSON.parse = counting as typeof JSON.parse;
    let got: unknown;
    try {
      got = await parseSliced(text, s);
    } finally {
      JSON.parse = origParse;
    }
    expect(got).toEqual(JSON.parse(text));
    expect(stretches).toBeGreaterThan(40);
    expect(longest).toBeLessThan(200 * 1024);
  });
});
