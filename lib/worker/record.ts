import type { CaptureAck, CaptureMessage } from '../shared/messaging';
import type { TokenprintDB } from '../db/schema';
import { storageKey } from '../db/keys';
import { addPrompt, addResponse } from '../db/write';
import { pruneIfDue } from '../db/window';
import { countSiteTokens } from '../model/tokenize';
import { modelSpec, resolveModelId } from '../model/carbon/models';
import { timingThinkMs } from '../model/carbon/exchange';
import { judgeThinkMs, MAX_EXCHANGE_COUNT, MAX_STREAM_MS, type Exchange } from '../db/exchange';
import type { Measured } from '../shared/messaging';
import { contextCounts, type ContextCounts } from './context';

/**
 * Records one captured turn. Idempotent on (site, key): a re-delivered message is
 * acknowledged as a duplicate and changes nothing. The text is tokenized here and then goes
 * out of scope; only counts reach the database. The page's raw model label is mapped to a
 * catalogue id here (not in the content script, which stays small).
 */
export async function recordCapture(
  database: TokenprintDB,
  msg: CaptureMessage,
  counts: ContextCounts = contextCounts(),
): Promise<CaptureAck> {
  const id = `${msg.site}:${msg.key}`;
  // Cheap duplicate check before tokenizing (a re-delivered 1 MB message costs nothing).
  const seen = msg.kind === 'prompt' ? database.captured : database.interactions;
  if ((await seen.get(storageKey(id))) !== undefined) return { ok: true, duplicate: true };
  const model = resolveModelId(msg.site, msg.modelLabel);
  const { tokens } = await countSiteTokens(msg.text, msg.site);
  // The turn's count joins its conversation's ledger: later replies re-read it.
  // A failing ledger costs the context, never the turn.
  if (msg.ctx)
    await counts
      .note(msg.site, msg.ctx.conv, msg.key, msg.ctx.parent, tokens)
      .catch(() => undefined);

  if (msg.kind === 'prompt') {
    const added = await addPrompt(
      database,
      {
        id,
        at: msg.at,
        site: msg.site,
        conversationId: msg.conversationId ?? '',
        tokens,
      },
      model,
    );
    if (!added) return { ok: true, duplicate: true };
    // The prompt-key window's daily prune (lib/db/window.ts): a map lookup unless a day has
    // passed; not awaited, the ack does not wait for it.
    void pruneIfDue(database).catch(() => undefined);
    return { ok: true };
  }

  const reasoningTokens = msg.reasoning
    ? (await countSiteTokens(msg.reasoning, msg.site)).tokens
    : undefined;
  const row = await addResponse(database, {
    id,
    at: msg.at,
    site: msg.site,
    conversationId: msg.conversationId,
    model,
    outputTokens: tokens + (reasoningTokens ?? 0),
    ...(reasoningTokens ? { reasoningTokens } : {}),
    ...exchangeFields(msg.measured, model, msg.modelLabel),
    ...(msg.ctx ? await contextFields(msg.site, msg.ctx, counts).catch(() => ({})) : {}),
    promptId: msg.promptKey ? `${msg.site}:${msg.promptKey}` : null,
  });
  return row ? { ok: true } : { ok: true, duplicate: true };
}

/**
 * A response's context: the counts the ledger holds along its branch ('dom' when any is
 * missing: a lower bound), and the tokens of files attached to its prompt, which the
 * prompt's count then carries into every later context.
 */
async function contextFields(
  site: CaptureMessage['site'],
  ctx: NonNullable<CaptureMessage['ctx']>,
  counts: ContextCounts,
): Promise<Partial<Exchange>> {
  const out: Partial<Exchange> = {};
  if (ctx.anchor !== undefined) {
    const { tokens, whole } = await counts.sum(site, ctx.conv, ctx.anchor);
    out.contextTokens = Math.min(tokens, MAX_EXCHANGE_COUNT);
    out.contextFrom = whole && ctx.from === 'tap' ? 'tap' : 'dom';
  }
  if (ctx.files?.length) {
    let fileTokens = 0;
    for (const f of ctx.files) fileTokens += (await countSiteTokens(f, site)).tokens;
    out.fileTokens = Math.min(fileTokens, MAX_EXCHANGE_COUNT);
    if (ctx.parent !== null) await counts.add(site, ctx.conv, ctx.parent, fileTokens);
  }
  return out;
}

/**
 * The stored fields of what a capture measured: durations judged, timings past bounds dropped.
 * Hidden reasoning, in order: the traffic's duration, the page's label ('unparsed' when it
 * has no time), else for a reasoning model the measured time to first token ('timing'),
 * else 'none': with thinkMs 0 for a model that does not reason (known: none), without it for
 * a reasoning model that showed no time at all (unknown, as 'unparsed').
 */
export function exchangeFields(
  m: Measured | undefined,
  model: string,
  label: string | null = null,
): Partial<Exchange> {
  const out: Partial<Exchange> = {};
  for (const f of ['ttftMs', 'streamMs'] as const)
    if (m?.[f] !== undefined && m[f] <= MAX_STREAM_MS) out[f] = Math.round(m[f]);
  for (const f of ['images', 'searches', 'filesGuessed'] as const) if (m?.[f]) out[f] = m[f];
  if (m?.thinkFrom === 'unparsed') out.thinkHow = 'unparsed';
  else if (m?.thinkMs !== undefined && m.thinkFrom)
    Object.assign(out, judgeThinkMs(m.thinkMs, m.thinkFrom));
  else {
    const spec = modelSpec(model);
    // The catalogue files some thinking modes under their base model (GPT-5.2 Thinking as
    // GPT-5.2): the served slug or the page's label still says so.
    const reasoning = (spec?.reasoning ?? false) || THINKING.test(label ?? '');
    const ms = timingThinkMs(out.ttftMs, spec, reasoning);
    if (ms !== null) Object.assign(out, judgeThinkMs(ms, 'timing'));
    else Object.assign(out, reasoning ? { thinkHow: 'none' } : { thinkMs: 0, thinkHow: 'none' });
  }
  return out;
}

const THINKING = /think|reason/i;
