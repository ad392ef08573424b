import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { screenshot, type Harness } from './harness';

export const AXE = resolve('node_modules/axe-core/axe.min.js');

/** Interactions for an export file: `n` over the last `days` days on the three sites. */
function minutesToday(now: number): number {
  const midnight = new Date(now);
  midnight.setHours(0, 0, 0, 0);
  return Math.floor((now - midnight.getTime()) / 60_000);
}

export function seedExport(n: number, days: number, now = Date.now()): string {
  const sites = [
    { site: 'chatgpt', models: ['gpt-4o', 'gpt-5', 'gpt-4o-mini'] },
    { site: 'claude', models: ['claude-sonnet-4-5', 'claude-opus-4-1'] },
    { site: 'lechat', models: ['mistral-medium', 'unknown'] },
  ];
  const interactions = Array.from({ length: n }, (_, i) => {
    const s = sites[i % 3]!;
    const model = s.models[Math.floor(i / 3) % s.models.length]!;
    // Deterministic spread: more usage on recent days, some days without any.
    const dayAgo = (i * 7) % days;
    // Today's rows stay inside today, or the badge test depends on the hour it runs at.
    const offsetMin = (i * 37) % 600;
    const minutes = dayAgo === 0 ? offsetMin % Math.max(1, minutesToday(now)) : offsetMin;
    return {
      id: `${s.site}:seed-${i}`,
      at: new Date(now - dayAgo * 86_400_000 - minutes * 60_000).toISOString(),
      site: s.site,
      conversationId: `conv-${i % 11}`,
      model,
      inputTokens: 20 + ((i * 53) % 900),
      outputTokens: 150 + ((i * 97) % 1400),
      energyWh: { min: 0, max: 0 },
      gco2e: { min: 0, max: 0 },
      waterMl: { min: 0, max: 0 },
    };
  });
  return JSON.stringify({
    format: 'tokenprint-export',
    version: 1,
    exportedAt: new Date(now).toISOString(),
    assumptions: {},
    interactions,
  });
}

export function writeTemp(name: string, text: string): string {
  const dir = join(tmpdir(), 'tokenprint-ui-e2e');
  mkdirSync(dir, { recursive: true });
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

export async function openPage(
  h: Harness,
  name: 'popup' | 'options' | 'report' | 'compare',
  width = name === 'popup' ? 380 : 1000,
): Promise<Page> {
  const page = await h.context.newPage();
  await page.setViewportSize({ width, height: name === 'popup' ? 600 : 900 });
  await page.goto(`chrome-extension://${h.extensionId}/${name}.html`);
  return page;
}

/**
 * Runs axe-core in the page and fails on serious or critical violations. The extension
 * pages' CSP forbids inline scripts, which is what addScriptTag injects, so the same file
 * is evaluated through the DevTools protocol when the tag is refused.
 */
export async function expectNoSeriousA11yViolations(page: Page, what: string): Promise<void> {
  const has = () => page.evaluate(() => typeof (window as unknown as { axe?: unknown }).axe);
  await page.addScriptTag({ path: AXE }).catch(() => undefined);
  if ((await has()) !== 'object') await page.evaluate(readFileSync(AXE, 'utf8'));
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (c: unknown) => Promise<AxeResults> } }).axe;
    const r = await axe.run(document);
    return r.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map(
        (v) =>
          `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
      );
  });
  expect(violations, `axe on ${what}`).toEqual([]);
}

interface AxeResults {
  violations: { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }[];
}

/** Screenshots of a page in light and dark (the system setting the pages follow). */
export async function shootBothThemes(page: Page, name: string): Promise<void> {
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    // Charts read the theme colours when drawn: redraw by reloading in that scheme.
    await page.reload();
    await page.waitForLoadState('networkidle');
    await page.waitForTimeout(300);
    await expectNoSeriousA11yViolations(page, `${name} (${scheme})`);
    await screenshot(page, `${name}-${scheme}`);
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

/** The copy of the recent rollups in extension storage (lib/db/recent.ts), from an extension page. */
export function recentCopy(
  page: Page,
): Promise<{ from: number; rows: { day: number }[] } | undefined> {
  return page.evaluate(async () => {
    const c = (
      globalThis as unknown as {
        chrome: { storage: { local: { get(k: string): Promise<Record<string, unknown>> } } };
      }
    ).chrome;
    return (await c.storage.local.get('recentDaily')).recentDaily as
      { from: number; rows: { day: number }[] } | undefined;
  });
}

/**
 * seedExport as a version-3 file with the whole exchange (issue #14) on the rows of the last
 * `newDays` days: each reply re-reads the conversation above it (~700 tokens a turn), GPT-5
 * replies reasoned 12 s, streaming took what the output takes at ~60 tokens/s; older rows
 * carry none of it (history recorded before). `last` adds one newest reply with its fields.
 */
export function seedExportV3(
  n: number,
  days: number,
  {
    newDays = 10,
    now = Date.now(),
    last,
  }: { newDays?: number; now?: number; last?: Record<string, unknown> } = {},
): string {
  // The other rows end two minutes earlier: `last` is the newest.
  const file = JSON.parse(seedExport(n, days, now - 120_000));
  file.version = 3;
  file.interactions.forEach((r: Record<string, unknown>, i: number) => {
    if (now - Date.parse(r.at as string) > newDays * 86_400_000) return;
    r.contextTokens = Math.floor(i / 11) * 700;
    r.contextFrom = 'tap';
    r.streamMs = Math.round(((r.outputTokens as number) / 60) * 1000);
    if (r.model === 'gpt-5') {
      r.thinkMs = 12_000;
      r.thinkHow = 'duration';
    }
  });
  if (last) {
    file.interactions.push({
      id: 'claude:seed-last',
      at: new Date(now - 60_000).toISOString(),
      site: 'claude',
      conversationId: 'conv-long',
      model: 'claude-sonnet-4-5',
      inputTokens: 80,
      outputTokens: 700,
      energyWh: { min: 0, max: 0 },
      gco2e: { min: 0, max: 0 },
      waterMl: { min: 0, max: 0 },
      contextFrom: 'tap',
      ...last,
    });
  }
  return JSON.stringify(file);
}
