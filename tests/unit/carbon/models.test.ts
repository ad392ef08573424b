import { describe, expect, it } from 'vitest';
import type { SiteId } from '../../../lib/shared/types';
import {
  MODELS,
  TIERS,
  TIER_IDS,
  modelSpec,
  resolveModelId,
} from '../../../lib/model/carbon/models';

describe('resolveModelId', () => {
  it.each<[SiteId, string | null, string]>([
    // ChatGPT slugs (data-message-model-slug / SSE model_slug)
    ['chatgpt', 'gpt-4o', 'gpt-4o'],
    ['chatgpt', 'gpt-4o-mini', 'gpt-4o-mini'],
    ['chatgpt', 'gpt-4o-2024-11-20', 'gpt-4o'],
    ['chatgpt', 'gpt-5', 'gpt-5'],
    ['chatgpt', 'gpt-5-thinking', 'gpt-5-thinking'],
    ['chatgpt', 'gpt-5-5', 'gpt-5-5'],
    ['chatgpt', 'gpt-5-5-thinking', 'gpt-5-5-thinking'],
    ['chatgpt', 'gpt-5-6-pro', 'gpt-5-pro'],
    ['chatgpt', 'gpt-5-7', 'gpt-5-6'],
    ['chatgpt', 'o3', 'o3'],
    ['chatgpt', 'o4-mini-high', 'o4-mini'],
    // ChatGPT switcher text ("current model is 4o") and 2026 composer modes
    ['chatgpt', '4o', 'gpt-4o'],
    ['chatgpt', '5', 'gpt-5'],
    ['chatgpt', 'ChatGPT 5', 'gpt-5'],
    ['chatgpt', 'GPT-5 Thinking', 'gpt-5-thinking'],
    ['chatgpt', 'Instant', 'gpt-5-5'],
    ['chatgpt', 'Thinking', 'gpt-5-5-thinking'],
    ['chatgpt', 'Pro', 'gpt-5-pro'],
    ['chatgpt', '  PRO ', 'gpt-5-pro'],
    ['chatgpt', 'text-davinci-002-render-sha', 'unknown'],
    // Claude selector text, case-insensitive startsWith, longest first
    ['claude', 'Sonnet 4', 'claude-sonnet-4'],
    ['claude', 'Sonnet 4.5', 'claude-sonnet-4-5'],
    ['claude', 'sonnet 4.5 (extended thinking)', 'claude-sonnet-4-5'],
    ['claude', 'Opus 4.1', 'claude-opus-4-1'],
    ['claude', 'Opus 4', 'claude-opus-4'],
    ['claude', 'Haiku 4.5', 'claude-haiku-4-5'],
    ['claude', 'Claude Opus 4.5', 'claude-opus-4-5'],
    ['claude', 'claude-sonnet-4-5-20250929', 'claude-sonnet-4-5'],
    ['claude', 'Haiku 3', 'claude-haiku-4-5'],
    // A family the catalogue does not list yet keeps its tier (newest listed sibling).
    ['claude', 'Opus 5', 'claude-opus-4-6'],
    ['claude', 'Sonnet 4.7', 'claude-sonnet-4-6'],
    ['claude', 'claude-opus-5-20270101', 'claude-opus-4-6'],
    ['claude', 'Claude', 'unknown'],
    // 2026 ChatGPT switcher labels (bare versions; chat-sites-2026.md §1.3) and slugs.
    ['chatgpt', '5.2 Thinking', 'gpt-5-2'],
    ['chatgpt', '5.4 Pro', 'gpt-5-pro'],
    ['chatgpt', '5.2', 'gpt-5-2'],
    ['chatgpt', 'gpt-5-6-thinking', 'gpt-5-6-thinking'],
    // The sites' late-2026 slugs (chat-sites-2026.md §1.3) have their own entries.
    ['chatgpt', 'gpt-5-3', 'gpt-5-3'],
    ['chatgpt', 'gpt-5-6-pro', 'gpt-5-pro'],
    ['chatgpt', '5.6', 'gpt-5-6'],
    ['chatgpt', 'gpt-5-7-thinking', 'gpt-5-6-thinking'],
    ['claude', 'Sonnet 4.6', 'claude-sonnet-4-6'],
    ['claude', 'Opus 4.6', 'claude-opus-4-6'],
    ['chatgpt', '52', 'unknown'],
    // Le Chat modes (assumed mapping)
    ['lechat', 'Fast', 'mistral-medium'],
    ['lechat', 'Think', 'magistral-medium'],
    ['lechat', 'mistral-large-latest', 'mistral-large'],
    // Gemini: modes (assumed mapping), 2026 model labels, the pill's thinking level, API ids
    ['gemini', 'Fast', 'gemini-3-flash'],
    ['gemini', 'Thinking', 'gemini-3-flash-thinking'],
    ['gemini', 'Pro', 'gemini-3-1-pro'],
    ['gemini', '3.1 Pro', 'gemini-3-1-pro'],
    ['gemini', '3.1 Pro\nExtended', 'gemini-3-1-pro'],
    ['gemini', '3 Flash', 'gemini-3-flash'],
    ['gemini', '3.5 Flash', 'gemini-3-5-flash'],
    ['gemini', '3.1 Flash-Lite', 'unknown'],
    ['gemini', '2.5 Pro', 'gemini-2-5-pro'],
    ['gemini', 'gemini-2.5-flash', 'gemini-2-5-flash'],
    ['gemini', 'gemini-3-pro-preview', 'gemini-3-pro'],
    ['gemini', 'Think', 'unknown'],
    ['lechat', 'Thinking', 'magistral-medium'],
    // Nothing shown
    ['chatgpt', null, 'unknown'],
    ['claude', '', 'unknown'],
    ['lechat', '   ', 'unknown'],
    ['lechat', 'something else', 'unknown'],
  ])('%s %j → %s', (site, label, expected) => {
    expect(resolveModelId(site, label)).toBe(expected);
  });

  it('only ever returns catalogue ids or unknown', () => {
    for (const site of ['chatgpt', 'claude', 'lechat', 'gemini'] as SiteId[]) {
      for (const label of ['gpt-5-9-thinking', 'opus 4.9', 'Think', 'x', 'gpt-5-3-mini']) {
        const id = resolveModelId(site, label);
        expect(id === 'unknown' || modelSpec(id) !== undefined).toBe(true);
      }
    }
  });
});

