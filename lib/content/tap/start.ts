import { openTapSender } from './channel';
import { installFetchTap, type TrafficParser } from './fetch';

/** The main-world tap of one site: the channel's handshake first, then the fetch wrapper. */
export function startTap(parser: TrafficParser): void {
  try {
    installFetchTap(globalThis, parser, openTapSender());
  } catch {
    // Never into the page: without the tap, capture counts from the DOM.
  }
}
