import { METHODOLOGY_VERSION, estimate as carbonEstimate } from '../model/carbon';
import { browser } from 'wxt/browser';
import { csvCell } from '../shared/csv';
import { RECENT_KEY } from '../db/recent';
import { LAST_REPLY_KEY } from '../db/last-reply';
import { addInteractions, interactionDelta } from '../db/write';
import { EXCHANGE_FIELDS, exchangeError, exchangeOf } from '../db/exchange';
import type { Assumptions, Estimate, UsageAggregate } from '../model/carbon/types';
import { exportId, keyOfExportId } from '../db/keys';
import { allInteractions } from '../db/rows';
import type { InteractionRow, KeyedInteraction, TokenprintDB } from '../db/schema';
import { SITE_IDS, type Range, type SiteId } from '../shared/types';

/**
 * The export format (documented in the README, "Export format"). One interaction per
 * completed response with the prompt that led to it: counts, metadata and the estimate
 * under the assumptions in use at export time. Never any text.
 *
 * Version 2 (2026-11-23, schema v4) changes one thing: `id` is `<site>:#<storage key in 14
 * hex digits>` (lib/db/keys.ts exportId), because the database keeps only a hash of the
 * message id. Import reads both versions: a version-1 id is hashed to its storage key, so
 * re-importing an old file or a new one adds nothing already stored.
 */
export const EXPORT_FORMAT = 'tokenprint-export';
export const EXPORT_VERSION = 3;
/** Versions import accepts. */
const IMPORT_VERSIONS: readonly unknown[] = [1, 2, 3];

export interface ExportedInteraction {
  /** `<site>:#<14 hex digits>` (version 2); `<site>:<message key>` in version-1 files. */
  id: string;
  /** ISO 8601 time of the response's completion. */
  at: string;
  site: SiteId;
  conversationId: string | null;
  model: string;
  inputTokens: number;
  outputTokens: number;
  energyWh: Range;
  gco2e: Range;
  waterMl: Range;
  /** Version 3: of outputTokens, the visible reasoning; then the whole exchange's fields (lib/db/exchange.ts), each only when known. */
  reasoningTokens?: number;
  contextTokens?: number;
  contextFrom?: 'tap' | 'dom';
  thinkMs?: number;
  thinkHow?: InteractionRow['thinkHow'];
  ttftMs?: number;
  streamMs?: number;
  images?: number;
  fileTokens?: number;
  filesGuessed?: number;
  searches?: number;
}

/** The assumptions of an export, with the methodology version the figures were made by. */
export type ExportedAssumptions = Assumptions & { methodologyVersion: string };

export interface ExportFile {
  format: typeof EXPORT_FORMAT;
  version: typeof EXPORT_VERSION;
  exportedAt: string;
  assumptions: ExportedAssumptions;
  interactions: ExportedInteraction[];
}

type EstimateFn = (u: UsageAggregate, model: string, site: SiteId, a: Assumptions) => Estimate;

const range = (b: Range): Range => ({ min: b.min, max: b.max });

/** One stored row as exported, its estimate recomputed from its tokens and `a`. */
export function exportRow(
  r: KeyedInteraction,
  a: Assumptions,
  estimate: EstimateFn = carbonEstimate,
): ExportedInteraction {
  // The row's own rollup, so its figure is the one the popup sums (context, reasoning included).
  const { prompts: _p, ...sums } = interactionDelta(r);
  const e = estimate(
    {
      count: 1,
      inputTokens: r.inputTokens,
      inputTokensSq: r.inputTokens * r.inputTokens,
      outputTokens: r.outputTokens,
      ...sums,
    },
    r.model,
    r.site,
    a,
  );
  return {
    id: exportId(r.site, r.key),
    at: new Date(r.at).toISOString(),
    site: r.site,
    conversationId: r.conversationId,
    model: r.model,
    inputTokens: r.inputTokens,
    outputTokens: r.outputTokens,
    energyWh: range(e.energyWh),
    gco2e: range(e.gco2e),
    waterMl: range(e.waterMl),
    ...(r.reasoningTokens !== undefined ? { reasoningTokens: r.reasoningTokens } : {}),
    ...exchangeOf(r),
  };
}

export async function buildExport(
  database: TokenprintDB,
  a: Assumptions,
  now: number,
  estimate: EstimateFn = carbonEstimate,
): Promise<ExportFile> {
  const rows = await allInteractions(database);
  rows.sort((a, b) => a.at - b.at);
  return {
    format: EXPORT_FORMAT,
    version: EXPORT_VERSION,
    exportedAt: new Date(now).toISOString(),
    assumptions: { ...a, methodologyVersion: METHODOLOGY_VERSION },
    interactions: rows.map((r) => exportRow(r, a, estimate)),
  };
}

export function toJson(file: ExportFile): string {
  return JSON.stringify(file, null, 2);
}