describe('catalogue', () => {
  it.each(Object.values(MODELS).map((m) => [m.id, m] as const))('%s is consistent', (_id, m) => {
    expect(m.activeParamsB.min).toBeGreaterThan(0);
    expect(m.activeParamsB.min).toBeLessThanOrEqual(m.activeParamsB.max);
    expect(m.activeParamsB.max).toBeLessThanOrEqual(m.totalParamsB.max);
    if (m.arch === 'dense') expect(m.activeParamsB).toEqual(m.totalParamsB);
    if (m.confidence === 'assumed') expect(m.note).toBeTruthy();
  });

  it.each(TIER_IDS)('tier %s has a catalogue representative of that tier', (t) => {
    const rep = modelSpec(TIERS[t].representative);
    expect(rep?.tier).toBe(t);
  });
});

describe('an unlisted name keeps its tier', () => {
  it.each([
    ['claude', 'Opus 9', 'frontier'],
    ['claude', 'Sonnet 5', 'large'],
    ['claude', 'Haiku 6', 'small'],
    ['chatgpt', 'gpt-5-9-mini', 'medium'],
    ['chatgpt', '5.9 Pro', 'frontier'],
  ] as const)('%s %j → tier %s, without error', (site, label, tier) => {
    expect(modelSpec(resolveModelId(site, label))?.tier).toBe(tier);
  });
});
