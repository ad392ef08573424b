import { useMemo, useState } from 'preact/hooks';
import { modelSpec } from '../../lib/model/carbon/models';
import type { Assumptions } from '../../lib/model/carbon/types';
import {
  mostUsedReasoning,
  nonReasoningSibling,
  reasoningModels,
  reasoningOnlyWhereUsed,
  shortRepliesToSmall,
  type Reply,
  type RoutingWhatIf,
} from '../../lib/model/compare/routing';
import { fmtInt, t } from '../shared/i18n';
import { BandCell } from './BandCell';
import { fmtUsd } from './format';

/** The default "short reply": under 300 output tokens (a few sentences). */
export const DEFAULT_SHORT_TOKENS = 300;

const name = (id: string) => modelSpec(id)?.name ?? id;

function SavingRow({ label, w, testId }: { label: string; w: RoutingWhatIf; testId: string }) {
  return (
    <tr data-testid={testId}>
      <th scope="row">{label}</th>
      <BandCell b={w.savedG} grams />
      <BandCell b={w.savedWh} />
      <BandCell b={w.savedMl} />
      <td>{w.savedUsd === null ? t('noPublicPrice') : fmtUsd(w.savedUsd)}</td>
    </tr>
  );
}

/**
 * The routing what-ifs: short replies to the small model (the user picks "short"), and a
 * reasoning model only where the user ran one (the user picks which reasoning model).
 */
export function Routing({ replies, a }: { replies: Reply[] | null; a: Assumptions }) {
  const [shortText, setShortText] = useState(String(DEFAULT_SHORT_TOKENS));
  const parsed = Number(shortText);
  const shortN = shortText.trim() !== '' && Number.isFinite(parsed) && parsed >= 0 ? parsed : null;
  const [picked, setPicked] = useState<string | null>(null);
  const reasoning = useMemo(
    () => picked ?? (replies ? mostUsedReasoning(replies, a) : reasoningModels()[0]!),
    [picked, replies, a],
  );
  const short = useMemo(
    () => (replies && shortN !== null ? shortRepliesToSmall(replies, a, shortN) : null),
    [replies, a, shortN],
  );
  const where = useMemo(
    () => (replies ? reasoningOnlyWhereUsed(replies, a, reasoning) : null),
    [replies, a, reasoning],
  );
  const sibling = nonReasoningSibling(reasoning);

  return (
    <div data-testid="routing">
      <div class="no-print controls">
        <label>
          {t('routingShortLabel')}{' '}
          <input
            type="number"
            min={0}
            step={50}
            inputMode="numeric"
            value={shortText}
            aria-invalid={shortN === null}
            onInput={(e) => setShortText(e.currentTarget.value)}
          />
        </label>
        <label>
          {t('routingReasoningModel')}{' '}
          <select value={reasoning} onChange={(e) => setPicked(e.currentTarget.value)}>
            {reasoningModels().map((id) => (
              <option key={id} value={id}>
                {name(id)}
              </option>
            ))}
          </select>
        </label>
      </div>
      {replies === null ? (
        <p class="note" role="status">
          {t('routingReading')}
        </p>
      ) : replies.length === 0 ? (
        <p class="note">{t('compareEmpty')}</p>
      ) : (
        <>
          <table class="cmp routing" data-testid="routing-table">
            <caption class="sr-only">{t('routingCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('routingColWhatIf')}</th>
                <th scope="col">{t('routingSaved', t('unitGco2e'))}</th>
                <th scope="col">{t('routingSaved', t('unitWh'))}</th>
                <th scope="col">{t('routingSaved', t('unitWaterMl'))}</th>
                <th scope="col">{t('routingSaved', 'US$')}</th>
              </tr>
            </thead>
            <tbody>
              {short ? (
                <SavingRow label={t('routingShortTitle')} w={short} testId="routing-short" />
              ) : null}
              {where ? (
                <SavingRow
                  label={t('routingReasoningTitle', name(reasoning))}
                  w={where}
                  testId="routing-reasoning"
                />
              ) : null}
            </tbody>
          </table>
          {short ? (
            <p class="note">
              {t('routingShortBody', fmtInt(short.moved), fmtInt(short.replies), fmtInt(shortN!))}
            </p>
          ) : (
            <p class="error">{t('routingShortInvalid')}</p>
          )}
          {where ? (
            <p class="note">
              {t(
                'routingReasoningBody',
                name(reasoning),
                fmtInt(where.replies - where.moved),
                name(sibling),
                fmtInt(where.moved),
              )}
            </p>
          ) : null}
        </>
      )}
    </div>
  );
}
