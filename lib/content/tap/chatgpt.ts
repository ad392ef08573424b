import type { TapEvent, TapReply } from './events';
import { capTexts, MAX_IDS } from './events';
import { asString, field, lineReader, StreamTiming, tryJson, type TrafficParser } from './fetch';

/**
 * ChatGPT's traffic (evidence: tests/fixtures/NOTES.md §1.6; chat-sites-2026.md §1.2, §1.6):
 * `POST /backend-api/f/conversation` (before 2026-06 `/backend-api/conversation`) streams
 * SSE, either full message snapshots or "delta encoding v1" patches against a document per
 * message (`c`); `GET /backend-api/conversation/<id>` is the conversation the page loads.
 */

const STREAM = /^\/backend-api\/(?:f\/)?conversation\/?$/;
const CONVERSATION = /^\/backend-api\/conversation\/([0-9a-f-]{8,})\/?$/i;

type Json = Record<string, unknown>;
interface Doc {
  message: Json;
}

/** The object a path ends in and its last key, or null when the path leads nowhere. */
function locate(doc: Json, path: string): [Json, string] | null {
  const segs = path.split('/').slice(1);
  if (segs.length === 0) return null;
  let at: unknown = doc;
  for (const s of segs.slice(0, -1)) {
    const next = (at as Json)[s];
    if (typeof next !== 'object' || next === null) return null;
    at = next;
  }
  return [at as Json, segs[segs.length - 1]!];
}

/** Applies one delta-encoding operation to a document (paths relative to its root). */
function apply(doc: Json, path: string, op: string, value: unknown): boolean {
  const place = locate(doc, path);
  if (!place) return false;
  const [target, last] = place;
  const cur = target[last];
  if (op === 'append') {
    if (typeof cur === 'string' && typeof value === 'string') target[last] = cur + value;
    else if (Array.isArray(cur)) cur.push(...(Array.isArray(value) ? value : [value]));
    else if (typeof cur === 'object' && cur !== null && typeof value === 'object' && value)
      Object.assign(cur, value);
    else if (cur === undefined) target[last] = value;
    else return false;
    return true;
  }
  if (op === 'replace' || op === 'add') {
    target[last] = value;
    return true;
  }
  if (op === 'remove') {
    delete target[last];
    return true;
  }
  return false;
}

function partsText(message: Json): string {
  const parts = field(field(message, 'content'), 'parts');
  if (!Array.isArray(parts)) return '';
  return parts.filter((p): p is string => typeof p === 'string').join('\n');
}

/** Hidden messages the model still reads: memory (`model_editable_context`), custom instructions. */
const CONTEXT_TYPES = /^(?:model|user)_editable_context$/;
/** Reasoning documents: earlier turns' reasoning is not re-sent to the model (providers' docs). */
const REASONING_TYPES = /^(?:thoughts|reasoning_recap)$/;

/**
 * The text of a stored message as the model re-reads it: its parts, or a code or tool
 * document's text; every string field of a memory or instructions document (their field
 * names are not documented); nothing of reasoning.
 */
function contextText(message: Json): string {
  const content = field(message, 'content');
  const type = String(field(content, 'content_type'));
  if (REASONING_TYPES.test(type)) return '';
  if (CONTEXT_TYPES.test(type))
    return Object.entries(content as Json)
      .filter(([k, v]) => k !== 'content_type' && typeof v === 'string')
      .map(([, v]) => v as string)
      .join('\n');
  const parts = partsText(message);
  if (parts) return parts;
  const text = field(content, 'text') ?? field(content, 'result');
  return typeof text === 'string' ? text : '';
}

/** Generated images in a message: image parts of a tool's or the assistant's multimodal content. */
function imageParts(message: Json): number {
  const r = role(message);
  const content = field(message, 'content');
  if ((r !== 'tool' && r !== 'assistant') || field(content, 'content_type') !== 'multimodal_text')
    return 0;
  const parts = field(content, 'parts');
  return Array.isArray(parts)
    ? parts.filter((p) => field(p, 'content_type') === 'image_asset_pointer').length
    : 0;
}

function role(message: unknown): unknown {
  return field(field(message, 'author'), 'role');
}

