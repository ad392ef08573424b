import { useSettings } from '../shared/hooks';
import { t } from '../shared/i18n';
import { DataSection } from './DataSection';
import { DatacentreSection } from './DatacentreSection';
import { DisplaySection } from './DisplaySection';
import { ExchangeSection } from './ExchangeSection';
import { InUseSection } from './InUseSection';
import { MethodSection } from './MethodSection';
import { ModelsSection } from './ModelsSection';
import { RegionSection } from './RegionSection';
import { useSaver } from './save';

export function Options() {
  const settings = useSettings();
  const { msg, setMsg, save } = useSaver();
  if (!settings) return <main class="options" aria-busy="true" />;
  const a = settings.assumptions;
  return (
    <main class="options">
      <h1>{t('optionsTitle')}</h1>
      <p class="sub">{t('optionsIntro')}</p>
      <p class="sub">
        <a href="/privacy.html" target="_blank" rel="noopener">
          {t('privacyLink')}
        </a>
      </p>
      <nav aria-label={t('tocLabel')} class="toc">
        {(
          [
            ['h-region', 'headingRegion'],
            ['h-dc', 'headingDatacentre'],
            ['h-models', 'headingModels'],
            ['h-exchange', 'headingExchange'],
            ['h-display', 'headingDisplay'],
            ['h-inuse', 'headingInUse'],
            ['h-data', 'headingData'],
            ['h-method', 'headingMethodology'],
          ] as const
        ).map(([id, key]) => (
          <a key={id} href={`#${id}`}>
            {t(key)}
          </a>
        ))}
      </nav>
      <p role="status" class="saved" data-testid="saved">
        {msg}
      </p>
      <RegionSection a={a} save={save} />
      <DatacentreSection a={a} save={save} />
      <ModelsSection a={a} save={save} />
      <ExchangeSection a={a} save={save} settings={settings} />
      <DisplaySection settings={settings} save={save} />
      <InUseSection a={a} save={save} />
      <DataSection onMessage={setMsg} assumptions={a} />
      <MethodSection />
    </main>
  );
}
