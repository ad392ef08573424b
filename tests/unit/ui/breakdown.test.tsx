// @vitest-environment happy-dom
import { render } from 'preact';
import { describe, expect, it } from 'vitest';
import { DEFAULT_ASSUMPTIONS } from '../../../lib/model/carbon';
import { PART_IDS } from '../../../lib/model/carbon/exchange';
import type { Band } from '../../../lib/model/carbon/types';
import { computeStats } from '../../../lib/model/stats';
import { rowParts } from '../../../components/shared/Parts';
import { CONTEXT_USAGE, daily, NOW } from '../daily-rows';
import { mountHost, useLocale } from './page';

// Claude replies recorded with their context and reasoning, beside older GPT-4o replies
// recorded before any of the new sums, and GPT-5 replies with their context only.
const withContext = daily(1, { site: 'claude', model: 'claude-sonnet-4-5', ...CONTEXT_USAGE });
const older = daily(2);
const gpt5 = daily(1, { model: 'gpt-5', contextTokens: 3000, contextRows: 2, fullInputSq: 2e7 });
const s = computeStats([withContext, older, gpt5], DEFAULT_ASSUMPTIONS, NOW);
const model = (id: string) => s.byModel.find((m) => m.model === id)!;

const sum = (bands: (Band | null)[], k: keyof Band) => bands.reduce((x, b) => x + b![k], 0);

describe('the breakdown rows split by part (issue #14)', () => {
  it.each(['claude-sonnet-4-5', 'gpt-4o', 'gpt-5'])(
    '%s: the listed parts sum to the row’s grams',
    (id) => {
      const g = model(id);
      const bands = rowParts(g)
        .map((p) => p.band)
        .filter((b) => b !== null);
      for (const k of ['min', 'central', 'max'] as const) {
        expect(sum(bands, k)).toBeCloseTo(g.estimate.gco2e[k], 9);
      }
    },
  );

  it('the site rows too: a site whose models mix known and older history', () => {
    const chatgpt = s.bySite.find((g) => g.site === 'chatgpt')!;
    expect(chatgpt.responses).toBe(4);
    const bands = rowParts(chatgpt).map((p) => p.band);
    // Known for some of its replies: listed, not unknown, and the sum still holds.
    expect(bands.every((b) => b !== null)).toBe(true);
    for (const k of ['min', 'central', 'max'] as const) {
      expect(sum(bands, k)).toBeCloseTo(chatgpt.estimate.gco2e[k], 9);
    }
  });

  it('a row recorded with its context lists the re-read conversation and the reasoning, large', () => {
    const parts = rowParts(model('claude-sonnet-4-5'));
    const band = (id: string) => parts.find((p) => p.id === id)?.band;
    expect(band('context')!.central).toBeGreaterThan(band('prompts')!.central * 10);
    expect(band('reasoning')!.central).toBeGreaterThan(0);
    // Nothing generated, attached or searched: a known zero is left out, not shown as 0.
    expect(parts.some((p) => p.id === 'extras')).toBe(false);
  });

  it('older history: context, reasoning and extras unknown, never 0', () => {
    const parts = rowParts(model('gpt-4o'));
    expect(parts.map((p) => p.id)).toEqual([...PART_IDS]);
    for (const p of parts) {
      const unknown = p.id === 'context' || p.id === 'reasoning' || p.id === 'extras';
      expect(p.band === null).toBe(unknown);
    }
  });
});

describe('the breakdown on the page', () => {
  const host = mountHost();

  const rowOf = (key: string) => host().querySelector(`tr[data-key="${key}"]`)!;
  const partsOf = (key: string) => {
    const button = rowOf(key).querySelector('button')!;
    return host().querySelector<HTMLElement>(`#${button.getAttribute('aria-controls')}`)!;
  };

  it('in French: a row’s label opens its parts, with ranges and “inconnu”', async () => {
    useLocale('fr');
    const { Breakdown } = await import('../../../components/shared/Breakdown');
    render(<Breakdown stats={s} />, host());
    const button = rowOf('chatgpt:gpt-4o').querySelector('button')!;
    expect(button.getAttribute('aria-expanded')).toBe('false');
    expect(partsOf('chatgpt:gpt-4o').hidden).toBe(true);
    button.click();
    await new Promise((r) => setTimeout(r, 0));
    expect(button.getAttribute('aria-expanded')).toBe('true');
    const line = partsOf('chatgpt:gpt-4o');
    expect(line.hidden).toBe(false);
    const item = (id: string) => line.querySelector(`li[data-part="${id}"]`)!.textContent;
    expect(item('context')).toBe('conversation relue inconnu');
    expect(item('replies')).toMatch(/^réponses \d+(,\d+)? g \(\d+(,\d+)?–\d+(,\d+)?\)$/);
    // The other rows stay closed.
    expect(partsOf('claude:claude-sonnet-4-5').hidden).toBe(true);
    button.click();
    await new Promise((r) => setTimeout(r, 0));
    expect(partsOf('chatgpt:gpt-4o').hidden).toBe(true);
  });

  it('the report shows every row’s parts, without buttons', async () => {
    useLocale('en');
    const { Breakdown } = await import('../../../components/shared/Breakdown');
    render(<Breakdown stats={s} expanded />, host());
    expect(host().querySelector('button')).toBeNull();
    const lines = host().querySelectorAll<HTMLElement>('tr.row-parts');
    expect(lines).toHaveLength(s.bySite.length + s.byModel.length);
    expect([...lines].every((l) => !l.hidden)).toBe(true);
    expect(host().textContent).toContain('hidden reasoning (estimated)');
  });
});
