import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storageKey } from '../../lib/db/keys';
import { launch, openChat, PAGES, type Harness } from './harness';
import {
  controlRequest,
  dumpDb,
  dumpKeys,
  readableDb,
  expectNoNetwork,
  expectNoText,
  FIXTURE_PHRASES,
  netLogArgs,
  newConversation,
  readNetLog,
  recordRoutes,
  settled,
  workerControl,
} from './hard-helpers';

const DEXIE = readFileSync(resolve('node_modules/dexie/dist/dexie.min.js'), 'utf8');
const DAY = 86_400_000;
/** The stores of schema v4. */
const STORES = ['captured', 'conversations', 'daily', 'interactions', 'prompts'];

/** A valid export row (the fields lib/worker/export.ts writes). */
function row(i: number, now = Date.now()) {
  return {
    id: `chatgpt:hard-${i}`,
    at: new Date(now - (i + 1) * 3_600_000).toISOString(),
    site: 'chatgpt',
    conversationId: `hard-conv-${i % 3}`,
    model: 'gpt-4o',
    inputTokens: 10 + i,
    outputTokens: 100 + i,
    energyWh: { min: 0.1, max: 0.3 },
    gco2e: { min: 0.02, max: 0.1 },
    waterMl: { min: 0.1, max: 1 },
  };
}

function file(interactions: unknown[], top: Record<string, unknown> = {}) {
  return {
    format: 'tokenprint-export',
    version: 1,
    exportedAt: new Date().toISOString(),
    assumptions: {},
    interactions,
    ...top,
  };
}

/** An export file (version 1) of interactions read back from an old-schema database. */
function reimportFile(interactions: { at: number }[]): string {
  return JSON.stringify(
    file(
      interactions.map((i) => ({
        ...i,
        at: new Date(i.at).toISOString(),
        energyWh: { min: 0, max: 0 },
        gco2e: { min: 0, max: 0 },
        waterMl: { min: 0, max: 0 },
      })),
    ),
  );
}

/**
 * Hard data cases in one browser (issue #7): hostile import files through the options page,
 * and a database written by the previous schema versions opened by the current build; then
 * no request left the extension and no text was stored.
 */
