import { showResponseBadge } from '../ResponseBadge';
import {
  MAX_CONTEXT_TURNS,
  MAX_TEXT_LENGTH,
  sendMessage,
  type CaptureAck,
  type CaptureMessage,
  type ContextTurn,
} from '../../shared/messaging';
import type { SiteId } from '../../shared/types';
import type { Placed } from './context';
import { DeliveryQueue } from './queue';
import type { Decision } from './reconciler';

/** History texts per context message: a long conversation goes in slices the page hardly feels. */
export const SLICE_CHARS = 256_000;

/** History turns to hand to the worker, in order with the captures around them. */
interface ContextJob {
  conv: string;
  turns: ContextTurn[];
}
type Outgoing = CaptureMessage | ContextJob;

/** Anchors kept for the per-response badge; bounded like the queue. */
const MAX_ANCHORS = 200;

/**
 * What the reconciler decided, on its way to the worker: shaped and bounded as the protocol
 * wants, delivered in order until acknowledged, and the opt-in badge drawn from the ack.
 */
export class Delivery {
  readonly #queue: DeliveryQueue<Outgoing>;
  // Response elements awaiting their ack: the worker returns grams only when the badge is on.
  readonly #anchors = new Map<string, Element>();

  readonly #site: SiteId;
  constructor(
    site: SiteId,
    lifetime: { setTimeout(fn: () => void, ms: number): unknown; isValid(): boolean },
  ) {
    this.#site = site;
    this.#queue = new DeliveryQueue<Outgoing>({
      send: async (m) => {
        if ('turns' in m) return sendContext(site, m);
        const ack = await sendMessage('capture', m);
        const anchor = this.#anchors.get(m.key);
        if (ack.ok) this.#anchors.delete(m.key);
        if (ack.ok && ack.gco2e && anchor?.isConnected) {
          try {
            showResponseBadge(anchor, ack.gco2e);
          } catch {
            // A badge is decoration: never let it disturb delivery or the page.
          }
        }
        return ack;
      },
      setTimeout: (fn, ms) => lifetime.setTimeout(fn, ms),
      isValid: () => lifetime.isValid(),
    });
  }

  push(d: Decision, placed?: Placed): void {
    const msg = toMessage(this.#site, d);
    if (placed) {
      msg.ctx = placed.ctx;
      if (placed.turns) this.#queue.push({ conv: placed.ctx.conv, turns: placed.turns });
    }
    if (d.kind === 'response' && d.anchor instanceof Element) {
      this.#anchors.set(msg.key, d.anchor);
      if (this.#anchors.size > MAX_ANCHORS)
        this.#anchors.delete(this.#anchors.keys().next().value!);
    }
    this.#queue.push(msg);
  }
}

/**
 * Asks the worker which history turns it has no count for (keys only), then sends their
 * texts in slices: a reloaded page, or a second tab, sends no text the worker has counted.
 */
export async function sendContext(
  site: SiteId,
  job: ContextJob,
  send = (m: Parameters<typeof sendMessage<'context'>>[1]) => sendMessage('context', m),
): Promise<Pick<CaptureAck, 'ok' | 'error'>> {
  const missing = new Set<string>();
  for (let i = 0; i < job.turns.length; i += MAX_CONTEXT_TURNS) {
    const keys = job.turns
      .slice(i, i + MAX_CONTEXT_TURNS)
      .map(({ key, parent }) => ({ key, parent }));
    const ack = await send({ v: 1, site, conv: job.conv, turns: keys });
    if (!ack.ok) return ack;
    for (const k of ack.missing ?? []) missing.add(k);
  }
  let slice: ContextTurn[] = [];
  let chars = 0;
  const flush = async () => {
    if (!slice.length) return { ok: true };
    const ack = await send({ v: 1, site, conv: job.conv, turns: slice });
    slice = [];
    chars = 0;
    return ack;
  };
  for (const t of job.turns) {
    if (!missing.has(t.key)) continue;
    const len = t.text?.length ?? 0;
    if (chars + len > SLICE_CHARS || slice.length >= MAX_CONTEXT_TURNS) {
      const ack = await flush();
      if (!ack.ok) return ack;
    }
    slice.push(t);
    chars += len;
  }
  return flush();
}

/** A decision as the protocol carries it: every string bounded, the text within the cap. */
export function toMessage(site: SiteId, d: Decision): CaptureMessage {
  const msg: CaptureMessage = {
    v: 1,
    site,
    kind: d.kind,
    key: d.key.slice(0, 200),
    conversationId: d.conversationId?.slice(0, 200) ?? null,
    modelLabel: d.model ? d.model.replace(/\s+/g, ' ').slice(0, 100) : null,
    at: d.at,
    // Past the cap the worker would refuse it and the whole turn would be lost.
    text: d.text.slice(0, MAX_TEXT_LENGTH),
    sources: d.sources,
  };
  if (d.reasoning)
    msg.reasoning = d.reasoning.slice(0, Math.max(0, MAX_TEXT_LENGTH - msg.text.length));
  if (d.promptKey) msg.promptKey = d.promptKey.slice(0, 200);
  if (d.kind === 'response' && d.measured) msg.measured = d.measured;
  return msg;
}
