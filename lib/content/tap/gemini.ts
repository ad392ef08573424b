import type { TapEvent, TapReply } from './events';
import { capTexts, MAX_IDS } from './events';
import { lineReader, StreamTiming, tryJson, type StreamReader, type TrafficParser } from './fetch';

/**
 * Gemini's traffic (gemini-2026.md §5, HanaokaYuzu's client 2025-11 → 2026-03; LOW: no raw
 * capture in any named repository). Replies stream from `StreamGenerate`, the loaded
 * conversation comes from `batchexecute?rpcids=hNvQHb`. Both bodies are `)]}'` then
 * length-prefixed frames, one JSON array per line; a data row is `["wrb.fr", rpcid,
 * "<payload JSON>"]`. The lengths are not trusted: frames are read by line.
 */

const STREAM =
  /^(?:\/u\/\d+)?\/_\/BardChatUi\/data\/assistant\.lamda\.BardFrontendService\/StreamGenerate$/;
const BATCH = /^(?:\/u\/\d+)?\/_\/BardChatUi\/data\/batchexecute$/;
const READ_CHAT = 'hNvQHb';
const CARD = /^https?:\/\/googleusercontent\.com\/card_content\//;

type Json = unknown;
const at = (v: Json, ...path: number[]): Json => {
  let x = v;
  for (const i of path) {
    if (!Array.isArray(x)) return undefined;
    x = x[i];
  }
  return x;
};
const str = (v: Json): string | null => (typeof v === 'string' ? v : null);
/** `c_…` / `r_…` ids: the conversation's hex is the URL's, the reply's keeps its prefix. */
const hexOf = (v: Json, prefix: string): string | null => {
  const s = str(v);
  return s && s.startsWith(prefix) && s.length <= 200 ? s.slice(prefix.length).toLowerCase() : null;
};

