import { openTapSender } from './channel';
import type { TapEvent } from './events';
import { installFetchTap, type TrafficParser } from './fetch';

/** A watcher of one more transport (lib/content/tap/xhr.ts), for a site that needs it. */
type Install = (win: typeof globalThis, parser: TrafficParser, emit: (e: TapEvent) => void) => void;

/**
 * The main-world tap of one site: the channel's handshake first, then the fetch wrapper and
 * any other transport the site streams over (passed in, so other sites' taps stay smaller).
 */
export function startTap(parser: TrafficParser, ...more: Install[]): void {
  try {
    const send = openTapSender();
    installFetchTap(globalThis, parser, send);
    for (const install of more) install(globalThis, parser, send);
  } catch {
    // Never into the page: without the tap, capture counts from the DOM.
  }
}
