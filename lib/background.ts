import { browser } from 'wxt/browser';
import { db } from './db/schema';
import { onMessage } from './messaging';
import { recordCapture } from './record';
import { captureMessageError, senderSite } from './validate';

/** Every background message handler, registered once (one listener per type per context). */
export function registerBackgroundHandlers(): void {
  onMessage('capture', async ({ data, sender }) => {
    const site = senderSite(sender, browser.runtime.id);
    if (!site) return { ok: false, error: 'sender not allowed' };
    const problem = captureMessageError(data);
    if (problem) return { ok: false, error: problem };
    if (data.site !== site) return { ok: false, error: 'site does not match sender' };
    return recordCapture(db(), data);
  });
}