/** CSV columns: the JSON fields, ranges flattened to `<field>Min`, `<field>Max`. */
export const CSV_COLUMNS = [
  'id',
  'at',
  'site',
  'conversationId',
  'model',
  'inputTokens',
  'outputTokens',
  'energyWhMin',
  'energyWhMax',
  'gco2eMin',
  'gco2eMax',
  'waterMlMin',
  'waterMlMax',
  'reasoningTokens',
  ...EXCHANGE_FIELDS,
  'methodology',
] as const;

export function toCsv(file: ExportFile): string {
  const lines = [CSV_COLUMNS.join(',')];
  for (const i of file.interactions) {
    const cells: (string | number | null)[] = [
      i.id,
      i.at,
      i.site,
      i.conversationId,
      i.model,
      i.inputTokens,
      i.outputTokens,
      i.energyWh.min,
      i.energyWh.max,
      i.gco2e.min,
      i.gco2e.max,
      i.waterMl.min,
      i.waterMl.max,
      i.reasoningTokens ?? null,
      ...EXCHANGE_FIELDS.map((f) => i[f] ?? null),
      file.assumptions.methodologyVersion,
    ];
    lines.push(cells.map(csvCell).join(','));
  }
  return lines.join('\r\n') + '\r\n';
}

// ---------------------------------------------------------------------------------------
// Import: the whole file is validated before anything is written.

/** Larger files are refused before parsing (≈ 100k interactions at ~500 bytes each). */
export const MAX_IMPORT_BYTES = 50 * 1024 * 1024;
export const MAX_IMPORT_ROWS = 200_000;
/** More tokens than any chat model's context window in one turn is not a real turn. */
export const MAX_TOKENS = 10_000_000;
/** Estimates in a file are recomputed, but absurd ones mark a corrupt file. */
const MAX_ESTIMATE = 1e9;
const MAX_ID = 256;
const EARLIEST = Date.UTC(2020, 0, 1);
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

const TOP_KEYS = new Set(['format', 'version', 'exportedAt', 'assumptions', 'interactions']);
const ROW_KEYS = new Set([
  'id',
  'at',
  'site',
  'conversationId',
  'model',
  'inputTokens',
  'outputTokens',
  'energyWh',
  'gco2e',
  'waterMl',
]);
/** Version 3 adds the visible reasoning and the whole exchange's fields (each optional). */
const ROW_KEYS_V3 = new Set([...ROW_KEYS, 'reasoningTokens', ...EXCHANGE_FIELDS]);

export type ImportResult = { ok: true; rows: KeyedInteraction[] } | { ok: false; error: string };

class ImportError extends Error {}

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function checkKeys(o: Record<string, unknown>, allowed: Set<string>, where: string): void {
  for (const k of Object.keys(o)) {
    if (!allowed.has(k)) throw new ImportError(`${where}: unexpected field "${k}".`);
  }
}

function isoTime(v: unknown, where: string, now: number): number {
  if (
    typeof v !== 'string' ||
    !/^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:\d\d)$/.test(v)
  )
    throw new ImportError(`${where}: not an ISO 8601 time.`);
  const t = Date.parse(v);
  if (!Number.isFinite(t)) throw new ImportError(`${where}: not a valid time.`);
  if (t < EARLIEST || t > now + 86_400_000)
    throw new ImportError(`${where}: time out of range (${v}).`);
  return t;
}

function count(v: unknown, where: string): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > MAX_TOKENS)
    throw new ImportError(`${where}: must be a whole number between 0 and ${MAX_TOKENS}.`);
  return v;
}

function checkRange(v: unknown, where: string): void {
  if (!isPlainObject(v)) throw new ImportError(`${where}: must be {"min", "max"}.`);
  checkKeys(v, new Set(['min', 'max']), where);
  const { min, max } = v;
  for (const [n, x] of [
    ['min', min],
    ['max', max],
  ] as const) {
    if (typeof x !== 'number' || !Number.isFinite(x) || x < 0 || x > MAX_ESTIMATE)
      throw new ImportError(
        `${where}.${n}: must be a finite number between 0 and ${MAX_ESTIMATE}.`,
      );
  }
  if ((min as number) > (max as number)) throw new ImportError(`${where}: min is above max.`);
}

function shortString(v: unknown, where: string, max: number): string {
  if (typeof v !== 'string' || v.length === 0 || v.length > max)
    throw new ImportError(`${where}: must be a non-empty string of at most ${max} characters.`);
  return v;
}

/**
 * Parses and validates an export file as a whole. Any problem rejects the entire file with
 * a message naming the first offending place; nothing is partially accepted.
 */
