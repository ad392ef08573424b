/**
 * The hand-off from the main-world tap to the isolated content script. Page scripts share
 * the DOM with both, so:
 * - the two sides agree on a random event name in a synchronous handshake that only runs
 *   before any page script can have run (`document.scripts` is empty at document_start);
 *   a page script cannot listen for an event whose name it does not know;
 * - each side takes one handshake: a later offer (a page script's forgery, or a tap loaded
 *   late) is refused and counted;
 * - nothing but the empty hello and ack ever goes from the isolated side to the page.
 * What remains possible is written up in docs/capture.md ("The channel between worlds").
 */

const HELLO = 'tokenprint:tap-hello';
const OFFER = 'tokenprint:tap-offer';
const ACK = 'tokenprint:tap-ack';

/** No page script has run yet: the only time a handshake is trusted. */
function beforePageScripts(doc: Document): boolean {
  return doc.scripts.length === 0;
}

/**
 * Main world: offers a fresh secret to the isolated side and returns the send function
 * (a no-op until the isolated side acks). References are taken now, before page scripts
 * can replace them.
 */
export function openTapSender(doc: Document = document): (event: unknown) => void {
  const dispatch = EventTarget.prototype.dispatchEvent;
  const addListener = EventTarget.prototype.addEventListener;
  const removeListener = EventTarget.prototype.removeEventListener;
  const Custom = CustomEvent;
  const stringify = JSON.stringify;
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  const secret = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  const channel = `tokenprint:${secret}`;
  let open = false;
  let done = false;
  const offer = () => {
    if (done || !beforePageScripts(doc)) return;
    dispatch.call(doc, new Custom(OFFER, { detail: secret }));
  };
  const onAck = (e: Event) => {
    // The ack carries the secret back: only the side that got our offer can send it.
    if (done || (e as CustomEvent).detail !== secret) return;
    done = open = true;
    removeListener.call(doc, HELLO, offer);
    removeListener.call(doc, ACK, onAck);
  };
  addListener.call(doc, ACK, onAck);
  addListener.call(doc, HELLO, offer);
  offer();
  return (event) => {
    if (!open) return;
    dispatch.call(doc, new Custom(channel, { detail: stringify(event) }));
  };
}

export interface TapReceiver {
  /** True once the handshake succeeded. */
  readonly connected: boolean;
  /** Offers refused: a second handshake, or one after page scripts could run. */
  readonly refused: number;
  close(): void;
}

/**
 * Isolated world: takes the tap's offer (now, or when the tap starts later but still before
 * any page script) and passes each event's JSON text on, parsed but not yet validated.
 */
export function openTapReceiver(
  onEvent: (data: unknown) => void,
  doc: Document = document,
): TapReceiver {
  let channel: string | null = null;
  let refused = 0;
  const onData = (e: Event) => {
    const detail = (e as CustomEvent).detail;
    if (typeof detail !== 'string') return;
    let data: unknown;
    try {
      data = JSON.parse(detail);
    } catch {
      return;
    }
    onEvent(data);
  };
  const onOffer = (e: Event) => {
    const secret = (e as CustomEvent).detail;
    if (channel !== null || !beforePageScripts(doc) || typeof secret !== 'string') {
      refused++;
      return;
    }
    if (!/^[0-9a-f]{32}$/.test(secret)) return;
    channel = `tokenprint:${secret}`;
    doc.addEventListener(channel, onData);
    doc.dispatchEvent(new CustomEvent(ACK, { detail: secret }));
  };
  doc.addEventListener(OFFER, onOffer);
  if (beforePageScripts(doc)) doc.dispatchEvent(new CustomEvent(HELLO));
  return {
    get connected() {
      return channel !== null;
    },
    get refused() {
      return refused;
    },
    close() {
      doc.removeEventListener(OFFER, onOffer);
      if (channel) doc.removeEventListener(channel, onData);
    },
  };
}
