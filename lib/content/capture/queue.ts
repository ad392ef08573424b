import type { CaptureAck, CaptureMessage } from '../../shared/messaging';

/** Errors that re-sending cannot fix (the background refused the message itself). */
const PERMANENT =
  /^(sender not allowed|site does not match sender|not an object|unknown version|bad |text too long|unknown field)/;

/** Undelivered turns kept per tab; a chat produces two per exchange. */
export const MAX_QUEUED = 100;

export interface QueueOptions<T> {
  send(msg: T): Promise<Pick<CaptureAck, 'ok' | 'error'>>;
  /** setTimeout tied to the content script's lifetime (WXT `ctx.setTimeout`). */
  setTimeout(fn: () => void, ms: number): unknown;
  isValid(): boolean;
  /** First retry delay; doubles per failure up to `maxDelayMs`. */
  baseDelayMs?: number;
  maxDelayMs?: number;
}

/**
 * In-order, at-least-once delivery to the background. The MV3 worker may be asleep or
 * restarting: a failed send is retried with exponential backoff until it is acknowledged.
 * The background is idempotent on the key, so a send that landed but whose ack was lost is
 * harmless when repeated. Order matters: a prompt is acked before its response is sent, so
 * the response finds it to pair with.
 */
export class DeliveryQueue<T = CaptureMessage> {
  readonly #items: T[] = [];
  #running = false;
  #failures = 0;

  readonly #opts: QueueOptions<T>;

  constructor(opts: QueueOptions<T>) {
    this.#opts = opts;
  }

  get size(): number {
    return this.#items.length;
  }

  push(msg: T): void {
    // Bounded memory if the background refuses to come back (texts can be megabytes):
    // past the cap the oldest undelivered turn is dropped.
    if (this.#items.length >= MAX_QUEUED) this.#items.splice(1, 1);
    this.#items.push(msg);
    void this.#pump();
  }

  async #pump(): Promise<void> {
    if (this.#running) return;
    this.#running = true;
    try {
      while (this.#items.length > 0 && this.#opts.isValid()) {
        let delivered = false;
        try {
          const ack = await this.#opts.send(this.#items[0]!);
          delivered = ack.ok || PERMANENT.test(ack.error ?? '');
        } catch {
          delivered = false; // no receiver yet, worker restarting, or a failed write
        }
        if (delivered) {
          this.#items.shift();
          this.#failures = 0;
          continue;
        }
        this.#failures++;
        const base = this.#opts.baseDelayMs ?? 500;
        const delay = Math.min(this.#opts.maxDelayMs ?? 30_000, base * 2 ** (this.#failures - 1));
        await new Promise<void>((resolve) => this.#opts.setTimeout(resolve, delay));
      }
    } finally {
      this.#running = false;
    }
  }
}
