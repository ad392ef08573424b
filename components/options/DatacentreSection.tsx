import { useState } from 'preact/hooks';
import type { JSX } from 'preact';
import { DEFAULT_ASSUMPTIONS, offsiteWue } from '../../lib/model/carbon';
import { fmt, t } from '../shared/i18n';
import { PROVIDER_NAME, PROVIDERS } from '../shared/AssumptionsInUse';
import { Boundaries } from '../shared/Boundaries';
import { setAssumption, setProvider, type SectionProps } from './save';

/** Each provider's PUE and water use, and what the footprint includes. */
export function DatacentreSection({ a, save }: SectionProps) {
  return (
    <section aria-labelledby="h-dc">
      <h2 id="h-dc">{t('headingDatacentre')}</h2>
      <p class="sub">{t('datacentreIntro')}</p>
      <table class="dc">
        <thead>
          <tr>
            <th scope="col">{t('colProvider')}</th>
            <th scope="col">{t('colPueMin')}</th>
            <th scope="col">{t('colPueMax')}</th>
            <th scope="col">{t('colWueOn')}</th>
            <th scope="col">{t('colWueOnMax')}</th>
            <th scope="col">{t('colWueOff')}</th>
          </tr>
        </thead>
        <tbody>
          {PROVIDERS.map((p) => {
            const v = a.providers[p];
            const d = DEFAULT_ASSUMPTIONS.providers[p];
            return (
              <tr key={p}>
                <th scope="row">{PROVIDER_NAME[p]}</th>
                <td>
                  <NumberField
                    label={t('pueMinFor', PROVIDER_NAME[p])}
                    value={v.pue.min}
                    dflt={d.pue.min}
                    min={1}
                    max={3}
                    onSave={(x) =>
                      save(setProvider(p, { pue: { min: x, max: Math.max(x, v.pue.max) } }))
                    }
                  />
                </td>
                <td>
                  <NumberField
                    label={t('pueMaxFor', PROVIDER_NAME[p])}
                    value={v.pue.max}
                    dflt={d.pue.max}
                    min={1}
                    max={3}
                    onSave={(x) =>
                      save(setProvider(p, { pue: { min: Math.min(x, v.pue.min), max: x } }))
                    }
                  />
                </td>
                <td>
                  <NumberField
                    label={t('wueOnFor', PROVIDER_NAME[p])}
                    value={v.wueOnSiteLPerKwh}
                    dflt={d.wueOnSiteLPerKwh}
                    min={0}
                    max={20}
                    onSave={(x) =>
                      save(
                        setProvider(p, {
                          wueOnSiteLPerKwh: x,
                          wueOnSiteLPerKwhMax: Math.max(x, v.wueOnSiteLPerKwhMax ?? x),
                        }),
                      )
                    }
                  />
                </td>
                <td>
                  <NumberField
                    label={t('wueOnMaxFor', PROVIDER_NAME[p])}
                    value={v.wueOnSiteLPerKwhMax ?? v.wueOnSiteLPerKwh}
                    dflt={d.wueOnSiteLPerKwhMax ?? d.wueOnSiteLPerKwh}
                    min={0}
                    max={20}
                    onSave={(x) =>
                      save(
                        setProvider(p, {
                          wueOnSiteLPerKwhMax: x,
                          wueOnSiteLPerKwh: Math.min(x, v.wueOnSiteLPerKwh),
                        }),
                      )
                    }
                  />
                </td>
                <td>
                  <NumberField
                    label={t('wueOffFor', PROVIDER_NAME[p])}
                    value={v.wueOffSiteLPerKwh}
                    // The picked region's table value (WRI via EcoLogits), not the default region's.
                    dflt={offsiteWue(v.region).lPerKwh}
                    min={0}
                    max={20}
                    onSave={(x) => save(setProvider(p, { wueOffSiteLPerKwh: x }))}
                  />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <p class="note">{t('datacentreSource')}</p>
      <Boundaries a={a} onChange={(patch) => void save(setAssumption(patch))} />
    </section>
  );
}

/** A number input that saves valid values on change and says why it refuses others. */
function NumberField({
  label,
  value,
  dflt,
  min,
  max,
  onSave,
}: {
  label: string;
  value: number;
  dflt: number;
  min: number;
  max: number;
  onSave: (x: number) => Promise<void>;
}) {
  const [err, setErr] = useState('');
  const onChange = (e: JSX.TargetedEvent<HTMLInputElement>) => {
    const x = Number(e.currentTarget.value);
    if (e.currentTarget.value.trim() === '' || !Number.isFinite(x) || x < min || x > max) {
      setErr(t('numberOutOfRange', fmt(min), fmt(max)));
      return;
    }
    setErr('');
    void onSave(x);
  };
  return (
    <span class="num">
      <input
        type="number"
        step="0.01"
        min={min}
        max={max}
        aria-label={label}
        aria-invalid={err ? 'true' : undefined}
        value={value}
        onChange={onChange}
      />
      <span class="note">{t('defaultValue', fmt(dflt, 3))}</span>
      {err ? <span class="error">{err}</span> : null}
    </span>
  );
}
