import { describe, expect, it } from 'vitest';
import { captureState } from '../../../components/CaptureStatus';
import type { CaptureHealth } from '../../../lib/health';

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
