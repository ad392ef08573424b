import { describe, expect, it } from 'vitest';
import { parseThinkLabel } from '../../../lib/content/capture/think-label';
import { judgeThinkMs, MAX_THINK_MS } from '../../../lib/db/exchange';

// Wordings the sites show (chat-sites-2026.md §1.3, §2.x, §3.3; NOTES.md §4.2).
describe('parseThinkLabel', () => {
  it.each([
    ['Thought for 32s', 32_000],
    ['Thought for 32 seconds', 32_000],
    ['Thought for 1m 5s', 65_000],
    ['Thought for 2m 17s', 137_000],
    ['Thinking time: 12s', 12_000],
    ['Worked for 4 minutes', 240_000],
    ['Réflexion pendant 32 s', 32_000],
    ['Réfléchi pendant 1 min 5 s', 65_000],
    ['Pensé pendant 45 secondes', 45_000],
    ['Nachgedacht für 1 Minute 5 Sekunden', 65_000],
    ['Pensó durante 1,5 min', 90_000],
    ['8s 동안 생각함', 8000],
    ['思考了 5s', 5000],
    ['思考了 2 分 3 秒', 123_000],
    ['Thought for 2 h', 7_200_000],
  ])('%s → %i ms', (text, ms) => {
    expect(parseThinkLabel(text)).toEqual({ how: 'label', ms });
  });

  it.each([
    'Thought for a few seconds',
    '몇 초 동안 생각함',
    'Réflexion en cours…',
    'Thinking time:',
  ])('%s: a thinking label without a duration it understands', (text) =>
    expect(parseThinkLabel(text)).toEqual({ how: 'unparsed' }),
  );

  it.each(['Copy', 'Searched 18 websites', 'It took 5s to boil', '', 'x'.repeat(500)])(
    '%s: not a thinking label',
    (text) => expect(parseThinkLabel(text)).toBeNull(),
  );
});

describe('judgeThinkMs', () => {
  it('keeps plausible durations, caps absurd ones and says so', () => {
    expect(judgeThinkMs(32_000, 'label')).toEqual({ thinkMs: 32_000, thinkHow: 'label' });
    expect(judgeThinkMs(7_200_000, 'label')).toEqual({ thinkMs: MAX_THINK_MS, thinkHow: 'capped' });
    expect(judgeThinkMs(-5, 'duration')).toEqual({ thinkMs: 0, thinkHow: 'capped' });
    expect(judgeThinkMs(NaN, 'timing')).toEqual({ thinkMs: 0, thinkHow: 'capped' });
  });
});
