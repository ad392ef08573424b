import { openTapSender } from './channel';
import { sliceConversation, type TapEvent } from './events';
import { installFetchTap, type TrafficParser } from './fetch';

/** A watcher of one more transport (lib/content/tap/xhr.ts), for a site that needs it. */
type Install = (win: typeof globalThis, parser: TrafficParser, emit: (e: TapEvent) => void) => void;

/**
 * The main-world tap of one site: the channel's handshake first, then the fetch wrapper and
 * any other transport the site streams over (passed in, so other sites' taps stay smaller).
 */
export function startTap(parser: TrafficParser, ...more: Install[]): void {
  try {
    const send = sliced(openTapSender());
    installFetchTap(globalThis, parser, send);
    for (const install of more) install(globalThis, parser, send);
  } catch {
    // Never into the page: without the tap, capture counts from the DOM.
  }
}

// Taken at document_start, before a page script could replace it.
const later = setTimeout;

/** A long loaded conversation's texts go one slice per task (issue #14: no long task at load). */
function sliced(send: (e: TapEvent) => void): (e: TapEvent) => void {
  return (e) => {
    if (e.t !== 'conversation') return send(e);
    const [head, ...rest] = sliceConversation(e);
    send(head!);
    const next = () => {
      const slice = rest.shift();
      if (!slice) return;
      send(slice);
      later(next, 0);
    };
    if (rest.length) later(next, 0);
  };
}
