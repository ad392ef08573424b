import { describe, expect, it } from 'vitest';
import {
  ALONE_LIMIT,
  judgeSources,
  nextSourcesSeen,
  SOURCES_SEEN_STEP_MS,
  type SourceInput,
  type SourcesSeen,
} from '../../../lib/shared/health';
import { captureMessageError, healthReportError } from '../../../lib/worker/validate';

/** A page where both sources work: two exchanges seen by both. */
const OK: SourceInput = {
  domUsers: 2,
  domAssistants: 2,
  domPrompts: 1,
  domReplies: 1,
  tapAlone: 0,
  domAlone: 0,
  tapConnected: true,
  tapAnomalies: 0,
  loaded: { users: 2, assistants: 2 },
};
const DOM_NO_REPLIES = 'Page reader: prompts are found on the page but no replies.';
const DOM_NO_PROMPTS = 'Page reader: replies are found on the page but no prompts.';
const DOM_MISSED = 'Page reader: the page received replies that its DOM reader did not find.';
const DOM_NEVER_COMPLETES = 'Page reader: prompts are counted but no reply ever completes.';
const TAP_MISSED =
  "Traffic reader: replies completed on the page that the page's traffic reader did not see.";
const TAP_SHAPE = "Traffic reader: the page's traffic has a shape Tokenprint cannot read.";

describe('judgeSources', () => {
  it.each<[string, Partial<SourceInput>, string, string, string | undefined]>([
    ['both working', {}, 'working', 'working', undefined],
    [
      'an empty new chat',
      { domUsers: 0, domAssistants: 0, loaded: null },
      'working',
      'working',
      undefined,
    ],
    ['tap never connected', { tapConnected: false }, 'working', 'off', undefined],
    // The DOM reader missed replies the tap saw.
    ['tap alone twice', { tapAlone: ALONE_LIMIT }, 'broken', 'working', DOM_MISSED],
    ['tap alone once', { tapAlone: ALONE_LIMIT - 1 }, 'working', 'working', undefined],
    // Users but no assistants.
    [
      '2 users, 0 assistants',
      { domUsers: 2, domAssistants: 0, loaded: null },
      'broken',
      'working',
      DOM_NO_REPLIES,
    ],
    [
      '1 user, 0 assistants, nothing loaded',
      { domUsers: 1, domAssistants: 0, loaded: null },
      'working',
      'working',
      undefined,
    ],
    [
      '1 user, 0 assistants, loaded has an assistant',
      { domUsers: 1, domAssistants: 0, loaded: { users: 1, assistants: 1 } },
      'broken',
      'working',
      DOM_NO_REPLIES,
    ],
    [
      '1 user, 0 assistants, loaded has none (a prompt awaiting its first reply)',
      { domUsers: 1, domAssistants: 0, loaded: { users: 1, assistants: 0 } },
      'working',
      'working',
      undefined,
    ],
    // Assistants but no users.
    [
      '0 users, 2 assistants',
      { domUsers: 0, domAssistants: 2, loaded: null },
      'broken',
      'working',
      DOM_NO_PROMPTS,
    ],
    [
      '0 users, 1 assistant, nothing loaded',
      { domUsers: 0, domAssistants: 1, loaded: null },
      'working',
      'working',
      undefined,
    ],
    [
      '0 users, 1 assistant, loaded has a user',
      { domUsers: 0, domAssistants: 1, loaded: { users: 1, assistants: 1 } },
      'broken',
      'working',
      DOM_NO_PROMPTS,
    ],
    // Prompts counted, no reply ever completes.
    [
      '2 prompts, 0 replies',
      { domPrompts: 2, domReplies: 0 },
      'broken',
      'working',
      DOM_NEVER_COMPLETES,
    ],
    ['1 prompt, 0 replies', { domPrompts: 1, domReplies: 0 }, 'working', 'working', undefined],
    ['3 prompts, 1 reply', { domPrompts: 3, domReplies: 1 }, 'working', 'working', undefined],
    // The tap missed replies the DOM saw.
    ['DOM alone twice, tap connected', { domAlone: ALONE_LIMIT }, 'working', 'broken', TAP_MISSED],
    ['DOM alone once', { domAlone: ALONE_LIMIT - 1 }, 'working', 'working', undefined],
    ['DOM alone twice, tap off', { domAlone: 5, tapConnected: false }, 'working', 'off', undefined],
    // Traffic the tap could not read.
    ['2 anomalies', { tapAnomalies: 2 }, 'working', 'broken', TAP_SHAPE],
    ['1 anomaly', { tapAnomalies: 1 }, 'working', 'working', undefined],
    ['anomalies, tap off', { tapAnomalies: 9, tapConnected: false }, 'working', 'off', undefined],
    // Both at once: one sentence each.
    [
      'both broken',
      { tapAlone: 2, tapAnomalies: 3 },
      'broken',
      'broken',
      `${DOM_MISSED} ${TAP_SHAPE}`,
    ],
  ])('%s → dom %s, tap %s', (_name, over, dom, tap, detail) => {
    const got = judgeSources({ ...OK, ...over });
    expect(got.states).toEqual({ dom, tap });
    expect(got.detail).toBe(detail);
    if (detail === undefined) expect(got).not.toHaveProperty('detail');
  });

  it('a DOM reader missing replies outranks its other symptoms (one reason each)', () => {
    const got = judgeSources({ ...OK, tapAlone: 3, domUsers: 2, domAssistants: 0 });
    expect(got.detail).toBe(DOM_MISSED);
  });
});

