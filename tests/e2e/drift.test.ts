import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { convPath, healthItems, playExchange, recorded, type Site } from './capture-helpers';
import { ARTIFACTS, launch, openChat, type Harness } from './harness';

/**
 * The saved pages mutated the way the sites drift (chat-sites-2026.md §4–5), one mutation
 * at a time and one with both sources broken. After two streamed exchanges capture must
 * either count exactly or report "not working": never a silent zero.
 */

const MUTATIONS = {
  'classes hashed': 'dom',
  'data-testid removed': 'dom',
  'roles dropped': 'dom',
  'extra wrappers': 'dom',
  'stop button moved and relabelled': 'dom',
  'turns virtualized': 'dom',
  'endpoint renamed': 'traffic',
  'JSON reshaped': 'traffic',
  'roles dropped + endpoint renamed': 'both',
} as const;
type Mutation = keyof typeof MUTATIONS;

const SITES: Site[] = ['chatgpt', 'claude', 'lechat', 'gemini'];
const NAMES: Record<Site, string> = {
  chatgpt: 'ChatGPT',
  claude: 'Claude',
  lechat: 'Le Chat',
  gemini: 'Gemini',
};
// Gemini's turn is a pair (.conversation-container): the exchange clones the last one.
const TURN: Record<Site, string> = {
  chatgpt: '[data-turn-id-container]',
  claude: '[data-test-render-count]',
  lechat: '[data-fixture-role="message-list"] > div',
  gemini: '.conversation-container',
};
const STOP_BUTTON: Record<Site, string> = {
  chatgpt: 'composer-submit-button',
  claude: '',
  lechat: 'fixture-send-or-stop',
  gemini: 'fixture-send-or-stop',
};

/** Stashes clean templates for playExchange and installs the mutation, applied after each step. */
async function prepareDrift(page: Page, site: Site, mutation: Mutation): Promise<void> {
  await page.evaluate(
    ({ turnSel, stopId, mutation }) => {
      const turns = document.querySelectorAll(turnSel);
      const list = turns[0]!.parentElement!;
      const btn = stopId ? document.getElementById(stopId) : null;
      const w = window as unknown as {
        __exchange: unknown;
        __drift: () => void;
        __fixtureTraffic?: { drift: string | null };
      };
      w.__exchange = {
        list,
        u: turns[turns.length - 2]!.cloneNode(true),
        a: turns[turns.length - 1]!.cloneNode(true),
        btn,
      };
      const done = new WeakSet<Node>();
      const hash = (t: string) => {
        let h = 5381;
        for (let i = 0; i < t.length; i++) h = ((h * 33) ^ t.charCodeAt(i)) >>> 0;
        return `x${h.toString(36)}`;
      };
      const all = () => Array.from(document.body.querySelectorAll('*'));
      const strip = (names: string[]) => {
        for (const el of all()) for (const n of names) el.removeAttribute(n);
      };
      const apply: Record<string, () => void> = {
        'classes hashed': () => {
          for (const el of all()) {
            if (done.has(el) || !el.getAttribute('class')) continue;
            done.add(el);
            el.setAttribute('class', el.getAttribute('class')!.split(/\s+/).map(hash).join(' '));
          }
        },
        // Gemini spells it data-test-id.
        'data-testid removed': () => strip(['data-testid', 'data-test-id']),
        'roles dropped': () => {
          strip(['data-message-author-role', 'data-turn', 'data-message-role', 'role']);
          // Gemini's roles are its element names: the components renamed to plain divs.
          for (const el of Array.from(document.querySelectorAll('user-query, model-response'))) {
            const div = document.createElement('div');
            for (const a of Array.from(el.attributes)) div.setAttribute(a.name, a.value);
            div.append(...Array.from(el.childNodes));
            el.replaceWith(div);
          }
        },
        'extra wrappers': () => {
          for (const t of Array.from(list.children)) {
            if (done.has(t)) continue;
            const outer = document.createElement('div');
            const inner = document.createElement('div');
            done.add(outer);
            t.replaceWith(outer);
            outer.append(inner);
            inner.append(t);
          }
        },
        'stop button moved and relabelled': () => {
          if (!btn) return;
          btn.removeAttribute('data-testid');
          btn.removeAttribute('aria-label');
          btn.removeAttribute('id');
          if (btn.parentElement !== document.body) document.body.append(btn);
        },
        'turns virtualized': () => {
          const shown = Array.from(list.children);
          for (const t of shown.slice(0, -2)) t.remove();
        },
      };
      const dom = mutation.split(' + ')[0]!;
      w.__drift = () => apply[dom]?.();
      w.__drift();
      const traffic = mutation.includes('endpoint renamed')
        ? 'rename'
        : mutation === 'JSON reshaped'
          ? 'reshape'
          : null;
      if (w.__fixtureTraffic) w.__fixtureTraffic.drift = traffic;
    },
    { turnSel: TURN[site], stopId: STOP_BUTTON[site], mutation },
  );
}

