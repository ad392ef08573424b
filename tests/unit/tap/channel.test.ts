// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openTapReceiver, openTapSender, type TapReceiver } from '../../../lib/content/tap/channel';

// The hand-off between the main-world tap (sender) and the isolated content script
// (receiver). Both worlds share the DOM; here they share one happy-dom document, and a
// "page script" is any other listener or dispatcher on it. Each test gets a fresh document
// (a sender never acked keeps answering hellos on its own).

const HELLO = 'tokenprint:tap-hello';
const OFFER = 'tokenprint:tap-offer';
const ACK = 'tokenprint:tap-ack';
const EVENT = { t: 'prompt', conversationId: null, id: null, text: 'hi' };

let doc: Document;
let receivers: TapReceiver[] = [];
const receive = () => {
  const got: unknown[] = [];
  const r = openTapReceiver((d) => got.push(d), doc);
  receivers.push(r);
  return { r, got };
};
/** Every event of `type` dispatched on the document from now on (a page listener). */
const listen = (type: string) => {
  const seen: CustomEvent[] = [];
  const fn = (e: Event) => seen.push(e as CustomEvent);
  doc.addEventListener(type, fn);
  return { seen, stop: () => doc.removeEventListener(type, fn) };
};
const dispatch = (type: string, detail?: unknown) =>
  doc.dispatchEvent(new CustomEvent(type, { detail }));

beforeEach(() => {
  doc = document.implementation.createHTMLDocument('chat');
  expect(doc.scripts.length).toBe(0); // document_start: no page script yet
});
afterEach(() => {
  for (const r of receivers) r.close();
  receivers = [];
  vi.restoreAllMocks();
});

