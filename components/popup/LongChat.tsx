import { fmtBandGrams, fmtInt, t } from '../shared/i18n';
import type { LongChatHint } from '../shared/long-chat';

/** The long-chat hint (./long-chat.ts): the next prompt here and in a new chat, in grams. */
export function LongChatNote({ hint }: { hint: LongChatHint | null }) {
  if (!hint) return null;
  const g = (b: LongChatHint['here']) => {
    const f = fmtBandGrams(b);
    return [`${f.value} ${f.unit}`, `${f.range} ${f.unit}`] as const;
  };
  const [here, hereRange] = g(hint.here);
  const [fresh, freshRange] = g(hint.fresh);
  return (
    <p class="status long-chat" data-testid="long-chat">
      <span>{t('longChatHint', fmtInt(hint.context), here, hereRange, fresh, freshRange)}</span>
    </p>
  );
}
