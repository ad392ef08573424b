/**
 * What the main-world traffic tap hands to the isolated content script, one event per
 * fact. The page already received everything here; the isolated side validates each event
 * like any input crossing a boundary (a page script may dispatch anything it likes).
 */

/** The conversation the page loaded: message ids and roles only (no text). */
export interface TapConversation {
  t: 'conversation';
  conversationId: string;
  /** Message ids on the page's loaded branch, oldest first (capped at MAX_IDS). */
  ids: string[];
  /**
   * The text of each message in `ids` (same order), for counting the context of the next
   * reply (issue #14). The page loaded it; it goes to our worker to be tokenized, never stored.
   */
  texts?: string[];
  users: number;
  assistants: number;
  /** A long conversation's texts come apart, in this many `texts` events (one task each). */
  textsFollow?: number;
}

/** A slice of a long loaded conversation's texts: those of `ids[from…]`. */
export interface TapTexts {
  t: 'texts';
  conversationId: string;
  from: number;
  texts: string[];
}

/** A prompt the page sent and the provider accepted (its reply stream started). */
export interface TapPrompt {
  t: 'prompt';
  conversationId: string | null;
  /** The message id the page or provider gave the prompt, when the traffic carries one. */
  id: string | null;
  text: string;
  /** The message the prompt follows on its branch (ChatGPT parent_message_id, Claude parent_message_uuid). */
  parentId?: string | null;
}

/** A reply stream that ended: completed, stopped by the user or cut by an error. */
export interface TapReply {
  t: 'reply';
  conversationId: string | null;
  id: string | null;
  /** The prompt this reply answers (ChatGPT parent id, Claude parent_uuid). */
  parentId: string | null;
  text: string;
  /** Reasoning text the provider streamed to the page (summaries included), if any. */
  reasoning?: string;
  /** The served model as the provider names it (`gpt-5-2-thinking`, `claude-sonnet-4-6`). */
  model: string | null;
  status: 'complete' | 'stopped';
  /** Reasoning duration when the traffic states one (ms). */
  reasoningMs?: number;
  /** Measured: request sent → first visible token, first → last visible token (ms). */
  ttftMs?: number;
  streamMs?: number;
  /** Images the reply generated, and web searches (queries) it ran. */
  images?: number;
  searches?: number;
  /** Text extracted from files attached to the prompt (to be tokenized), and files known only by kind. */
  fileTexts?: string[];
  filesGuessed?: number;
}

/** Traffic the tap matched but could not read: counted by health, never thrown into the page. */
export interface TapAnomaly {
  t: 'anomaly';
  what: 'unparsable' | 'unknown-shape' | 'http-error';
}

/** A reply stream began (the provider accepted the request) or ended, however it ended. */
export interface TapStream {
  t: 'open' | 'close';
}

export type TapEvent = TapConversation | TapTexts | TapPrompt | TapReply | TapAnomaly | TapStream;

export const MAX_IDS = 5000;
export const MAX_ID_LENGTH = 200;
/** As the worker's cap on one message (MAX_TEXT_LENGTH in lib/shared/messaging.ts). */
export const MAX_TAP_TEXT = 10_000_000;

/**
 * Texts kept under MAX_TAP_TEXT in all, newest kept (a 10 MB conversation still counts its
 * recent turns; older ones beyond the cap become empty, an undercount).
 */
export function capTexts(texts: string[]): string[] {
  let left = MAX_TAP_TEXT;
  for (let i = texts.length - 1; i >= 0; i--) {
    const t = texts[i]!;
    texts[i] = t.length <= left ? t : t.slice(0, left);
    left -= texts[i]!.length;
  }
  return texts;
}

/** Texts per `texts` event: passing 10 MB through the channel in one task would be a long task. */
export const TEXT_SLICE = 256_000;

/**
 * A conversation event as the channel sends it: whole when its texts are short, else the ids
 * first and the texts in slices of about TEXT_SLICE characters.
 */
export function sliceConversation(e: TapConversation): TapEvent[] {
  const texts = e.texts;
  if (!texts || texts.reduce((n, t) => n + t.length, 0) <= TEXT_SLICE) return [e];
  const slices: TapTexts[] = [];
  let from = 0;
  let chars = 0;
  for (let i = 0; i <= texts.length; i++) {
    if (i === texts.length || (i > from && chars + texts[i]!.length > TEXT_SLICE)) {
      slices.push({
        t: 'texts',
        conversationId: e.conversationId,
        from,
        texts: texts.slice(from, i),
      });
      from = i;
      chars = 0;
    }
    if (i < texts.length) chars += texts[i]!.length;
  }
  const { texts: _texts, ...head } = e;
  return [{ ...head, textsFollow: slices.length }, ...slices];
}