describe('nextSourcesSeen', () => {
  const AT = 1_800_000_000_000;

  it.each<[string, SourcesSeen, readonly ('dom' | 'tap')[], number, SourcesSeen | null]>([
    ['first sighting', {}, ['dom', 'tap'], AT, { chatgpt: { dom: AT, tap: AT } }],
    ['within a step', { chatgpt: { dom: AT } }, ['dom'], AT + SOURCES_SEEN_STEP_MS - 1, null],
    [
      'a step later',
      { chatgpt: { dom: AT } },
      ['dom'],
      AT + SOURCES_SEEN_STEP_MS,
      { chatgpt: { dom: AT + SOURCES_SEEN_STEP_MS } },
    ],
    [
      'only the source that is a step old moves',
      { chatgpt: { dom: AT, tap: AT - SOURCES_SEEN_STEP_MS } },
      ['dom', 'tap'],
      AT + 1000,
      { chatgpt: { dom: AT, tap: AT + 1000 } },
    ],
    [
      'other sites are kept',
      { claude: { tap: AT - 5 }, lechat: { dom: AT } },
      ['tap'],
      AT,
      { claude: { tap: AT - 5 }, lechat: { dom: AT }, chatgpt: { tap: AT } },
    ],
    ['no source', { chatgpt: { dom: AT } }, [], AT + 9e9, null],
    ['an older time does not move it back', { chatgpt: { tap: AT } }, ['tap'], AT - 120_000, null],
  ])('%s', (_name, seen, sources, at, next) => {
    const before = structuredClone(seen);
    expect(nextSourcesSeen(seen, 'chatgpt', sources, at)).toEqual(next);
    expect(seen).toEqual(before); // not mutated
  });

  it('a turn recorded every 10 s writes once a minute', () => {
    let seen: SourcesSeen = {};
    let writes = 0;
    for (let t = 0; t < 10 * 60_000; t += 10_000) {
      const next = nextSourcesSeen(seen, 'claude', ['dom', 'tap'], AT + t);
      if (next) {
        writes++;
        seen = next;
      }
    }
    expect(writes).toBe(10);
  });
});

describe('validation of the new `sources` fields', () => {
  const capture = {
    v: 1,
    site: 'chatgpt',
    kind: 'response',
    key: 'msg-1',
    conversationId: 'conv',
    modelLabel: 'gpt-4o',
    at: 1_800_000_000_000,
    text: 'reply',
  };

  it.each<[unknown, string | null]>([
    [undefined, null],
    [['dom'], null],
    [['tap'], null],
    [['dom', 'tap'], null],
    [['tap', 'dom'], null],
    [[], 'bad sources'],
    [['dom', 'dom'], 'bad sources'],
    [['dom', 'tap', 'dom'], 'bad sources'],
    [['web'], 'bad sources'],
    [['DOM'], 'bad sources'],
    [[null], 'bad sources'],
    ['dom', 'bad sources'],
    [{ dom: true }, 'bad sources'],
    [null, 'bad sources'],
  ])('capture sources %j → %s', (sources, error) => {
    const m = sources === undefined ? capture : { ...capture, sources };
    expect(captureMessageError(m)).toBe(error);
  });

  it('a capture with sources still refuses unknown fields', () => {
    expect(captureMessageError({ ...capture, sources: ['tap'], source: 'tap' })).toBe(
      'unknown field',
    );
  });

  const report = { v: 1, site: 'claude', state: 'working', turns: 4 };

  it.each<[unknown, string | null]>([
    [undefined, null],
    [{ dom: 'working', tap: 'working' }, null],
    [{ dom: 'broken', tap: 'off' }, null],
    [{ dom: 'working', tap: 'broken' }, null],
    [{ dom: 'off', tap: 'working' }, 'bad sources'], // the DOM reader is never off
    [{ dom: 'working' }, 'bad sources'],
    [{ tap: 'off' }, 'bad sources'],
    [{ dom: 'working', tap: 'working', net: 'working' }, 'bad sources'],
    [{ dom: 'working', tap: 'unknown' }, 'bad sources'],
    [['working', 'off'], 'bad sources'],
    ['working', 'bad sources'],
    [null, 'bad sources'],
  ])('health sources %j → %s', (sources, error) => {
    const m = sources === undefined ? report : { ...report, sources };
    expect(healthReportError(m)).toBe(error);
  });

  it('a health report with sources still refuses unknown fields', () => {
    expect(
      healthReportError({ ...report, sources: { dom: 'working', tap: 'off' }, tap: 'off' }),
    ).toBe('unknown field');
  });
});
