import { SOURCES } from '../../lib/model/carbon/sources';
import { t } from './i18n';

/** Every source the estimates rest on, with its licence and what Tokenprint takes from it. */
export function Sources() {
  return (
    <>
      <h3>{t('headingSources')}</h3>
      <ul class="sources" data-testid="sources">
        {SOURCES.map((s) => (
          <li key={s.id}>
            <a href={s.url} target="_blank" rel="noreferrer">
              {s.title}
            </a>{' '}
            — {s.author}, {s.year}
            {s.licence ? ` (${s.licence})` : ''}. <span class="note">{s.usedFor}</span>
          </li>
        ))}
      </ul>
    </>
  );
}
