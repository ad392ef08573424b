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
