import { openTapReceiver } from '../tap/channel';
import { parseTapEvent, type TapEvent } from '../tap/events';

/** The traffic source as the engine sees it: validated events, and what health needs. */
export interface TapSource {
  readonly connected: boolean;
  /** Events that failed validation, offers refused, and traffic the tap could not read. */
  readonly invalid: number;
  readonly refused: number;
  readonly anomalies: number;
  /** Delivers buffered events, then each new one. */
  subscribe(fn: (e: TapEvent) => void): void;
  close(): void;
}

/** Events kept while the engine has not started yet (the page loads its conversation early). */
const BUFFER = 200;

/**
 * Opens the isolated side of the channel at document_start (the handshake must happen
 * before page scripts run) and holds events until the engine subscribes.
 */
export function listenToTap(doc: Document = document): TapSource {
  const buffer: TapEvent[] = [];
  let listener: ((e: TapEvent) => void) | null = null;
  let invalid = 0;
  let anomalies = 0;
  const receiver = openTapReceiver((data) => {
    const e = parseTapEvent(data);
    if (!e) {
      invalid++;
      return;
    }
    // An HTTP error (a rate limit, an expired session) is the site's answer, not a shape we misread.
    if (e.t === 'anomaly' && e.what !== 'http-error') anomalies++;
    if (listener) listener(e);
    else if (buffer.length < BUFFER) buffer.push(e);
  }, doc);
  return {
    get connected() {
      return receiver.connected;
    },
    get invalid() {
      return invalid;
    },
    get refused() {
      return receiver.refused;
    },
    get anomalies() {
      return anomalies;
    },
    subscribe(fn) {
      listener = fn;
      for (const e of buffer.splice(0)) fn(e);
    },
    close() {
      listener = null;
      receiver.close();
    },
  };
}
