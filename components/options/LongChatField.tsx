import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { LAST_REPLY_KEY, lastReplyFromStorage, type LastReply } from '../../lib/db/last-reply';
import { LONG_CHAT_BOUNDS, longChatError, type Settings } from '../../lib/worker/settings';
import { longChatThreshold } from '../shared/long-chat';
import { siteName } from '../shared/CaptureStatus';
import { modelLabel } from '../shared/Breakdown';
import { fmtInt, t } from '../shared/i18n';
import { RadioGroup, type RadioChoices } from '../shared/RadioGroup';
import type { Save } from './save';

const CHOICES: RadioChoices<'auto' | 'fixed'> = {
  legend: 'longChatLegend',
  name: 'long-chat',
  options: [
    ['auto', 'longChatAuto'],
    ['fixed', 'longChatFixed'],
  ],
};

/** The newest reply's counts (lib/db/last-reply.ts), followed, for the automatic example. */
function useLastReply(): LastReply | null {
  const [last, setLast] = useState<LastReply | null>(null);
  useEffect(() => {
    let changed = false;
    const follow = (changes: Record<string, { newValue?: unknown }>, area: string) => {
      if (area !== 'local' || !(LAST_REPLY_KEY in changes)) return;
      changed = true;
      setLast(lastReplyFromStorage(changes[LAST_REPLY_KEY]!.newValue));
    };
    browser.storage.onChanged.addListener(follow);
    void browser.storage.local
      .get(LAST_REPLY_KEY)
      .then((got) => changed || setLast(lastReplyFromStorage(got[LAST_REPLY_KEY])))
      .catch(() => undefined);
    return () => browser.storage.onChanged.removeListener(follow);
  }, []);
  return last;
}

/**
 * From how much context the popup's long-chat hint shows: automatic (where a new chat halves
 * the next prompt's cost, shown for the user's last chat) or a number of tokens.
 */
export function LongChatField({ settings, save }: { settings: Settings; save: Save }) {
  const v = settings.longChatTokens;
  const [typed, setTyped] = useState(v === 'auto' ? '' : String(v));
  const [err, setErr] = useState(false);
  const last = useLastReply();
  const auto = last ? longChatThreshold(last, settings.assumptions, 'auto') : null;
  const commit = (text: string) => {
    const n = text.trim() === '' ? NaN : Number(text);
    const bad = longChatError(n) !== null;
    setErr(bad);
    if (!bad) void save((s) => ({ ...s, longChatTokens: n }));
  };
  const chat = last ? `${siteName(last.site)}, ${modelLabel(last.model)}` : '';
  return (
    <div class="long-chat-field">
      <RadioGroup
        {...CHOICES}
        value={v === 'auto' ? 'auto' : 'fixed'}
        onPick={(p) => {
          if (p === 'auto') {
            setErr(false);
            void save((s) => ({ ...s, longChatTokens: 'auto' }));
          } else {
            const x = typed || '20000';
            setTyped(x);
            commit(x);
          }
        }}
      />
      {auto ? (
        <p class="note" data-testid="long-chat-auto">
          {Number.isFinite(auto.threshold)
            ? t('longChatAutoNow', chat, fmtInt(auto.threshold))
            : t('longChatAutoNever', chat)}
        </p>
      ) : null}
      <label class="num">
        {t('longChatTokens')}{' '}
        <input
          type="number"
          inputMode="numeric"
          step="1000"
          min={LONG_CHAT_BOUNDS.min}
          max={LONG_CHAT_BOUNDS.max}
          value={typed}
          aria-invalid={err ? 'true' : undefined}
          aria-describedby={err ? 'long-chat-error' : undefined}
          onInput={(e) => setTyped(e.currentTarget.value)}
          onChange={(e) => commit(e.currentTarget.value)}
        />
      </label>
      {err ? (
        <p class="error" role="alert" id="long-chat-error" data-testid="long-chat-error">
          {t('longChatError', fmtInt(LONG_CHAT_BOUNDS.min), fmtInt(LONG_CHAT_BOUNDS.max))}
        </p>
      ) : null}
    </div>
  );
}
