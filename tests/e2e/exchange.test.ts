import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { convPath, expectCounts, playExchange, type Site } from './capture-helpers';
import { launch, openChat, PAGES, type Harness } from './harness';

// Issue #14 end to end: a reply's hidden reasoning (how it was found, kept apart from the
// counted tokens), its images, searches and files, on the saved pages with the variants of
// tests/fixtures/NOTES.md §13; and that a reload, a re-render or a branch switch adds nothing.

interface Case {
  name: string;
  think?: string;
  extra?: Record<string, unknown>;
  traffic?: boolean;
  ms?: number;
  /** Gemini: the mode pill's text before the exchange (its model is read from it). */
  pill?: string;
  /** The stored row's fields (thinkMs: 'ttft-<n>' = the measured ttftMs minus n). */
  want: Record<string, unknown>;
}

const SEARCH = { searches: ['grid carbon intensity France', 'RTE eco2mix'] };

const CASES: Record<Site, Case[]> = {
  chatgpt: [
    {
      name: "the traffic's duration wins over the label",
      think: 'Thought for 30s',
      extra: { thinkSec: 32 },
      want: { thinkMs: 32_000, thinkHow: 'duration' },
    },
    {
      name: 'a French label only',
      think: 'Réflexion pendant 1 min 5 s',
      extra: { model: 'gpt-5-2-thinking' },
      want: { thinkMs: 65_000, thinkHow: 'label' },
    },
    {
      name: 'a Korean label only',
      think: '8s 동안 생각함',
      extra: { model: 'gpt-5-2-thinking' },
      want: { thinkMs: 8000, thinkHow: 'label' },
    },
    {
      name: 'a label without a time',
      think: 'Thought for a few seconds',
      extra: { model: 'gpt-5-2-thinking' },
      want: { thinkMs: undefined, thinkHow: 'unparsed' },
    },
    {
      name: 'a label on a page whose traffic the tap does not read',
      think: 'Thought for 12s',
      traffic: false,
      want: { thinkMs: 12_000, thinkHow: 'label', ttftMs: undefined },
    },
    {
      // GPT-5.2 Thinking is catalogued as GPT-5.2, whose usual first token is 1.54 s.
      name: 'no duration anywhere: the stream timing',
      extra: { model: 'gpt-5-2-thinking' },
      ms: 3000,
      want: { thinkMs: 'ttft-1540', thinkHow: 'timing' },
    },
    {
      name: 'a five-hour duration is capped at one hour and flagged',
      extra: { thinkSec: 5 * 3600 },
      want: { thinkMs: 3_600_000, thinkHow: 'capped' },
    },
    {
      name: 'images, searches and an attachment',
      extra: { images: 2, ...SEARCH, files: [{ name: 'report.pdf' }] },
      want: { images: 2, searches: 2, filesGuessed: 1, thinkHow: 'none', thinkMs: 0 },
    },
  ],
  claude: [
    {
      // The thinking block's own timestamps; its text is visible reasoning, counted.
      name: "the thinking block's duration wins over the pill",
      think: 'Thought for 10s',
      extra: { thinkSec: 14 },
      want: { thinkMs: 14_000, thinkHow: 'duration', reasoningTokens: 'counted' },
    },
    {
      name: 'a thinking block that stops before it starts: capped at 0 and flagged',
      extra: { thinkSec: -3 },
      want: { thinkMs: 0, thinkHow: 'capped' },
    },
    {
      name: 'a pill only',
      think: 'Thought for 1m 5s',
      want: { thinkMs: 65_000, thinkHow: 'label' },
    },
    {
      name: 'a pill without a time',
      think: 'Thought for a few seconds',
      want: { thinkMs: undefined, thinkHow: 'unparsed' },
    },
    {
      name: 'web searches and files (one pasted with its text, one by kind)',
      extra: {
        ...SEARCH,
        files: [{ name: 'notes.txt', text: 'Grid mix notes.' }, { name: 'scan.pdf' }],
      },
      want: { searches: 2, filesGuessed: 1, thinkHow: 'none', thinkMs: 0 },
    },
  ],
  lechat: [
    {
      name: "the traffic's thinking time wins over the toggle",
      think: 'Thought for 5s',
      extra: { thinkSec: 7, model: 'magistral-medium-latest' },
      want: { thinkMs: 7000, thinkHow: 'duration', reasoningTokens: 'counted' },
    },
    {
      name: "the toggle's label only",
      think: 'Thought for 6s',
      extra: { model: 'magistral-medium-latest' },
      want: { thinkMs: 6000, thinkHow: 'label' },
    },
    {
      name: 'a two-hour label: capped and flagged',
      think: 'Thought for 2 h',
      extra: { model: 'magistral-medium-latest' },
      want: { thinkMs: 3_600_000, thinkHow: 'capped' },
    },
    {
      name: '« Réfléchi » alone',
      think: 'Réfléchi',
      extra: { model: 'magistral-medium-latest' },
      want: { thinkMs: undefined, thinkHow: 'unparsed' },
    },
    {
      // Magistral Medium's usual first token: 0.75 s (catalogue).
      name: 'Think mode with no duration: the stream timing',
      extra: { model: 'magistral-medium-latest' },
      ms: 2500,
      want: { thinkMs: 'ttft-750', thinkHow: 'timing' },
    },
    {
      name: 'an image and web searches',
      extra: { images: 1, ...SEARCH },
      want: { images: 1, searches: 2, thinkHow: 'none', thinkMs: 0 },
    },
  ],
  // Gemini shows no duration: a Thinking reply is timed (Gemini 3 Flash Thinking's usual
  // first token: 1.47 s); its thoughts are visible reasoning, counted.
  gemini: [
    {
      name: 'a Thinking reply: the stream timing, its thoughts counted',
      pill: 'Thinking',
      extra: { thoughts: 'Comparing the grid mixes of the two countries first.' },
      ms: 2500,
      want: { thinkMs: 'ttft-1470', thinkHow: 'timing', reasoningTokens: 'counted' },
    },
    {
      name: 'a Fast reply with two files: none, the files counted by kind',
      extra: { files: [{ name: 'bill.pdf' }, { name: 'meter.jpg' }] },
      want: { thinkHow: 'none', filesGuessed: 2, thinkMs: 0 },
    },
  ],
};

