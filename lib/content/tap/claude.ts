import type { TapEvent, TapReply } from './events';
import { capTexts, MAX_IDS } from './events';
import { asString, field, lineReader, StreamTiming, tryJson, type TrafficParser } from './fetch';

/**
 * Claude's traffic (evidence: chat-sites-2026.md §2.2, §2.6; lugia19, she-llac, a capture
 * dated 2026-03-09): `POST …/chat_conversations/<id>/completion` (a new prompt) or
 * `/retry_completion` (a regeneration) streams Anthropic-style SSE events; `GET
 * …/chat_conversations/<id>?tree=True&rendering_mode=messages…` is the loaded conversation.
 */

const BASE = /^\/api\/organizations\/[^/]+\/chat_conversations\/([0-9a-f-]{36})/i;
const STREAM = new RegExp(`${BASE.source}\\/(completion|retry_completion)\\/?$`, 'i');
const CONVERSATION = new RegExp(`${BASE.source}\\/?$`, 'i');
// The root's parent id in Claude's message tree (agoramachina, lugia19).
const ROOT = '00000000-0000-4000-8000-000000000000';

// A text delta in the key order of the Messages API's streaming docs, nearly every line of a
// reply: its piece is parsed alone. The order is assumed for claude.ai (its 2026-03-09 capture
// shows only the other events, in the API's order); any other shape takes the general path.
const DELTA_HEAD = 'data: {"type":"content_block_delta","index":';
const DELTA_TEXT = ',"delta":{"type":"text_delta","text":';

/** A text delta's block index and piece, or null when the line is not one in that shape. */
export function textDelta(l: string): [number, string] | null {
  if (!l.startsWith(DELTA_HEAD) || !l.endsWith('"}}')) return null;
  const comma = l.indexOf(',', DELTA_HEAD.length);
  if (comma < 0 || !l.startsWith(DELTA_TEXT, comma)) return null;
  // Digits as JSON writes an integer: anything else is left to the general path to judge.
  const digits = l.slice(DELTA_HEAD.length, comma);
  if (!/^(?:0|[1-9]\d{0,5})$/.test(digits)) return null;
  const piece = tryJson(l.slice(comma + DELTA_TEXT.length, -2));
  return typeof piece === 'string' ? [Number(digits), piece] : null;
}

interface Block {
  type: string;
  text: string;
  /** tool_use blocks: the tool's name (`web_search`). */
  name?: string;
  start?: number;
  stop?: number;
}

/**
 * Text the model re-reads of one stored message: its text and tool results, and the text
 * extracted from its attachments (thinking excluded: earlier turns' reasoning is not re-sent).
 */
function messageText(msg: unknown): string {
  const parts: string[] = [];
  const content = field(msg, 'content');
  if (Array.isArray(content)) {
    for (const b of content) {
      const type = field(b, 'type');
      if (type === 'text' && typeof field(b, 'text') === 'string')
        parts.push(field(b, 'text') as string);
      else if (type === 'tool_result') {
        const c = field(b, 'content');
        if (typeof c === 'string') parts.push(c);
        else if (Array.isArray(c))
          for (const x of c)
            if (typeof field(x, 'text') === 'string') parts.push(field(x, 'text') as string);
      }
    }
  } else if (typeof field(msg, 'text') === 'string') parts.push(field(msg, 'text') as string);
  parts.push(...attachmentTexts(field(msg, 'attachments')));
  return parts.join('\n');
}

/** `attachments[{file_name, extracted_content}]`: the text Claude extracted from pasted or uploaded files. */
function attachmentTexts(v: unknown): string[] {
  if (!Array.isArray(v)) return [];
  return v
    .map((a) => field(a, 'extracted_content'))
    .filter((t): t is string => typeof t === 'string' && t.length > 0);
}

const time = (v: unknown): number | undefined => {
  const t = typeof v === 'string' ? Date.parse(v) : NaN;
  return Number.isFinite(t) ? t : undefined;
};

