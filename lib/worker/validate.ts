import { exchangeError } from '../db/exchange';
import {
  MAX_CONTEXT_TURNS,
  MAX_TEXT_LENGTH,
  type CaptureMessage,
  type HealthReport,
} from '../shared/messaging';
import { SITE_HOSTS, SITE_IDS, type SiteId } from '../shared/types';

/** Minimal view of `runtime.MessageSender` (kept structural so tests need no browser). */
export interface SenderLike {
  id?: string;
  url?: string;
  tab?: { id?: number };
  /** 0 for the top frame; our content scripts run only there (no `allFrames`). */
  frameId?: number;
}

/**
 * Accepts a capture only from our own content script in a tab on the site it claims.
 * Pages cannot reach `runtime.onMessage` directly, but another extension could
 * (with externally_connectable it would arrive via onMessageExternal; we register none).
 */
export function senderSite(sender: SenderLike, extensionId: string): SiteId | null {
  if (sender.id !== extensionId || !sender.tab || !sender.url) return null;
  if (typeof sender.tab.id !== 'number' || sender.tab.id < 0) return null;
  // Chrome and Firefox both set frameId for messages from content scripts; a sub-frame
  // (an ad or an embed on the chat page) is not where our scripts run.
  if (sender.frameId !== undefined && sender.frameId !== 0) return null;
  let host: string;
  try {
    const u = new URL(sender.url);
    if (u.protocol !== 'https:') return null;
    host = u.hostname;
  } catch {
    return null;
  }
  for (const site of SITE_IDS) if (SITE_HOSTS[site].includes(host)) return site;
  return null;
}

/** Validates the shape of a capture message; returns an error string or null. */
export function captureMessageError(m: unknown): string | null {
  if (typeof m !== 'object' || m === null) return 'not an object';
  const o = m as Record<string, unknown>;
  if (o.v !== 1) return 'unknown version';
  if (typeof o.site !== 'string' || !(SITE_IDS as readonly string[]).includes(o.site))
    return 'bad site';
  if (o.kind !== 'prompt' && o.kind !== 'response') return 'bad kind';
  if (typeof o.key !== 'string' || o.key.length === 0 || o.key.length > 200) return 'bad key';
  if (
    o.conversationId !== null &&
    (typeof o.conversationId !== 'string' || o.conversationId.length > 200)
  )
    return 'bad conversationId';
  if (o.modelLabel !== null && (typeof o.modelLabel !== 'string' || o.modelLabel.length > 100))
    return 'bad modelLabel';
  if (typeof o.at !== 'number' || !Number.isFinite(o.at) || o.at <= 0) return 'bad time';
  if (typeof o.text !== 'string') return 'bad text';
  if (o.text.length > MAX_TEXT_LENGTH) return 'text too long';
  if (o.reasoning !== undefined) {
    if (o.kind !== 'response' || typeof o.reasoning !== 'string') return 'bad reasoning';
    if (o.reasoning.length + o.text.length > MAX_TEXT_LENGTH) return 'text too long';
  }
  if (o.promptKey !== undefined) {
    if (o.kind !== 'response') return 'bad promptKey';
    if (typeof o.promptKey !== 'string' || o.promptKey.length === 0 || o.promptKey.length > 200)
      return 'bad promptKey';
  }
  if (o.sources !== undefined) {
    const ok =
      Array.isArray(o.sources) &&
      o.sources.length > 0 &&
      o.sources.length <= 2 &&
      new Set(o.sources).size === o.sources.length &&
      o.sources.every((x) => x === 'dom' || x === 'tap');
    if (!ok) return 'bad sources';
  }
  if (o.measured !== undefined) {
    if (o.kind !== 'response') return 'bad measured';
    const why = measuredError(o.measured);
    if (why) return `bad measured: ${why}`;
  }
  if (o.ctx !== undefined) {
    const why = captureContextError(o.ctx, o.kind);
    if (why) return `bad ctx: ${why}`;
  }
  const allowed = new Set([
    ...REQUIRED_FIELDS,
    'reasoning',
    'promptKey',
    'sources',
    'measured',
    'ctx',
  ]);
  if (Object.keys(o).some((k) => !allowed.has(k))) return 'unknown field';
  return null;
}

const MEASURED_COUNTS = ['ttftMs', 'streamMs', 'images', 'searches', 'filesGuessed'] as const;

/**
 * Why a capture's measured facts are malformed, or null. A reasoning duration only has to be
 * a number (the worker caps and flags an absurd one: it must not cost the reply); the rest
 * are whole numbers within the stored fields' bounds.
 */
function measuredError(v: unknown): string | null {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return 'not an object';
  const o = v as Record<string, unknown>;
  for (const k of Object.keys(o))
    if (k !== 'thinkMs' && k !== 'thinkFrom' && !(MEASURED_COUNTS as readonly string[]).includes(k))
      return `unknown field ${k}`;
  if (o.thinkMs !== undefined && (typeof o.thinkMs !== 'number' || Number.isNaN(o.thinkMs)))
    return 'thinkMs must be a number';
  if (
    o.thinkFrom !== undefined &&
    !['duration', 'label', 'unparsed'].includes(o.thinkFrom as string)
  )
    return 'bad thinkFrom';
  if (o.thinkFrom === 'unparsed') {
    if (o.thinkMs !== undefined) return 'an unparsed label has no thinkMs';
  } else if ((o.thinkMs === undefined) !== (o.thinkFrom === undefined))
    return 'thinkMs needs thinkFrom';
  for (const k of MEASURED_COUNTS) {
    if (o[k] === undefined) continue;
    const why = exchangeError(k, o[k]);
    if (why) return `${k} ${why}`;
  }
  return null;
}

