import { DEFAULT_SETTINGS } from '../../lib/worker/settings';
import { t } from '../shared/i18n';
import { AssumptionsInUse } from '../shared/AssumptionsInUse';
import type { SectionProps } from './save';

/** Every assumption in force, and the way back to the defaults. */
export function InUseSection({ a, save }: SectionProps) {
  return (
    <section aria-labelledby="h-inuse">
      <h2 id="h-inuse">{t('headingInUse')}</h2>
      <AssumptionsInUse a={a} />
      <button
        type="button"
        onClick={() => void save((s) => ({ ...s, assumptions: DEFAULT_SETTINGS.assumptions }))}
      >
        {t('resetAssumptions')}
      </button>
    </section>
  );
}
