import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { sendMessage, type CaptureMessage } from '../messaging';
import * as chatgpt from '../sites/chatgpt';

/**
 * Walking-skeleton capture for ChatGPT: turns present at load are history (never counted);
 * new user turns are sent at once, new assistant turns once complete. Issue #3 replaces
 * this with the site-agnostic engine.
 */
export function startSimpleCapture(ctx: ContentScriptContext): void {
  const sent = new Set<string>();
  for (const t of chatgpt.listTurns(document)) sent.add(t.key);

  const scan = () => {
    for (const turn of chatgpt.listTurns(document)) {
      if (sent.has(turn.key) || !chatgpt.isComplete(turn, document)) continue;
      sent.add(turn.key);
      const msg: CaptureMessage = {
        v: 1,
        site: 'chatgpt',
        kind: turn.role === 'user' ? 'prompt' : 'response',
        key: turn.key,
        conversationId: chatgpt.conversationId(location.pathname),
        modelLabel: chatgpt.modelLabel(turn, document),
        at: Date.now(),
        text: chatgpt.turnText(turn),
      };
      sendMessage('capture', msg).catch(() => sent.delete(turn.key));
    }
  };

  let timer: number | undefined;
  const observer = new MutationObserver(() => {
    if (timer !== undefined) clearTimeout(timer);
    timer = ctx.setTimeout(scan, 600);
  });
  observer.observe(document.body, { subtree: true, childList: true, attributes: true });
  ctx.onInvalidated(() => observer.disconnect());
}
