import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

type Messages = Record<string, { message: string }>;
const dir = 'public/_locales';
const load = (lang: string): Messages =>
  JSON.parse(readFileSync(`${dir}/${lang}/messages.json`, 'utf8'));
const en = load('en');
const placeholders = (m: string) => [...m.matchAll(/\$(\d)/g)].map((x) => x[1]).sort();

describe('locales', () => {
  it('has English and French', () => {
    expect(readdirSync(dir).sort()).toEqual(['en', 'fr']);
  });

  it.each(['fr'])('%s has every English message with the same $n substitutions', (lang) => {
    const other = load(lang);
    expect(Object.keys(other).sort()).toEqual(Object.keys(en).sort());
    for (const [k, v] of Object.entries(en)) {
      expect(placeholders(other[k]!.message), k).toEqual(placeholders(v.message));
      expect(other[k]!.message.trim(), k).not.toBe('');
    }
  });

  it('every message id used in components exists in English, and every English id is used', () => {
    const src = readdirSync('components', { recursive: true, encoding: 'utf8' })
      .filter((f) => /\.tsx?$/.test(f))
      .map((f) => readFileSync(`components/${f}`, 'utf8'))
      .join('\n')
      .concat(
        readdirSync('entrypoints', { recursive: true, encoding: 'utf8' })
          .filter((f) => /\.tsx$/.test(f))
          .map((f) => readFileSync(`entrypoints/${f}`, 'utf8'))
          .join('\n'),
      )
      .concat(readFileSync('lib/worker/badge.ts', 'utf8'));
    const used = new Set([...src.matchAll(/\bt\(\s*'([A-Za-z0-9]+)'/g)].map((m) => m[1]!));
    // Ids looked up through a table (e.g. PERIOD_LABEL) appear as quoted strings.
    const quoted = new Set([...src.matchAll(/'([A-Za-z0-9]+)'/g)].map((m) => m[1]!));
    for (const id of used) expect(en, id).toHaveProperty(id);
    const unused = Object.keys(en).filter((k) => !quoted.has(k) && k !== 'extName');
    expect(unused).toEqual([]);
  });
});
