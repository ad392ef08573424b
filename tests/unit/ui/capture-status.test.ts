import { describe, expect, it } from 'vitest';
import { captureState, sourceLines } from '../../../components/shared/CaptureStatus';
import type { CaptureHealth } from '../../../lib/shared/health';

const h = (state: CaptureHealth['state']): CaptureHealth => ({
  site: 'claude',
  state,
  turns: 2,
  at: 1,
});

describe('capture status of the current tab', () => {
  it.each([
    ['https://claude.ai/chat/x', h('working'), 'working'],
    ['https://claude.ai/chat/x', h('broken'), 'broken'],
    ['https://chatgpt.com/c/1', null, 'silent'],
    ['https://chat.mistral.ai/chat/1', null, 'silent'],
    ['https://example.com/', null, 'notChat'],
    ['chrome://extensions', null, 'notChat'],
    [undefined, null, 'notChat'],
    ['not a url', null, 'notChat'],
  ] as const)('%s with %j → %s', (url, health, kind) => {
    expect(captureState(url, health).kind).toBe(kind);
  });
});

describe('the two sources in the capture status', () => {
  const now = Date.UTC(2026, 11, 3, 12);
  const health = (dom: 'working' | 'broken', tap: 'working' | 'broken' | 'off'): CaptureHealth => ({
    site: 'chatgpt',
    state: dom === 'working' && tap !== 'broken' ? 'working' : 'broken',
    turns: 4,
    sources: { dom, tap },
    at: now,
  });

  it.each([
    ['working', 'working', 'sourceWorking', 'sourceWorking'],
    ['working', 'off', 'sourceWorking', 'sourceOff'],
    ['broken', 'working', 'sourceBroken', 'sourceWorking'],
    ['working', 'broken', 'sourceWorking', 'sourceBroken'],
  ] as const)('page %s, traffic %s → names each', (dom, tap, domWord, tapWord) => {
    const lines = sourceLines(health(dom, tap), {}, now)!;
    expect(lines.states).toBe(`captureSources ${domWord} ${tapWord}`);
  });

  it('says when each source last saw a counted turn on this site, and never for none', () => {
    const seen = { chatgpt: { dom: now - 5 * 60_000 }, claude: { tap: now } };
    const { lastSeen } = sourceLines(health('working', 'working'), seen, now)!;
    expect(lastSeen).toBe('sourcesLastSeen 5 minutes ago sourceNever');
  });

  it('has nothing to say for a report without sources (an older content script)', () => {
    expect(
      sourceLines({ site: 'claude', state: 'working', turns: 1, at: now }, {}, now),
    ).toBeNull();
  });
});