describe('hard data', () => {
  let h: Harness;
  let options: Page;
  let intercepted: string[] = [];
  let closed = false;
  const dir = mkdtempSync(join(tmpdir(), 'tokenprint-hard-data-'));
  const netLog = join(dir, 'net.json');
  const opened = new Set<string>();

  async function importText(name: string, text: string | Buffer): Promise<string> {
    const path = join(dir, name);
    writeFileSync(path, text);
    // A fresh page: its status line starts empty, so any message is this import's.
    await options.reload();
    const status = options.getByTestId('saved');
    await options.locator('input[type="file"]').setInputFiles(path);
    await expect
      .poll(async () => (await status.textContent()) ?? '', { timeout: 30_000 })
      .not.toBe('');
    return (await status.textContent()) ?? '';
  }

  beforeAll(async () => {
    h = await launch({}, netLogArgs(netLog));
    intercepted = await recordRoutes(h.context);
    options = await h.context.newPage();
    await options.goto(`chrome-extension://${h.extensionId}/options.html`);
  });
  afterAll(async () => {
    if (!closed) await h?.close();
  });

  it('malformed, truncated, oversized and hostile JSON is rejected whole with a clear message; the database is unchanged', async () => {
    const ok = await importText('valid.json', JSON.stringify(file([row(1), row(2), row(3)])));
    expect(ok).toBe('Imported 3 interactions (0 already present).');
    const before = await dumpDb(options);
    expect(before.interactions).toHaveLength(3);

    const good = JSON.stringify(file([row(10), row(11)]));
    const many = Array.from({ length: 2000 }, (_, i) => row(100 + i));
    const cases: [string, string | Buffer, RegExp][] = [
      ['not-json.json', 'hello, this is not JSON', /Not a JSON file/],
      ['truncated.json', good.slice(0, good.length / 2), /Not a JSON file/],
      ['empty.json', '', /Not a JSON file/],
      ['array.json', '[1,2,3]', /Not a Tokenprint export/],
      [
        'wrong-format.json',
        JSON.stringify({ ...file([row(10)]), format: 'other' }),
        /Not a Tokenprint export/,
      ],
      [
        'future-version.json',
        JSON.stringify(file([row(10)], { version: 99 })),
        /Unsupported export version 99/,
      ],
      [
        'string-count.json',
        JSON.stringify(file([row(10), { ...row(11), inputTokens: '12' }])),
        /interactions\[1\]\.inputTokens/,
      ],
      [
        'huge-count.json',
        JSON.stringify(file([{ ...row(10), outputTokens: 1e300 }])),
        /interactions\[0\]\.outputTokens/,
      ],
      [
        'infinite.json',
        good.replace('"inputTokens":20', '"inputTokens":1e999'),
        /interactions\[0\]\.inputTokens/,
      ],
      ['negative.json', JSON.stringify(file([{ ...row(10), inputTokens: -5 }])), /inputTokens/],
      ['fraction.json', JSON.stringify(file([{ ...row(10), outputTokens: 2.5 }])), /outputTokens/],
      [
        'nan-estimate.json',
        JSON.stringify(file([{ ...row(10), gco2e: { min: 'x', max: 1 } }])),
        /gco2e\.min/,
      ],
      [
        'bad-site.json',
        JSON.stringify(file([{ ...row(10), site: 'evil.com', id: 'evil.com:1' }])),
        /unknown site/,
      ],
      [
        'bad-date.json',
        JSON.stringify(file([{ ...row(10), at: 'yesterday' }])),
        /not an ISO 8601 time/,
      ],
      [
        'far-future.json',
        JSON.stringify(file([{ ...row(10), at: '2999-01-01T00:00:00Z' }])),
        /time out of range/,
      ],
      ['duplicate-ids.json', JSON.stringify(file([row(10), row(10)])), /duplicate id/],
      [
        'extra-field.json',
        JSON.stringify(file([{ ...row(10), text: 'the prompt itself' }])),
        /unexpected field "text"/,
      ],
      [
        'proto-top.json',
        good.replace('{', '{"__proto__":{"polluted":true},'),
        /Forbidden field "__proto__"/,
      ],
      [
        'proto-row.json',
        good.replace('"id":', '"__proto__":{"polluted":true},"id":'),
        /Forbidden field "__proto__"/,
      ],
      [
        'constructor.json',
        good.replace('"assumptions":{}', '"assumptions":{"constructor":{"polluted":true}}'),
        /Forbidden field "constructor"/,
      ],
      [
        'prototype-deep.json',
        good.replace('"min":0.1', '"min":0.1,"prototype":1'),
        /Forbidden field "prototype"/,
      ],
      // Valid rows first, a bad one last: nothing of the file may be written.
      [
        'bad-last.json',
        JSON.stringify(file([...many, { ...row(9999), model: '' }])),
        /interactions\[2000\]\.model/,
      ],
      // Over the 50 MB limit: refused before it is read.
      ['oversized.json', Buffer.alloc(51 * 1024 * 1024, 0x20), /too large/i],
    ];
    for (const [name, text, why] of cases) {
      const msg = await importText(name, text);
      expect(msg, name).toMatch(/^Import refused, nothing changed: /);
      expect(msg, name).toMatch(why);
    }
    expect(await dumpDb(options)).toEqual(before);
    expect(await options.evaluate(() => ({}) as Record<string, unknown>)).not.toHaveProperty(
      'polluted',
    );
    expect(
      await options.evaluate(() => (Object.prototype as Record<string, unknown>).polluted),
    ).toBeUndefined();
  });

  /**
   * Replaces the extension's database with one written by an old schema, through the real
   * Dexie, from an extension page that does not open the database itself (the worker is
   * stopped, the options page closed), then lets the current build open it.
   */
  async function writeOldDatabase(
    stores: Record<string, string>,
    rows: Record<string, unknown[]>,
    version = 1,
  ) {
    await options.close();
    const blank = await h.context.newPage();
    await blank.goto(`chrome-extension://${h.extensionId}/manifest.json`);
    const worker = await workerControl(h.context, blank, h.extensionId);
    await worker.stop();
    await blank.evaluate(DEXIE);
    await blank.evaluate(
      async ({ stores, rows, version }) => {
        const D = (window as unknown as { Dexie: new (n: string) => OldDexie }).Dexie;
        interface OldDexie {
          version(n: number): { stores(s: Record<string, string>): void };
          open(): Promise<unknown>;
          close(): void;
          table(n: string): { bulkAdd(r: unknown[]): Promise<unknown> };
          delete(): Promise<void>;
        }
        await new D('tokenprint').delete();
        const old = new D('tokenprint');
        old.version(version).stores(stores);
        await old.open();
        for (const [t, r] of Object.entries(rows)) await old.table(t).bulkAdd(r);
        old.close();
      },
      { stores, rows, version },
    );
    const written = await dumpDb(blank);
    await blank.close();
    options = await h.context.newPage();
    await options.goto(`chrome-extension://${h.extensionId}/options.html`);
    // Only the worker opens the database through Dexie, and so upgrades it; a tab event (the
    // close above, this load) wakes it. A read before its cold start reaches that open would
    // still see the old schema, so the test waits for the current stores.
    await expect
      .poll(async () => Object.keys(await dumpDb(options)).sort(), { timeout: 15_000 })
      .toEqual(STORES);
    return written;
  }

  function oldRows(conversationId: string) {
    const now = Date.now();
    const interactions = [
      {
        id: 'chatgpt:old-1',
        at: now - 3 * DAY,
        site: 'chatgpt',
        conversationId: 'old-a',
        model: 'gpt-4o',
        inputTokens: 12,
        outputTokens: 340,
      },
      {
        id: 'claude:old-2',
        at: now - 2 * DAY,
        site: 'claude',
        conversationId: null,
        model: 'unknown',
        inputTokens: 0,
        outputTokens: 55,
      },
      {
        id: 'lechat:old-3',
        at: now - DAY,
        site: 'lechat',
        conversationId: 'old-c',
        model: 'mistral-medium',
        inputTokens: 31,
        outputTokens: 900,
      },
    ];
    const prompts = [
      // Pending when the old version stopped: the next reply in that chat pairs with it.
      { id: 'chatgpt:old-prompt', at: now - 60_000, site: 'chatgpt', conversationId, tokens: 77 },
    ];
    return { interactions, prompts };
  }

  /**
   * Since schema v4 a row of `interactions` or `captured` is stored under storageKey(id),
   * compactly (lib/db/rows.ts): the rows `written` with ids must be there under those keys
   * and read back the same, nothing else changed.
   */
  async function expectRekeyed(written: Record<string, unknown[]>) {
    const after = await readableDb(options);
    const byId = (rows: unknown[] = []) => rows as ({ id: string } & Record<string, unknown>)[];
    const keysOf = (rows: unknown[] = []) =>
      byId(rows)
        .map((r) => storageKey(r.id))
        .sort((a, b) => a - b);
    const inKeyOrder = <T>(rows: unknown[] = [], strip: (r: { id: string }) => T) =>
      byId(rows)
        .slice()
        .sort((a, b) => storageKey(a.id) - storageKey(b.id))
        .map(strip);
    expect(await dumpKeys(options, 'interactions')).toEqual(keysOf(written.interactions));
    expect(after.interactions).toEqual(inKeyOrder(written.interactions, ({ id: _id, ...r }) => r));
    return after;
  }

  it('a database of schema v1 (the skeleton: interactions and pending prompts only) opens and migrates without loss', async () => {
    const conv = newConversation('chatgpt');
    const rows = oldRows(conv.id);
    const written = await writeOldDatabase(
      { interactions: 'id, at', prompts: 'id, at, [site+conversationId]' },
      rows,
    );
    expect(Object.keys(written).sort()).toEqual(['interactions', 'prompts']);
    const after = await expectRekeyed(written);
    expect(Object.keys(after).sort()).toEqual(STORES);
    expect(after.prompts).toEqual(written.prompts);
    // The pending prompt's key is remembered (v2), under its storage key (v4).
    expect(await dumpKeys(options, 'captured')).toEqual([storageKey('chatgpt:old-prompt')]);
    // The current build still records into it, pairing with the old pending prompt.
    const query = '?stream=1&withPrompt=0&startDelay=300&duration=600';
    opened.add(PAGES.chatgpt.origin + conv.path + query);
    const chat = await openChat(h, 'chatgpt', query, conv.path);
    const r = await settled(options, conv.id, 1500, 1);
    expect(r.interactions).toHaveLength(1);
    expect(r.interactions[0]!.inputTokens).toBe(77);
    expect(r.pending).toHaveLength(0);
    await chat.close();
  });

  it('after the v1 → v2 upgrade the daily rollups include the interactions v1 stored', async () => {
    // The popup and badge read only `daily`: the v2 upgrade (lib/db/upgrade-2026-11-23.ts)
    // rebuilds it from the v1 interactions, so history recorded before the upgrade stays.
    const daily = (await dumpDb(options)).daily as { count: number }[];
    expect(daily.reduce((s, d) => s + d.count, 0)).toBe(4);
  });

  it('a database of schema v1 with rollups (before the captured keys of v2) opens and migrates without loss', async () => {
    const conv = newConversation('chatgpt');
    const rows = oldRows(conv.id);
    const daily = rows.interactions.map((i) => {
      const d = new Date(i.at);
      return {
        day: d.getFullYear() * 10000 + (d.getMonth() + 1) * 100 + d.getDate(),
        site: i.site,
        model: i.model,
        prompts: 1,
        count: 1,
        inputTokens: i.inputTokens,
        inputTokensSq: i.inputTokens ** 2,
        outputTokens: i.outputTokens,
      };
    });
    const written = await writeOldDatabase(
      {
        interactions: 'id, at',
        prompts: 'id, at, [site+conversationId]',
        daily: '[day+site+model], day',
      },
      { ...rows, daily },
    );
    const after = await expectRekeyed(written);
    expect(Object.keys(after).sort()).toEqual(STORES);
    for (const t of ['prompts', 'daily']) expect(after[t], t).toEqual(written[t]);
    // A re-import of the same interactions adds nothing (v1 rows are known by id).
    const status = await importText('reimport.json', reimportFile(rows.interactions));
    expect(status).toBe('Imported 0 interactions (3 already present).');
    expect((await dumpDb(options)).daily).toEqual(written.daily);
    // The popup opens on it and shows the three old interactions' day rows.
    const popup = await h.context.newPage();
    await popup.goto(`chrome-extension://${h.extensionId}/popup.html`);
    await popup.locator('.chart canvas').first().waitFor();
    await popup.close();
  });

  for (const version of [2, 3]) {
    it(`a database of schema v${version} opens and migrates to v4 (number keys) without loss`, async () => {
      const conv = newConversation('chatgpt');
      const rows = oldRows(conv.id);
      const now = Date.now();
      const prompts = [
        ...rows.prompts,
        // Paired and deleted long ago: only its captured key says it was counted.
        { id: 'claude:old-paired', at: now - 2 * DAY, conversationId: 'old-b' },
      ];
      const captured = [
        ...prompts.map((p) => ({
          id: p.id,
          site: p.id.split(':')[0],
          conversationId: p.conversationId,
          kind: 'prompt',
          at: p.at,
        })),
        // v2 also kept the responses' keys (v3 dropped them).
        ...(version === 2
          ? rows.interactions.map((i) => ({
              id: i.id,
              site: i.site,
              conversationId: i.conversationId ?? '',
              kind: 'response',
              at: i.at,
            }))
          : []),
      ];
      const daily = [
        {
          day: 20261120,
          site: 'claude',
          model: 'unknown',
          prompts: 5,
          count: 4,
          inputTokens: 40,
          inputTokensSq: 400,
          outputTokens: 4000,
        },
      ];
      const written = await writeOldDatabase(
        {
          interactions: version === 2 ? 'id, at' : 'id',
          prompts: 'id, at, [site+conversationId]',
          daily: '[day+site+model], day',
          captured: version === 2 ? 'id, [site+conversationId]' : 'id',
        },
        { interactions: rows.interactions, prompts: rows.prompts, daily, captured },
        version,
      );
      const after = await expectRekeyed(written);
      expect(Object.keys(after).sort()).toEqual(STORES);
      for (const t of ['prompts', 'daily']) expect(after[t], t).toEqual(written[t]);
      // The prompt keys, re-keyed; a v2 response key is dropped (v3), its row remembers it.
      // v6: each stamped with the upgrade day (UTC day number), where the window starts.
      const promptKeys = prompts.map((p) => storageKey(p.id)).sort((a, b) => a - b);
      expect(await dumpKeys(options, 'captured')).toEqual(promptKeys);
      const today = Math.floor(Date.now() / DAY);
      expect(after.captured).toEqual(
        prompts
          .slice()
          .sort((a, b) => storageKey(a.id) - storageKey(b.id))
          .map((p) => ({ conversationId: p.conversationId, day: expect.any(Number) })),
      );
      for (const c of after.captured as { day: number }[])
        expect(today - c.day).toBeLessThanOrEqual(1);
      // Re-importing the old interactions adds nothing; the rollups stay as they were.
      const status = await importText(`reimport-v${version}.json`, reimportFile(rows.interactions));
      expect(status).toBe('Imported 0 interactions (3 already present).');
      expect((await dumpDb(options)).daily).toEqual(written.daily);
      // The current build records into it, pairing with the pending prompt of before.
      const query = '?stream=1&withPrompt=0&startDelay=300&duration=600';
      opened.add(PAGES.chatgpt.origin + conv.path + query);
      const chat = await openChat(h, 'chatgpt', query, conv.path);
      const r = await settled(options, conv.id, 1500, 1);
      expect(r.interactions).toHaveLength(1);
      expect(r.interactions[0]!.inputTokens).toBe(77);
      expect(r.pending).toHaveLength(0);
      await chat.close();
    });
  }

  it('no message text is in IndexedDB or chrome.storage, and the extension made no request', async () => {
    await expectNoText(options, [
      ...FIXTURE_PHRASES,
      'the prompt itself',
      'hello, this is not JSON',
      'Can I sort the evens in descending order',
      'Python list comprehension help',
    ]);
    // Every extension page has been open once while recorded (the options page throughout).
    for (const name of ['popup', 'report']) {
      const page = await h.context.newPage();
      await page.goto(`chrome-extension://${h.extensionId}/${name}.html`);
      await page.locator('main').first().waitFor();
      await page.waitForTimeout(500);
      await page.close();
    }
    const control = 'https://control.invalid/tokenprint-netlog-control-data.png';
    await controlRequest(options, control);
    await h.close();
    closed = true;
    expectNoNetwork(intercepted, readNetLog(netLog), h.extensionId, opened, control);
  });
});