type Outcome = 'exact' | 'exact, reported' | 'reported' | 'silent';

describe('drift: every mutation counts exactly or is reported', () => {
  let h: Harness;
  let n = 0;
  const matrix = new Map<string, Outcome>();
  beforeAll(async () => {
    h = await launch();
  });
  afterAll(async () => {
    await h?.close();
    const rows = Object.keys(MUTATIONS).map(
      (m) => `| ${m} | ${SITES.map((s) => matrix.get(`${m}|${s}`) ?? '—').join(' | ')} |`,
    );
    const table = [
      `| mutation | ${SITES.map((s) => NAMES[s]).join(' | ')} |`,
      `|---|${SITES.map(() => '---|').join('')}`,
      ...rows,
    ].join('\n');
    mkdirSync(ARTIFACTS, { recursive: true });
    writeFileSync(join(ARTIFACTS, 'drift-matrix.md'), `${table}\n`);
    console.log(`\n${table}\n`);
  });

  for (const mutation of Object.keys(MUTATIONS) as Mutation[]) {
    for (const site of SITES) {
      it(`${site}: ${mutation}`, async () => {
        const { path, id } = convPath(site, 700 + ++n);
        const page = await openChat(h, site, '', path);
        await page.waitForTimeout(600);
        const since = Date.now();
        await prepareDrift(page, site, mutation);
        for (const i of [1, 2])
          await playExchange(page, site, {
            user: `Drift question ${i}: ${mutation}?`,
            reply: `Drift answer ${i}, streamed in a few chunks while the page has drifted.`,
            ms: 600,
          });
        // Health speaks within the reconciler's wait, or the page's settle time (5 s).
        let outcome: Outcome = 'silent';
        for (const end = Date.now() + 8_000; Date.now() < end;) {
          await page.waitForTimeout(500);
          const r = await recorded(h, id);
          const exact = r.interactions.length === 2 && r.captured.length === 4;
          const item = Object.values(await healthItems(h)).find(
            (x) => x.site === site && (x as unknown as { at: number }).at >= since,
          );
          const reported = item?.state === 'broken';
          outcome = exact
            ? reported
              ? 'exact, reported'
              : 'exact'
            : reported
              ? 'reported'
              : 'silent';
          if (reported && Date.now() - since > 6000) break;
        }
        matrix.set(`${mutation}|${site}`, outcome);
        const counts = await recorded(h, id);
        const detail = `${outcome}: ${counts.interactions.length} replies, ${counts.captured.length} turns`;
        await page.close();
        expect(outcome, detail).not.toBe('silent');
        // One source drifted: the other one still counts every turn, once.
        if (MUTATIONS[mutation] !== 'both') expect(outcome.startsWith('exact'), detail).toBe(true);
      });
    }
  }
});