/** The payloads of the `wrb.fr` rows in one line of the frame format (none for other lines). */
function payloads(line: string, rpc: string | null): Json[] | null {
  let l = line.trim();
  if (!l || l === ")]}'" || /^\d+$/.test(l)) return [];
  l = l.replace(/^\d+(?=\[)/, '');
  const rows = tryJson(l);
  if (!Array.isArray(rows)) return null;
  const out: Json[] = [];
  for (const row of rows) {
    if (!Array.isArray(row) || row[0] !== 'wrb.fr' || typeof row[2] !== 'string') continue;
    if (rpc !== null && row[1] !== rpc) continue;
    const p = tryJson(row[2]);
    if (p !== undefined) out.push(p);
  }
  return out;
}

/** A candidate's text: `cand[1][0]`, or its alternative when that is a card placeholder. */
function candidateText(cand: Json): string {
  const t = str(at(cand, 1, 0)) ?? '';
  return CARD.test(t) ? (str(at(cand, 22, 0)) ?? '') : t;
}

/** The prompt's request: `f.req=[null, "<inner JSON>"]` as a form body. */
function innerOf(body: string | null): Json {
  if (!body) return undefined;
  try {
    const outer = tryJson(new URLSearchParams(body).get('f.req') ?? '');
    return tryJson(str(at(outer, 1)) ?? '');
  } catch {
    return undefined;
  }
}

/**
 * The last prompt the page sent: a Redo re-sends it with the same previous-turn metadata
 * (`inner[2]`), answering the prompt already counted.
 */
interface LastSent {
  key: string;
  promptId: string | null;
}

function streamReader(
  body: string | null,
  sentAt: number | undefined,
  memo: { last: LastSent | null },
): StreamReader {
  const inner = innerOf(body);
  // inner[45] = 1: a temporary chat, which Gemini keeps out of its history (no conversation).
  const temporary = at(inner, 45) === 1;
  const sentCid = hexOf(at(inner, 2, 0), 'c_');
  const key = sentCid ? JSON.stringify([at(inner, 2), at(inner, 0, 0)]) : null;
  const redo = key !== null && memo.last?.key === key ? memo.last : null;
  const promptText = redo ? null : str(at(inner, 0, 0));
  const sent: LastSent = { key: key ?? '', promptId: null };
  if (!redo) memo.last = key ? sent : null;
  const files = at(inner, 0, 3);
  const timing = new StreamTiming(sentAt);
  const out: TapEvent[] = [];
  let cid: string | null = null;
  let rid: string | null = null;
  let text = '';
  let thoughts = '';
  let done = false;
  let data = 0;
  let unknown = 0;
  let promptSent = false;

  const line = (l: string, t: number | undefined) => {
    const ps = payloads(l, null);
    if (ps === null) {
      unknown++;
      return;
    }
    for (const p of ps) {
      const cand = at(p, 4, 0);
      const pid = hexOf(at(p, 1, 0), 'c_');
      const prid = str(at(p, 1, 1));
      if (!Array.isArray(cand) && !pid) continue; // status rows (queueing) carry neither
      data++;
      cid = pid ?? cid;
      if (prid?.startsWith('r_')) rid = prid.toLowerCase();
      if (rid && !redo) sent.promptId ??= `q_${rid.slice(2)}`;
      if (!promptSent && promptText !== null) {
        promptSent = true;
        out.push({
          t: 'prompt',
          conversationId: temporary ? null : cid,
          // The DOM keys a prompt by its reply's id (lib/content/sites/gemini.ts).
          id: rid ? `q_${rid.slice(2)}` : null,
          text: promptText,
        });
      }
      if (!Array.isArray(cand)) continue;
      const next = candidateText(cand);
      const th = str(at(cand, 37, 0, 0)) ?? thoughts;
      if (next.length > text.length || th.length > thoughts.length) timing.saw(t);
      // Cumulative: each frame repeats the text so far (a shorter one is a rewrite).
      text = next || text;
      thoughts = th;
      if (at(cand, 8, 0) === 2) done = true;
    }
  };

  return lineReader(out, line, (cut) => {
    if (data === 0) {
      out.push({ t: 'anomaly', what: 'unknown-shape' });
      return;
    }
    const reply: TapReply = {
      t: 'reply',
      conversationId: temporary ? null : cid,
      id: rid,
      parentId: redo ? redo.promptId : rid ? `q_${rid.slice(2)}` : null,
      text,
      model: null,
      status: done && !cut ? 'complete' : 'stopped',
    };
    if (thoughts) reply.reasoning = thoughts;
    if (Array.isArray(files) && files.length) reply.filesGuessed = Math.min(files.length, 100);
    timing.apply(reply);
    if (unknown > 0 && !text) out.push({ t: 'anomaly', what: 'unknown-shape' });
    out.push(reply);
  });
}

/** Seconds of a turn's `[sec, nanos]` timestamp, when it has one. */
function turnTime(turn: Json): number | null {
  if (!Array.isArray(turn)) return null;
  for (const x of turn)
    if (Array.isArray(x) && x.length === 2 && typeof x[0] === 'number' && typeof x[1] === 'number')
      return x[0] + x[1] / 1e9;
  return null;
}

function conversation(text: string): TapEvent[] {
  const turns: Json[] = [];
  for (const l of text.split('\n')) {
    const ps = payloads(l, READ_CHAT);
    for (const p of ps ?? []) {
      const list = at(p, 0);
      if (Array.isArray(list)) turns.push(...list);
    }
  }
  const read = turns
    .map((turn) => ({
      cid: hexOf(at(turn, 0, 0), 'c_'),
      rid: hexOf(at(turn, 0, 1), 'r_'),
      user: str(at(turn, 2, 0, 0)),
      reply: Array.isArray(at(turn, 3, 0, 0)) ? candidateText(at(turn, 3, 0, 0)) : null,
      time: turnTime(turn),
    }))
    .filter((t) => t.cid && t.rid);
  if (read.length === 0) return [{ t: 'anomaly', what: 'unknown-shape' }];
  // Newest first as sent, or in no promised order: by timestamp when every turn has one.
  if (read.every((t) => t.time !== null)) read.sort((a, b) => a.time! - b.time!);
  else read.reverse();
  const ids: string[] = [];
  const texts: string[] = [];
  let users = 0;
  let assistants = 0;
  for (const t of read) {
    if (t.user !== null) {
      ids.push(`q_${t.rid}`);
      texts.push(t.user);
      users++;
    }
    if (t.reply !== null) {
      ids.push(`r_${t.rid}`);
      texts.push(t.reply);
      assistants++;
    }
  }
  return [
    {
      t: 'conversation',
      conversationId: read[0]!.cid!,
      ids: ids.slice(-MAX_IDS),
      texts: capTexts(texts.slice(-MAX_IDS)),
      users,
      assistants,
    },
  ];
}

/** One page's parser: it remembers the last prompt sent, to tell a Redo from a new prompt. */
export function createGeminiTraffic(): TrafficParser {
  const memo: { last: LastSent | null } = { last: null };
  return {
    kind(req) {
      if (req.method !== 'POST') return null;
      if (STREAM.test(req.url.pathname)) return 'stream';
      const rpcs = req.url.searchParams.get('rpcids')?.split(',') ?? [];
      if (BATCH.test(req.url.pathname) && rpcs.includes(READ_CHAT)) return 'json';
      return null;
    },

    stream(req) {
      return streamReader(req.body, req.sentAt, memo);
    },

    json(_req, data) {
      return typeof data === 'string'
        ? conversation(data)
        : [{ t: 'anomaly', what: 'unknown-shape' }];
    },
  };
}

export const geminiTraffic = createGeminiTraffic();
