import type { TapEvent, TapReply } from './events';
import { capTexts, MAX_IDS } from './events';
import { asString, field, lineReader, StreamTiming, tryJson, type TrafficParser } from './fetch';

/**
 * Le Chat's traffic, the thinnest evidence of the three (chat-sites-2026.md §3.2, §3.6:
 * jaydai-full 2025-07 and unattributed 2026 files; LOW): replies stream from `POST
 * /api/chat` as lines `<tag>:<json>` (a JSON string is answer text; objects carry ids,
 * model, `thinkingTime`, reasoning parts or a finish reason; a line `…:null` ends it);
 * the conversation loads through tRPC (`GET /api/trpc/…message.all…?batch=1`), whose
 * results carry `{items[], nextCursor}` of messages `{id, role, …}`.
 */

const STREAM = /^\/api\/chat\/?$/;
const TRPC = /^\/api\/trpc\/([^/]+)$/;
const LINE = /^([0-9a-z]{1,4}):(.*)$/i;

/** The first `{items: [...]}` found in a tRPC batch (array, object or JSON lines). */
function findItems(data: unknown, depth = 0): unknown[] | null {
  if (depth > 8 || data === null || typeof data !== 'object') return null;
  const items = field(data, 'items');
  if (Array.isArray(items) && items.some((i) => field(i, 'role') !== undefined)) return items;
  for (const v of Array.isArray(data) ? data : Object.values(data)) {
    const found = findItems(v, depth + 1);
    if (found) return found;
  }
  return null;
}

/** A stored message's text: `content`, or its text chunks (`contentChunks`, §3.4). */
function itemText(item: unknown): string {
  const content = field(item, 'content');
  if (typeof content === 'string') return content;
  const chunks = field(item, 'contentChunks') ?? content;
  if (!Array.isArray(chunks)) return '';
  return chunks
    .map((c) => (field(c, 'type') === 'text' ? field(c, 'text') : undefined))
    .filter((t): t is string => typeof t === 'string')
    .join('');
}

export const lechatTraffic: TrafficParser = {
  kind(req) {
    if (req.method === 'POST' && STREAM.test(req.url.pathname)) return 'stream';
    const m = TRPC.exec(req.url.pathname);
    if (req.method === 'GET' && m && m[1]!.split(',').includes('message.all')) return 'json';
    return null;
  },

  stream(req) {
    const body = tryJson(req.body ?? '');
    const conversationId = asString(field(body, 'chatId'));
    const input = field(body, 'messageInput') ?? field(body, 'content') ?? field(body, 'message');
    const promptText =
      typeof input === 'string'
        ? input
        : Array.isArray(input)
          ? input
              .map((p) => field(p, 'text'))
              .filter((t) => typeof t === 'string')
              .join('\n')
          : null;
    // A retry carries no new input.
    const promptId = asString(field(body, 'messageId'));
    let text = '';
    let reasoning = '';
    let id: string | null = null;
    let model: string | null = asString(field(body, 'model'));
    let thinkingMs: number | undefined;
    let finished = false;
    let seen = 0;
    let unknown = 0;
    let promptSent = false;
    let images = 0;
    let searches = 0;
    const timing = new StreamTiming(req.sentAt);
    const out: TapEvent[] = [];

    const line = (l: string, at: number | undefined) => {
      const m = LINE.exec(l);
      if (!m) {
        if (l.trim()) unknown++;
        return;
      }
      seen++;
      if (!promptSent && promptText !== null) {
        promptSent = true;
        out.push({ t: 'prompt', conversationId, id: promptId, text: promptText });
      }
      if (m[2]!.trim() === 'null') {
        finished = true;
        return;
      }
      const v = tryJson(m[2]!);
      if (typeof v === 'string') {
        text += v;
        timing.saw(at);
        return;
      }
      if (typeof v !== 'object' || v === null) {
        unknown++;
        return;
      }
      for (const o of Array.isArray(v) ? v : [v]) {
        id = asString(field(o, 'messageId')) ?? id;
        model = asString(field(o, 'model')) ?? model;
        const t = field(o, 'thinkingTime');
        if (typeof t === 'number') thinkingMs = t * 1000;
        if (field(o, 'type') === 'reasoning' && typeof field(o, 'text') === 'string') {
          reasoning += field(o, 'text') as string;
          timing.saw(at);
        }
        // Tool calls by name (chat-sites-2026.md §3.4; LOW evidence).
        if (field(o, 'type') === 'tool_call') {
          const name = field(o, 'name');
          if (name === 'web_search') searches++;
          else if (name === 'generate_image' || name === 'image_generation') images++;
        }
        if (field(o, 'finishReason') !== undefined) finished = true;
      }
    };

    return lineReader(out, line, (cut) => {
      if (seen === 0) {
        out.push({ t: 'anomaly', what: 'unknown-shape' });
        return;
      }
      const reply: TapReply = {
        t: 'reply',
        conversationId,
        id,
        parentId: promptId,
        text,
        model: model?.slice(0, 100) ?? null,
        status: finished && !cut ? 'complete' : 'stopped',
      };
      if (reasoning) reply.reasoning = reasoning;
      if (thinkingMs !== undefined) reply.reasoningMs = thinkingMs;
      timing.apply(reply);
      if (images) reply.images = images;
      if (searches) reply.searches = searches;
      if (unknown > 0 && !text) out.push({ t: 'anomaly', what: 'unknown-shape' });
      out.push(reply);
    });
  },

  json(req, data) {
    let parsed = data;
    if (typeof data === 'string')
      parsed = data
        .split('\n')
        .map((l) => tryJson(l))
        .filter((x) => x !== undefined);
    const items = findItems(parsed);
    const input = tryJson(req.url.searchParams.get('input') ?? '');
    const fromInput = asString(field(field(field(input, '2'), 'json'), 'chatId'));
    const conversationId = asString(field(items?.[0], 'chatId')) ?? fromInput;
    if (!items || !conversationId) return [{ t: 'anomaly', what: 'unknown-shape' }];
    let users = 0;
    let assistants = 0;
    const ids: string[] = [];
    const texts: string[] = [];
    for (const item of items) {
      const r = field(item, 'role');
      const id = asString(field(item, 'id'));
      if (!id) continue;
      if (r === 'user') users++;
      else if (r === 'assistant') assistants++;
      else continue;
      ids.push(id);
      texts.push(itemText(item));
    }
    return [
      {
        t: 'conversation',
        conversationId: conversationId.toLowerCase(),
        ids: ids.slice(-MAX_IDS),
        texts: capTexts(texts.slice(-MAX_IDS)),
        users,
        assistants,
      },
    ];
  },
};