describe('tap channel handshake', () => {
  it('sender first, then receiver: connects and passes events', () => {
    const send = openTapSender(doc);
    const { r, got } = receive();
    expect(r.connected).toBe(true);
    send(EVENT);
    send({ t: 'close' });
    expect(got).toEqual([EVENT, { t: 'close' }]);
    expect(r.refused).toBe(0);
  });

  it('receiver first, then sender: connects and passes events', () => {
    const { r, got } = receive();
    expect(r.connected).toBe(false);
    const send = openTapSender(doc);
    expect(r.connected).toBe(true);
    send(EVENT);
    expect(got).toEqual([EVENT]);
    expect(r.refused).toBe(0);
  });

  it('the secret is fresh per sender and events travel on it alone', () => {
    const offers = listen(OFFER);
    openTapSender(doc);
    openTapSender(doc);
    const secrets = offers.seen.map((e) => e.detail as string);
    expect(secrets).toHaveLength(2);
    for (const s of secrets) expect(s).toMatch(/^[0-9a-f]{32}$/);
    expect(secrets[0]).not.toBe(secrets[1]);
    offers.stop();
  });

  it.each([
    ['tokenprint:tap', JSON.stringify(EVENT)],
    ['tokenprint:tap-event', JSON.stringify(EVENT)],
    ['tokenprint:tap-data', JSON.stringify(EVENT)],
    ['tokenprint:00000000000000000000000000000000', JSON.stringify(EVENT)],
    ['tokenprint', JSON.stringify(EVENT)],
    [OFFER, JSON.stringify(EVENT)],
    [ACK, JSON.stringify(EVENT)],
  ])('a page event on a guessed name (%s) is not delivered', (type, detail) => {
    openTapSender(doc);
    const { r, got } = receive();
    expect(r.connected).toBe(true);
    dispatch(type, detail);
    expect(got).toEqual([]);
  });

  it('a forged second offer is refused and counted, and the real channel keeps working', () => {
    const send = openTapSender(doc);
    const { r, got } = receive();
    const forged = 'f'.repeat(32);
    dispatch(OFFER, forged);
    dispatch(OFFER, 'not-a-secret');
    dispatch(OFFER, 42);
    expect(r.refused).toBe(3);
    // Events on the forged channel go nowhere; the tap's still arrive.
    dispatch(`tokenprint:${forged}`, JSON.stringify({ t: 'open' }));
    send(EVENT);
    expect(got).toEqual([EVENT]);
  });

  it('a forged offer answered by the receiver does not make it ack twice', () => {
    openTapSender(doc);
    const acks = listen(ACK);
    const { r } = receive();
    expect(acks.seen).toHaveLength(1);
    dispatch(OFFER, 'a'.repeat(32));
    expect(acks.seen).toHaveLength(1);
    expect(r.refused).toBe(1);
    acks.stop();
  });

  it('a receiver opened once the document has a <script> refuses any offer', () => {
    const hellos = listen(HELLO);
    doc.head.appendChild(doc.createElement('script'));
    expect(doc.scripts.length).toBe(1);
    const { r, got } = receive();
    expect(hellos.seen).toHaveLength(0); // it does not even ask
    dispatch(OFFER, 'b'.repeat(32));
    expect(r.connected).toBe(false);
    expect(r.refused).toBe(1);
    dispatch(`tokenprint:${'b'.repeat(32)}`, JSON.stringify(EVENT));
    expect(got).toEqual([]);
    hellos.stop();
  });

  it('a sender opened once the document has a <script> offers nothing', () => {
    doc.body.appendChild(doc.createElement('script'));
    const offers = listen(OFFER);
    const send = openTapSender(doc);
    dispatch(HELLO);
    expect(offers.seen).toEqual([]);
    send(EVENT); // and never connects
    offers.stop();
  });

  it('a sender whose handshake is done does not answer a later hello', () => {
    openTapSender(doc);
    const { r } = receive();
    expect(r.connected).toBe(true);
    const offers = listen(OFFER); // a page script, listening from now on
    dispatch(HELLO);
    dispatch(HELLO);
    expect(offers.seen).toEqual([]);
    offers.stop();
  });

  it('a sender ignores an ack that does not carry its secret', () => {
    const { seen: offers, stop } = listen(OFFER);
    const dispatchSpy = vi.spyOn(EventTarget.prototype, 'dispatchEvent');
    const send = openTapSender(doc);
    dispatch(ACK, 'c'.repeat(32)); // a guess
    dispatch(ACK, undefined);
    dispatchSpy.mockClear();
    send(EVENT);
    expect(dispatchSpy).not.toHaveBeenCalled();
    expect(offers).toHaveLength(1);
    stop();
  });

  it('the sender sends nothing before the ack, and events sent then are not queued', () => {
    // Spied before the sender takes its references, so its dispatches are seen too.
    const dispatchSpy = vi.spyOn(EventTarget.prototype, 'dispatchEvent');
    const send = openTapSender(doc);
    send({ t: 'open' });
    send(EVENT);
    const typesSent = () =>
      dispatchSpy.mock.calls.map(([e]) => e.type).filter((t) => ![HELLO, OFFER, ACK].includes(t));
    expect(typesSent()).toEqual([]);
    const { r, got } = receive();
    expect(r.connected).toBe(true);
    expect(got).toEqual([]);
    send({ t: 'close' });
    expect(typesSent()).toHaveLength(1);
    expect(typesSent()[0]).toMatch(/^tokenprint:[0-9a-f]{32}$/);
    expect(got).toEqual([{ t: 'close' }]);
  });

  it('the receiver passes on only JSON text (a non-string or broken detail is dropped)', () => {
    const offers = listen(OFFER);
    const send = openTapSender(doc);
    const secret = offers.seen[0]!.detail as string;
    const { got } = receive();
    dispatch(`tokenprint:${secret}`, { t: 'open' }); // an object, not JSON text
    dispatch(`tokenprint:${secret}`, '{not json');
    send(EVENT);
    expect(got).toEqual([EVENT]);
    offers.stop();
  });

  it('close() stops delivery', () => {
    const send = openTapSender(doc);
    const { r, got } = receive();
    r.close();
    send(EVENT);
    expect(got).toEqual([]);
  });
});
