import { showResponseBadge } from '../ResponseBadge';
import { MAX_TEXT_LENGTH, sendMessage, type CaptureMessage } from '../../shared/messaging';
import type { SiteId } from '../../shared/types';
import { DeliveryQueue } from './queue';
import type { Decision } from './reconciler';

/** Anchors kept for the per-response badge; bounded like the queue. */
const MAX_ANCHORS = 200;

/**
 * What the reconciler decided, on its way to the worker: shaped and bounded as the protocol
 * wants, delivered in order until acknowledged, and the opt-in badge drawn from the ack.
 */
export class Delivery {
  readonly #queue: DeliveryQueue;
  // Response elements awaiting their ack: the worker returns grams only when the badge is on.
  readonly #anchors = new Map<string, Element>();

  readonly #site: SiteId;
  constructor(
    site: SiteId,
    lifetime: { setTimeout(fn: () => void, ms: number): unknown; isValid(): boolean },
  ) {
    this.#site = site;
    this.#queue = new DeliveryQueue({
      send: async (m) => {
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

  push(d: Decision): void {
    const msg = toMessage(this.#site, d);
    if (d.kind === 'response' && d.anchor instanceof Element) {
      this.#anchors.set(msg.key, d.anchor);
      if (this.#anchors.size > MAX_ANCHORS)
        this.#anchors.delete(this.#anchors.keys().next().value!);
    }
    this.#queue.push(msg);
  }
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
