import type { Settings } from '../../lib/worker/settings';
import { t } from '../shared/i18n';
import type { Save } from './save';

/** The toolbar badge and the opt-in badge under each reply. */
export function DisplaySection({ settings, save }: { settings: Settings; save: Save }) {
  return (
    <section aria-labelledby="h-display">
      <h2 id="h-display">{t('headingDisplay')}</h2>
      <label class="check">
        <input
          type="checkbox"
          checked={settings.toolbarBadge}
          onChange={(e) => {
            const on = e.currentTarget.checked;
            void save((s) => ({ ...s, toolbarBadge: on }));
          }}
        />{' '}
        {t('toolbarBadgeLabel')}
      </label>
      <label class="check">
        <input
          type="checkbox"
          checked={settings.responseBadge}
          onChange={(e) => {
            const on = e.currentTarget.checked;
            void save((s) => ({ ...s, responseBadge: on }));
          }}
        />{' '}
        {t('responseBadgeLabel')}
      </label>
    </section>
  );
}