export function parseImport(text: string, now = Date.now()): ImportResult {
  try {
    if (text.length > MAX_IMPORT_BYTES)
      throw new ImportError(`File too large (limit ${MAX_IMPORT_BYTES / 1024 / 1024} MB).`);
    let data: unknown;
    try {
      // The reviver sees every key, at any depth, before objects are assembled.
      data = JSON.parse(text, function (key, value: unknown) {
        if (FORBIDDEN_KEYS.has(key)) throw new ImportError(`Forbidden field "${key}".`);
        return value;
      });
    } catch (e) {
      if (e instanceof ImportError) throw e;
      throw new ImportError('Not a JSON file.');
    }
    if (!isPlainObject(data) || data.format !== EXPORT_FORMAT)
      throw new ImportError(
        'Not a Tokenprint export (field "format" must be "tokenprint-export").',
      );
    if (!IMPORT_VERSIONS.includes(data.version))
      throw new ImportError(
        `Unsupported export version ${JSON.stringify(data.version)} (expected 1, 2 or 3).`,
      );
    const version = data.version as number;
    checkKeys(data, TOP_KEYS, 'File');
    isoTime(data.exportedAt, 'exportedAt', now);
    if (!isPlainObject(data.assumptions)) throw new ImportError('assumptions: must be an object.');
    const list = data.interactions;
    if (!Array.isArray(list)) throw new ImportError('interactions: must be a list.');
    if (list.length > MAX_IMPORT_ROWS)
      throw new ImportError(`Too many interactions (limit ${MAX_IMPORT_ROWS}).`);
    const seen = new Set<string>();
    const rows: KeyedInteraction[] = list.map((raw: unknown, i): KeyedInteraction => {
      const w = `interactions[${i}]`;
      if (!isPlainObject(raw)) throw new ImportError(`${w}: must be an object.`);
      checkKeys(raw, version >= 3 ? ROW_KEYS_V3 : ROW_KEYS, w);
      const site = raw.site;
      if (typeof site !== 'string' || !(SITE_IDS as readonly string[]).includes(site))
        throw new ImportError(`${w}.site: unknown site ${JSON.stringify(site)}.`);
      const id = shortString(raw.id, `${w}.id`, MAX_ID);
      if (!id.startsWith(`${site}:`)) throw new ImportError(`${w}.id: must start with "${site}:".`);
      if (seen.has(id)) throw new ImportError(`${w}.id: duplicate id "${id}".`);
      seen.add(id);
      const conv = raw.conversationId;
      if (conv !== null && (typeof conv !== 'string' || conv.length > MAX_ID))
        throw new ImportError(`${w}.conversationId: must be a string or null.`);
      for (const f of ['energyWh', 'gco2e', 'waterMl'] as const) checkRange(raw[f], `${w}.${f}`);
      return {
        key: keyOfExportId(id, site as SiteId, version),
        at: isoTime(raw.at, `${w}.at`, now),
        site: site as SiteId,
        conversationId: conv,
        model: shortString(raw.model, `${w}.model`, 100),
        inputTokens: count(raw.inputTokens, `${w}.inputTokens`),
        outputTokens: count(raw.outputTokens, `${w}.outputTokens`),
        ...exchangeOfImport(raw, w),
      };
    });
    return { ok: true, rows };
  } catch (e) {
    if (e instanceof ImportError) return { ok: false, error: e.message };
    throw e;
  }
}

/** Validates then imports; returns how many interactions were new (re-imports add none). */
export async function importJson(
  database: TokenprintDB,
  text: string,
  now = Date.now(),
): Promise<{ ok: true; added: number; total: number } | { ok: false; error: string }> {
  const parsed = parseImport(text, now);
  if (!parsed.ok) return parsed;
  const added = await addInteractions(database, parsed.rows);
  return { ok: true, added, total: parsed.rows.length };
}

/**
 * Deletes every stored row of every table, in one transaction, and the popup's copies of the
 * recent rollups (lib/db/recent.ts) and of the newest reply (lib/db/last-reply.ts) before
 * saying it is done: their refresh after the clear would not run if the page closed first.
 */
export async function deleteAllData(database: TokenprintDB): Promise<void> {
  await database.transaction('rw', database.tables, async () => {
    await Promise.all(database.tables.map((t) => t.clear()));
  });
  await browser.storage.local.remove([RECENT_KEY, LAST_REPLY_KEY]);
}

/** A version-3 row's optional fields, each checked as the worker checks a capture. */
function exchangeOfImport(raw: Record<string, unknown>, w: string): Partial<KeyedInteraction> {
  const out: Record<string, unknown> = {};
  if (raw.reasoningTokens !== undefined) {
    const r = count(raw.reasoningTokens, `${w}.reasoningTokens`);
    if (r > count(raw.outputTokens, `${w}.outputTokens`))
      throw new ImportError(`${w}.reasoningTokens: more than outputTokens.`);
    out.reasoningTokens = r;
  }
  for (const f of EXCHANGE_FIELDS) {
    if (raw[f] === undefined) continue;
    const why = exchangeError(f, raw[f]);
    if (why) throw new ImportError(`${w}.${f}: ${why}.`);
    out[f] = raw[f];
  }
  return out as Partial<KeyedInteraction>;
}