const key = (v: unknown): boolean => typeof v === 'string' && v.length > 0 && v.length <= 200;
const parentKey = (v: unknown): boolean => v === null || key(v);

/** Why a capture's place in the context ledger is malformed, or null. */
function captureContextError(v: unknown, kind: unknown): string | null {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return 'not an object';
  const o = v as Record<string, unknown>;
  const fields =
    kind === 'response' ? ['conv', 'parent', 'anchor', 'from', 'files'] : ['conv', 'parent'];
  for (const k of Object.keys(o)) if (!fields.includes(k)) return `unknown field ${k}`;
  if (!key(o.conv)) return 'bad conv';
  if (!parentKey(o.parent)) return 'bad parent';
  if (o.anchor !== undefined && !parentKey(o.anchor)) return 'bad anchor';
  if ((o.anchor === undefined) !== (o.from === undefined)) return 'anchor needs from';
  if (o.from !== undefined && o.from !== 'tap' && o.from !== 'dom') return 'bad from';
  if (o.files !== undefined) {
    if (!Array.isArray(o.files) || o.files.length > 100) return 'bad files';
    let total = 0;
    for (const f of o.files) {
      if (typeof f !== 'string') return 'bad files';
      total += f.length;
    }
    if (total > MAX_TEXT_LENGTH) return 'files too long';
  }
  return null;
}

/**
 * Validates a context message (history turns for the ledger); an error string or null.
 * Its texts together stay under the cap of one capture: a long history comes in slices.
 */
export function contextMessageError(m: unknown): string | null {
  if (typeof m !== 'object' || m === null || Array.isArray(m)) return 'not an object';
  const o = m as Record<string, unknown>;
  if (o.v !== 1) return 'unknown version';
  if (typeof o.site !== 'string' || !(SITE_IDS as readonly string[]).includes(o.site))
    return 'bad site';
  if (!key(o.conv)) return 'bad conv';
  if (!Array.isArray(o.turns) || o.turns.length === 0 || o.turns.length > MAX_CONTEXT_TURNS)
    return 'bad turns';
  let total = 0;
  for (const t of o.turns as unknown[]) {
    if (typeof t !== 'object' || t === null || Array.isArray(t)) return 'bad turn';
    const turn = t as Record<string, unknown>;
    if (Object.keys(turn).some((k) => k !== 'key' && k !== 'parent' && k !== 'text'))
      return 'unknown turn field';
    if (!key(turn.key) || !parentKey(turn.parent)) return 'bad turn key';
    if (turn.text !== undefined) {
      if (typeof turn.text !== 'string') return 'bad turn text';
      total += turn.text.length;
    }
  }
  if (total > MAX_TEXT_LENGTH) return 'text too long';
  if (Object.keys(o).some((k) => !['v', 'site', 'conv', 'turns'].includes(k)))
    return 'unknown field';
  return null;
}

const REQUIRED_FIELDS = ['v', 'site', 'kind', 'key', 'conversationId', 'modelLabel', 'at', 'text'];

const HEALTH_FIELDS = ['v', 'site', 'state', 'turns', 'detail', 'sources'];

/** Validates a health report; returns an error string or null. */
export function healthReportError(m: unknown): string | null {
  if (typeof m !== 'object' || m === null) return 'not an object';
  const o = m as Record<string, unknown>;
  if (o.v !== 1) return 'unknown version';
  if (typeof o.site !== 'string' || !(SITE_IDS as readonly string[]).includes(o.site))
    return 'bad site';
  if (o.state !== 'working' && o.state !== 'broken') return 'bad state';
  if (typeof o.turns !== 'number' || !Number.isInteger(o.turns) || o.turns < 0 || o.turns > 1e6)
    return 'bad turns';
  if (o.detail !== undefined && (typeof o.detail !== 'string' || o.detail.length > 300))
    return 'bad detail';
  if (o.sources !== undefined) {
    const src = o.sources as Record<string, unknown> | null;
    if (
      typeof src !== 'object' ||
      src === null ||
      Object.keys(src).some((k) => k !== 'dom' && k !== 'tap') ||
      (src.dom !== 'working' && src.dom !== 'broken') ||
      (src.tap !== 'working' && src.tap !== 'broken' && src.tap !== 'off')
    )
      return 'bad sources';
  }
  if (Object.keys(o).some((k) => !HEALTH_FIELDS.includes(k))) return 'unknown field';
  return null;
}

export function isHealthReport(m: unknown): m is HealthReport {
  return healthReportError(m) === null;
}

export function isCaptureMessage(m: unknown): m is CaptureMessage {
  return captureMessageError(m) === null;
}