const str = (v: unknown, max: number): v is string => typeof v === 'string' && v.length <= max;
const id = (v: unknown): boolean => v === null || (str(v, MAX_ID_LENGTH) && v.length > 0);
const count = (v: unknown): boolean =>
  typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 1e6;
const optCount = (v: unknown): boolean => v === undefined || count(v);
const ms = (v: unknown): boolean =>
  v === undefined || (typeof v === 'number' && v >= 0 && v < 864e5);
/** A list of texts under one cap in all (the worker's cap on one message). */
const texts = (v: unknown, max: number): boolean => {
  if (!Array.isArray(v) || v.length > max) return false;
  let total = 0;
  for (const t of v) {
    if (typeof t !== 'string') return false;
    total += t.length;
  }
  return total <= MAX_TAP_TEXT;
};

/** The event when `v` is a well-formed tap event, else null. Unknown fields are refused. */
export function parseTapEvent(v: unknown): TapEvent | null {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return null;
  const o = v as Record<string, unknown>;
  const keys = Object.keys(o);
  const only = (allowed: string[]) => keys.every((k) => allowed.includes(k));
  switch (o.t) {
    case 'conversation':
      return only(['t', 'conversationId', 'ids', 'texts', 'users', 'assistants', 'textsFollow']) &&
        str(o.conversationId, MAX_ID_LENGTH) &&
        (o.textsFollow === undefined ||
          (o.texts === undefined &&
            count(o.textsFollow) &&
            (o.textsFollow as number) <= MAX_IDS)) &&
        Array.isArray(o.ids) &&
        o.ids.length <= MAX_IDS &&
        o.ids.every((i) => str(i, MAX_ID_LENGTH)) &&
        (o.texts === undefined ||
          (texts(o.texts, MAX_IDS) && (o.texts as unknown[]).length === o.ids.length)) &&
        count(o.users) &&
        count(o.assistants)
        ? (o as unknown as TapConversation)
        : null;
    case 'texts':
      return only(['t', 'conversationId', 'from', 'texts']) &&
        str(o.conversationId, MAX_ID_LENGTH) &&
        count(o.from) &&
        texts(o.texts, MAX_IDS) &&
        (o.from as number) + (o.texts as unknown[]).length <= MAX_IDS
        ? (o as unknown as TapTexts)
        : null;
    case 'prompt':
      return only(['t', 'conversationId', 'id', 'text', 'parentId']) &&
        id(o.conversationId) &&
        id(o.id) &&
        (o.parentId === undefined || id(o.parentId)) &&
        str(o.text, MAX_TAP_TEXT)
        ? (o as unknown as TapPrompt)
        : null;
    case 'reply':
      return only([
        't',
        'conversationId',
        'id',
        'parentId',
        'text',
        'reasoning',
        'model',
        'status',
        'reasoningMs',
        'ttftMs',
        'streamMs',
        'images',
        'searches',
        'fileTexts',
        'filesGuessed',
      ]) &&
        id(o.conversationId) &&
        id(o.id) &&
        id(o.parentId) &&
        str(o.text, MAX_TAP_TEXT) &&
        (o.reasoning === undefined || str(o.reasoning, MAX_TAP_TEXT)) &&
        (o.model === null || str(o.model, 100)) &&
        (o.status === 'complete' || o.status === 'stopped') &&
        // Any finite duration: the worker caps absurd ones and flags them (a bad one must not cost the reply).
        (o.reasoningMs === undefined ||
          (typeof o.reasoningMs === 'number' && Math.abs(o.reasoningMs) < 1e10)) &&
        ms(o.ttftMs) &&
        ms(o.streamMs) &&
        optCount(o.images) &&
        optCount(o.searches) &&
        optCount(o.filesGuessed) &&
        (o.fileTexts === undefined || texts(o.fileTexts, 100))
        ? (o as unknown as TapReply)
        : null;
    case 'open':
    case 'close':
      return only(['t']) ? (o as unknown as TapStream) : null;
    case 'anomaly':
      return only(['t', 'what']) &&
        (o.what === 'unparsable' || o.what === 'unknown-shape' || o.what === 'http-error')
        ? (o as unknown as TapAnomaly)
        : null;
    default:
      return null;
  }
}