export const chatgptTraffic: TrafficParser = {
  kind(req) {
    if (req.method === 'POST' && STREAM.test(req.url.pathname)) return 'stream';
    if (req.method === 'GET' && CONVERSATION.test(req.url.pathname)) return 'json';
    return null;
  },

  stream(req) {
    const body = tryJson(req.body ?? '');
    const action = field(body, 'action');
    const sent = field(body, 'messages');
    const first = Array.isArray(sent) ? sent[0] : undefined;
    // `next` sends a new prompt; `variant` regenerates a reply to an existing one.
    const prompt =
      action !== 'variant' && role(first) === 'user'
        ? { id: asString(field(first, 'id')), text: partsText(first as Json) }
        : null;
    // The message the prompt follows: an edit names an earlier one (its context is the branch there).
    const promptParent = asString(field(body, 'parent_message_id'));
    let conversationId = asString(field(body, 'conversation_id'));
    // Uploads are named in the prompt's metadata; their extracted text never reaches the page.
    const attached = field(field(first, 'metadata'), 'attachments');
    const timing = new StreamTiming(req.sentAt);
    const parentOfReply = prompt?.id ?? asString(field(body, 'parent_message_id'));
    const docs: Doc[] = [];
    let lastPath = '';
    let lastOp = '';
    // Nearly every line of a reply appends to the same string as the line before: its place
    // is found once per run of appends, not by path on every line. Any other operation may
    // replace an object on the way, so it ends the run.
    let run: { doc: Json; path: string; place: [Json, string] } | null = null;
    let promptSent = false;
    let finished = false;
    let unknown = 0;

    const out: TapEvent[] = [];
    const sendPrompt = () => {
      if (promptSent || !prompt) return;
      promptSent = true;
      out.push({
        t: 'prompt',
        conversationId,
        id: prompt.id,
        text: prompt.text,
        ...(promptParent ? { parentId: promptParent } : {}),
      });
    };
    const current = (): Json | undefined => docs[docs.length - 1] as Json | undefined;
    const startDoc = (v: unknown) => {
      const message = field(v, 'message');
      if (typeof message !== 'object' || message === null) return false;
      conversationId ??= asString(field(v, 'conversation_id'));
      const d = { message: message as Json };
      const i = docs.findIndex((x) => field(x.message, 'id') === field(message, 'id'));
      if (i >= 0) docs[i] = d;
      else docs.push(d);
      return true;
    };
    const patch = (op: unknown): boolean => {
      const doc = current();
      const p = field(op, 'p');
      const o = field(op, 'o');
      if (typeof p === 'string') lastPath = p;
      if (typeof o === 'string') lastOp = o;
      const v = field(op, 'v');
      if (lastOp === 'append' && typeof v === 'string') timing.saw(at);
      if (lastOp === 'patch' && Array.isArray(v)) return v.every((x) => patch(x));
      if (lastPath === '' && lastOp === 'add') return startDoc(v);
      if (!doc) return false;
      if (lastOp === 'append' && typeof v === 'string') {
        if (run?.doc !== doc || run.path !== lastPath) {
          const place = locate(doc, lastPath);
          run = place ? { doc, path: lastPath, place } : null;
        }
        const [target, key] = run?.place ?? [];
        if (target && key !== undefined && typeof target[key] === 'string') {
          target[key] += v;
          return true;
        }
      }
      run = null;
      return apply(doc, lastPath, lastOp, v);
    };

    let at: number | undefined;
    const line = (l: string, when: number | undefined) => {
      if (!l.startsWith('data:')) return;
      at = when;
      const data = l.slice(5).trim();
      if (data === '[DONE]') {
        finished = true;
        return;
      }
      const v = tryJson(data);
      if (typeof v === 'string' || v === undefined) {
        if (v === undefined) unknown++;
        return;
      }
      const type = field(v, 'type');
      if (type === 'message_stream_complete') {
        finished = true;
        conversationId ??= asString(field(v, 'conversation_id'));
        return;
      }
      if (typeof type === 'string') {
        conversationId ??= asString(field(v, 'conversation_id'));
        return; // title, metadata, input_message echoes: nothing to count
      }
      if (field(v, 'message') !== undefined) {
        if (!startDoc(v)) unknown++;
      } else if (field(v, 'v') !== undefined || field(v, 'o') !== undefined) {
        if (!patch(v)) unknown++;
      } else unknown++;
      if (conversationId || docs.length) sendPrompt();
    };

    return lineReader(out, line, (cut) => {
      const answer = [...docs]
        .reverse()
        .find(
          (d) =>
            role(d.message) === 'assistant' &&
            /text$/.test(String(field(field(d.message, 'content'), 'content_type'))) &&
            (field(d.message, 'recipient') ?? 'all') === 'all',
        );
      if (!answer) {
        if (!cut || unknown > 0) out.push({ t: 'anomaly', what: 'unknown-shape' });
        return;
      }
      sendPrompt();
      const thoughts = docs
        .map((d) => field(d.message, 'content'))
        .filter((c) => field(c, 'content_type') === 'thoughts')
        .flatMap((c) => {
          const t = field(c, 'thoughts');
          return Array.isArray(t) ? t : [];
        })
        .map((t) => [field(t, 'summary'), field(t, 'content')].filter(Boolean).join('\n'))
        .join('\n');
      const meta = field(answer.message, 'metadata');
      const secs = docs
        .map((d) => field(field(d.message, 'metadata'), 'finished_duration_sec'))
        .find((s) => typeof s === 'number');
      const status = field(answer.message, 'status');
      const reply: TapReply = {
        t: 'reply',
        conversationId,
        id: asString(field(answer.message, 'id')),
        parentId: asString(field(meta, 'parent_id')) ?? parentOfReply,
        text: partsText(answer.message),
        model: asString(field(meta, 'model_slug'))?.slice(0, 100) ?? null,
        status: status === 'finished_successfully' || (finished && !cut) ? 'complete' : 'stopped',
      };
      if (thoughts) reply.reasoning = thoughts;
      if (typeof secs === 'number') reply.reasoningMs = secs * 1000;
      timing.apply(reply);
      const images = docs.reduce((n, d) => n + imageParts(d.message), 0);
      if (images) reply.images = images;
      const searches = docs.reduce((n, d) => {
        const q = field(field(d.message, 'metadata'), 'search_queries');
        return n + (Array.isArray(q) ? q.length : 0);
      }, 0);
      if (searches) reply.searches = searches;
      if (Array.isArray(attached) && attached.length) reply.filesGuessed = attached.length;
      out.push(reply);
    });
  },

  json(req, data) {
    const mapping = field(data, 'mapping');
    if (typeof mapping !== 'object' || mapping === null)
      return [{ t: 'anomaly', what: 'unknown-shape' }];
    const nodes = mapping as Record<string, unknown>;
    const ids: string[] = [];
    const texts: string[] = [];
    let users = 0;
    let assistants = 0;
    // The branch the page shows: from current_node up through the parents.
    let at = asString(field(data, 'current_node'));
    const seen = new Set<string>();
    while (at && !seen.has(at) && seen.size < 100_000) {
      seen.add(at);
      const node = nodes[at];
      const message = field(node, 'message');
      const r = role(message);
      const hidden = field(field(message, 'metadata'), 'is_visually_hidden_from_conversation');
      const type = field(field(message, 'content'), 'content_type');
      if ((r === 'user' || r === 'assistant') && !hidden) {
        if (r === 'user') users++;
        // A reasoning document is part of the reply the page shows, not a turn of its own.
        else if (
          (field(message, 'recipient') ?? 'all') === 'all' &&
          !(typeof type === 'string' && REASONING_TYPES.test(type))
        )
          assistants++;
        ids.push(at);
        texts.push(contextText(message as Json));
      } else if (r === 'tool' || (hidden && typeof type === 'string' && CONTEXT_TYPES.test(type))) {
        // Not turns the page shows, but input the model re-reads (issue #14): tool results,
        // and the memory and custom instructions the page's data carries.
        ids.push(at);
        texts.push(contextText(message as Json));
      }
      at = asString(field(node, 'parent'));
    }
    const id =
      asString(field(data, 'conversation_id')) ?? CONVERSATION.exec(req.url.pathname)?.[1] ?? '';
    if (!id) return [{ t: 'anomaly', what: 'unknown-shape' }];
    return [
      {
        t: 'conversation',
        conversationId: id,
        ids: ids.reverse().slice(-MAX_IDS),
        texts: capTexts(texts.reverse().slice(-MAX_IDS)),
        users,
        assistants,
      },
    ];
  },
};
