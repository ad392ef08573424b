import { assessHealth, BROKEN_DETAIL, judgeSources, type CaptureHealth } from '../../shared/health';
import { sendMessage } from '../../shared/messaging';
import type { SiteAdapter, Turn } from './site-adapter';
import type { Reconciler } from './reconciler';
import type { TapSource } from './tap-source';
import type { Loaded } from './tap-follower';

/** Where the page stands when health is judged. */
export interface PageView {
  conversationId: string | null;
  href: string;
  navigatedAt: number;
  root: Element | null;
  loaded: Loaded | null;
}

/** A health report with the same turns again is re-sent at most this often. */
const RESEND_MS = 10_000;

/**
 * Judges capture health from what each source saw and tells the worker when the judgement
 * changes (not at every scan). A failed send is retried by the caller's next check.
 */
export class HealthReporter {
  #domPrompts = 0;
  #domReplies = 0;
  #last: { state: CaptureHealth['state']; sig: string; turns: number; at: number } | null = null;
  /** The page has not shown enough yet to judge (just navigated, still loading). */
  undecided = true;

  readonly #adapter: SiteAdapter;
  readonly #reconciler: Reconciler;
  readonly #tap: TapSource | null;
  readonly #onSendFailed: () => void;

  constructor(
    adapter: SiteAdapter,
    reconciler: Reconciler,
    tap: TapSource | null,
    onSendFailed: () => void,
  ) {
    this.#adapter = adapter;
    this.#reconciler = reconciler;
    this.#tap = tap;
    this.#onSendFailed = onSendFailed;
  }

  get working(): boolean {
    return !this.undecided && this.#last?.state === 'working';
  }

  sawDom(kind: 'prompt' | 'response'): void {
    if (kind === 'prompt') this.#domPrompts++;
    else this.#domReplies++;
  }

  /** A new page: judge afresh. */
  forget(): void {
    this.#last = null;
  }

  report(found: readonly Turn[], page: PageView): void {
    const turns = found.length;
    const conversationUrl = this.#adapter.showsConversation(document, new URL(page.href));
    let domUsers = 0;
    for (const t of found) if (t.role === 'user') domUsers++;
    const parts = judgeSources({
      domUsers,
      domAssistants: turns - domUsers,
      domPrompts: this.#domPrompts,
      domReplies: this.#domReplies,
      tapAlone: this.#reconciler.aloneStreak('tap'),
      domAlone: this.#reconciler.aloneStreak('dom'),
      tapConnected: this.#tap?.connected ?? false,
      tapAnomalies: this.#tap?.anomalies ?? 0,
      loaded: page.loaded,
    });
    const pageState = assessHealth({
      conversationUrl,
      turns,
      // One text read, only on a conversation page where no turn is found.
      contentChars:
        conversationUrl && turns === 0 ? (page.root?.textContent?.trim().length ?? 0) : 0,
      sinceNavigation: Date.now() - page.navigatedAt,
    });
    this.undecided = pageState === null;
    if (!pageState) return;
    const partBroken = parts.states.dom === 'broken' || parts.states.tap === 'broken';
    const state: CaptureHealth['state'] =
      pageState === 'broken' || partBroken ? 'broken' : 'working';
    if (pageState === 'broken') parts.states.dom = 'broken';
    const detail = pageState === 'broken' ? BROKEN_DETAIL : parts.detail;
    const sig = `${state}|${parts.states.dom}|${parts.states.tap}`;
    const now = Date.now();
    const last = this.#last;
    if (last && last.sig === sig && (last.turns === turns || now - last.at <= RESEND_MS)) return;
    this.#last = { state, sig, turns, at: now };
    sendMessage('health', {
      v: 1,
      site: this.#adapter.site,
      state,
      turns,
      sources: parts.states,
      ...(detail ? { detail: detail.slice(0, 300) } : {}),
    }).catch(() => {
      this.#last = null; // the worker is asleep: report again at the next check
      this.#onSendFailed();
    });
  }
}