export const claudeTraffic: TrafficParser = {
  kind(req) {
    if (req.method === 'POST' && STREAM.test(req.url.pathname)) return 'stream';
    if (req.method === 'GET' && CONVERSATION.test(req.url.pathname)) return 'json';
    return null;
  },

  stream(req) {
    const m = STREAM.exec(req.url.pathname)!;
    const conversationId = m[1]!.toLowerCase();
    const retry = m[2] === 'retry_completion';
    const body = tryJson(req.body ?? '');
    const promptText = retry ? null : field(body, 'prompt');
    const fileTexts = retry ? [] : attachmentTexts(field(body, 'attachments'));
    // Images and PDFs sent as files: the page's data holds no text for them.
    const files = retry
      ? []
      : [field(body, 'files'), field(body, 'files_v2')].flatMap((f) => (Array.isArray(f) ? f : []));
    // The message a new prompt follows (the root for a chat's first).
    const sentParent = retry ? null : asString(field(body, 'parent_message_uuid'));
    const promptParent = sentParent !== ROOT ? sentParent : null;
    const timing = new StreamTiming(req.sentAt);
    const blocks: Block[] = [];
    let id: string | null = null;
    // A retry names the prompt it answers again; a new prompt names the message it follows,
    // and its own id comes with message_start.
    let parentId: string | null = retry ? asString(field(body, 'parent_message_uuid')) : null;
    let model: string | null = asString(field(body, 'model'));
    let stopped = false;
    let started = false;
    let unknown = 0;
    const out: TapEvent[] = [];

    const line = (l: string, at: number | undefined) => {
      if (!l.startsWith('data:')) return;
      const delta = textDelta(l);
      if (delta) {
        const b = blocks[delta[0]];
        if (b) {
          b.text += delta[1];
          timing.saw(at);
        }
        return;
      }
      const v = tryJson(l.slice(5).trim());
      const type = field(v, 'type');
      if (typeof type !== 'string') {
        unknown++;
        return;
      }
      if (type === 'message_start') {
        const msg = field(v, 'message');
        started = true;
        id = asString(field(msg, 'uuid')) ?? asString(field(msg, 'id'));
        // The reply's parent is the prompt the server just stored.
        const parent = asString(field(msg, 'parent_uuid'));
        if (parent && parent !== ROOT) parentId = parent;
        model = asString(field(msg, 'model')) ?? model;
        if (typeof promptText === 'string')
          out.push({
            t: 'prompt',
            conversationId,
            id: parentId,
            text: promptText,
            ...(promptParent ? { parentId: promptParent } : {}),
          });
      } else if (type === 'content_block_start') {
        const b = field(v, 'content_block');
        const i = Number(field(v, 'index'));
        if (!Number.isInteger(i) || i < 0 || i > 10_000) return;
        blocks[i] = {
          type: String(field(b, 'type')),
          text: String(field(b, 'text') ?? field(b, 'thinking') ?? ''),
          start: time(field(b, 'start_timestamp')),
        };
        const name = asString(field(b, 'name'));
        if (name) blocks[i]!.name = name;
      } else if (type === 'content_block_delta') {
        const b = blocks[Number(field(v, 'index'))];
        const d = field(v, 'delta');
        if (!b) return;
        const piece =
          field(d, 'text') ?? field(d, 'thinking') ?? field(field(d, 'summary'), 'summary');
        if (typeof piece === 'string') {
          b.text += piece;
          timing.saw(at);
        }
      } else if (type === 'content_block_stop') {
        const b = blocks[Number(field(v, 'index'))];
        if (b) b.stop = time(field(v, 'stop_timestamp')) ?? Date.now();
      } else if (type === 'message_stop') {
        stopped = true;
      } else if (type === 'error') {
        unknown++;
      }
    };

    return lineReader(out, line, (cut) => {
      if (!started) {
        out.push({ t: 'anomaly', what: 'unknown-shape' });
        return;
      }
      const present = blocks.filter(Boolean);
      const thinking = present.filter((b) => b.type === 'thinking');
      const reply: TapReply = {
        t: 'reply',
        conversationId,
        id,
        parentId,
        text: present
          .filter((b) => b.type === 'text')
          .map((b) => b.text)
          .join('\n'),
        model: model?.slice(0, 100) ?? null,
        status: stopped && !cut ? 'complete' : 'stopped',
      };
      const reasoning = thinking.map((b) => b.text).join('\n');
      if (reasoning) reply.reasoning = reasoning;
      const ms = thinking.reduce(
        (s, b) => s + (b.start !== undefined && b.stop !== undefined ? b.stop - b.start : 0),
        0,
      );
      if (ms !== 0) reply.reasoningMs = ms;
      timing.apply(reply);
      const searches = present.filter(
        (b) => b.type === 'tool_use' && b.name === 'web_search',
      ).length;
      if (searches) reply.searches = searches;
      if (fileTexts.length) reply.fileTexts = capTexts(fileTexts);
      if (files.length) reply.filesGuessed = files.length;
      if (unknown > 0 && !reply.text) out.push({ t: 'anomaly', what: 'unknown-shape' });
      out.push(reply);
    });
  },

  json(req, data) {
    const messages = field(data, 'chat_messages');
    const conversationId =
      asString(field(data, 'uuid'))?.toLowerCase() ??
      CONVERSATION.exec(req.url.pathname)?.[1]?.toLowerCase();
    if (!Array.isArray(messages) || !conversationId)
      return [{ t: 'anomaly', what: 'unknown-shape' }];
    const byId = new Map<string, unknown>();
    for (const msg of messages) {
      const id = asString(field(msg, 'uuid'));
      if (id) byId.set(id, msg);
    }
    // The branch the page shows: from the current leaf up through the parents.
    let at =
      asString(field(data, 'current_leaf_message_uuid')) ??
      asString(field(messages.at(-1), 'uuid'));
    const ids: string[] = [];
    const texts: string[] = [];
    const seen = new Set<string>();
    let users = 0;
    let assistants = 0;
    while (at && byId.has(at) && !seen.has(at)) {
      seen.add(at);
      const msg = byId.get(at);
      const sender = field(msg, 'sender');
      if (sender === 'human') users++;
      else if (sender === 'assistant') assistants++;
      ids.push(at);
      texts.push(messageText(msg));
      const parent = asString(field(msg, 'parent_message_uuid'));
      if (!parent || parent === ROOT) break;
      at = parent;
    }
    return [
      {
        t: 'conversation',
        conversationId,
        ids: ids.reverse().slice(-MAX_IDS),
        texts: capTexts(texts.reverse().slice(-MAX_IDS)),
        users,
        assistants,
      },
    ];
  },
};