describe.each(Object.keys(CASES) as Site[])('exchange on %s', (site) => {
  let h: Harness;
  let n = 0;
  beforeAll(async () => {
    h = await launch();
  });
  afterAll(async () => {
    await h?.close();
  });

  it.each(CASES[site])('$name', async (c) => {
    const { path, id } = convPath(site, 700 + ++n);
    const page = await openChat(h, site, c.traffic === false ? '?traffic=0' : '', path);
    await page.waitForTimeout(600);
    if (c.pill) await page.evaluate(setPill, c.pill);
    await playExchange(page, site, {
      user: 'How much carbon does this answer cost?',
      reply: 'About a gram, give or take: it depends on the grid and the model.',
      ...(c.think ? { think: c.think } : {}),
      ...(c.extra ? { extra: c.extra } : {}),
      ...(c.traffic === false ? { traffic: false } : {}),
      ...(c.ms ? { ms: c.ms } : {}),
    });
    const r = await expectCounts(h, id, { interactions: 1, captured: 2 });
    const row = r.interactions[0]!;
    for (const [k, v] of Object.entries(c.want)) {
      if (typeof v === 'string' && v.startsWith('ttft-')) {
        expect(Number(row.ttftMs)).toBeGreaterThanOrEqual(c.ms!);
        expect(row[k], k).toBe(Number(row.ttftMs) - Number(v.slice(5)));
      } else if (v === 'counted') {
        // Visible reasoning is counted output; the hidden estimate stays apart (thinkMs).
        expect(Number(row[k]), k).toBeGreaterThan(0);
        expect(Number(row.outputTokens)).toBeGreaterThan(Number(row[k]));
      } else expect(row[k], k).toEqual(v);
    }
    // Hidden reasoning never enters the counted output: the reply is ~20 tokens.
    expect(Number(row.outputTokens)).toBeLessThan(60);
    await page.close();
  });

  it('a reload, a re-render and a branch switch of reasoning replies record nothing new', async () => {
    const { path, id } = convPath(site, 799);
    const page = await openChat(h, site, '', path);
    await page.waitForTimeout(600);
    const first = CASES[site][0]!;
    if (first.pill) await page.evaluate(setPill, first.pill);
    await playExchange(page, site, {
      user: 'First question.',
      reply: 'First answer, after some thought.',
      ...(first.think ? { think: first.think } : {}),
      ...(first.extra ? { extra: first.extra } : {}),
      ...(first.ms ? { ms: first.ms } : {}),
    });
    await expectCounts(h, id, { interactions: 1, captured: 2 });
    // Another version of the last reply shown in place ("< 2/2 >"): complete, new id and
    // text, its own label; the page streams nothing.
    await page.evaluate(switchBranch, site);
    await page.waitForTimeout(1500);
    await expectCounts(h, id, { interactions: 1, captured: 2 });
    await page.reload();
    await page.waitForTimeout(1500);
    await page.goto(`${PAGES[site].origin}${path}?rerender=1`);
    await page.waitForTimeout(1500);
    const r = await expectCounts(h, id, { interactions: 1, captured: 2 });
    expect(r.interactions[0]!.thinkHow).toBe(first.want.thinkHow);
    await page.close();
  });
});

/** In the page: the last reply swapped for another complete version of it, labelled. */
function switchBranch(site: Site): void {
  const last = <T extends Element>(sel: string) => {
    const all = document.querySelectorAll<T>(sel);
    return all[all.length - 1]!;
  };
  const label = '<button type="button" aria-expanded="false">Thought for 9s</button>';
  if (site === 'chatgpt') {
    const node = last('[data-message-author-role="assistant"]');
    node.setAttribute('data-message-id', crypto.randomUUID());
    node.querySelector('button[aria-expanded]')?.remove();
    node.insertAdjacentHTML('afterbegin', label);
    node.querySelector('.markdown')!.textContent = 'The other version of the answer.';
    // ChatGPT's React may draw the other version as a new element: the turn is replaced.
    const turn = node.closest('[data-turn-id-container]')!;
    turn.replaceWith(turn.cloneNode(true));
  } else if (site === 'claude') {
    const reply = last('.font-claude-response');
    reply.querySelector('.standard-markdown')!.textContent = 'The other version of the answer.';
  } else if (site === 'gemini') {
    // Another draft of the same reply: same r_ id, other text.
    last('model-response .markdown-main-panel').textContent = 'The other version of the answer.';
  } else {
    const row = last('[data-message-author-role="assistant"]');
    const v = crypto.randomUUID();
    row.setAttribute('data-message-id', v);
    row.id = v;
    row.querySelector('[data-message-part-type="answer"]')!.textContent =
      'The other version of the answer.';
  }
}

/** In the page: Gemini's mode pill set to another mode. */
function setPill(text: string): void {
  document.querySelector('[data-test-id="bard-mode-menu-button"] span')!.textContent = text;
}
