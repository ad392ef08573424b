import type { DailyRow } from '../../lib/db/schema';
import { daysBefore } from '../../lib/model/stats';

// Local noon, so "today" and day arithmetic do not depend on the machine's time zone.
export const NOW = new Date(2026, 10, 23, 12).getTime();

/** A ChatGPT GPT-4o rollup row `daysAgo` days before NOW (two interactions). */
export const daily = (daysAgo: number, over: Partial<DailyRow> = {}): DailyRow => ({
  day: daysBefore(NOW, daysAgo),
  site: 'chatgpt',
  model: 'gpt-4o',
  prompts: 2,
  count: 2,
  inputTokens: 300,
  inputTokensSq: 50_000,
  outputTokens: 900,
  ...over,
});

/**
 * Two replies of a 12-turn Claude chat recorded with their context (issue #14's case: 60-token
 * prompts, 600-token replies, ~7,000 tokens above the prompt), one with 30 s of reasoning.
 */
export const CONTEXT_USAGE = {
  count: 2,
  inputTokens: 120,
  inputTokensSq: 2 * 60 * 60,
  outputTokens: 1200,
  contextTokens: 14_000,
  contextRows: 2,
  fullInputSq: 2 * 7060 * 7060,
  thinkMs: 30_000,
  thinkRows: 1,
};
