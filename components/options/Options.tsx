import { useMemo, useRef, useState } from 'preact/hooks';
import type { JSX } from 'preact';
import { browser } from 'wxt/browser';
import type {
  Assumptions,
  IntensityKind,
  ProviderAssumptions,
  ProviderId,
  TierId,
} from '../../lib/model/carbon/types';
import { MODELS, TIER_IDS, TIERS } from '../../lib/model/carbon/models';
import { db } from '../../lib/db/schema';
import { download } from '../shared/download';
import {
  buildExport,
  deleteAllData,
  importJson,
  MAX_IMPORT_BYTES,
  toCsv,
  toJson,
} from '../../lib/worker/export';
import { DEFAULT_SETTINGS, type Settings } from '../../lib/worker/settings';
import { SITE_IDS } from '../../lib/shared/types';
import { siteName } from '../shared/CaptureStatus';
import { updateSettings, useSettings } from '../shared/hooks';
import { fmt, fmtInt, t, uiLocale, type MessageKey } from '../shared/i18n';
import { localRegionName } from '../shared/region-names';
import {
  DEFAULT_ASSUMPTIONS,
  offsiteWue,
  pickRegion,
  resolveIntensity,
} from '../../lib/model/carbon';
import { regionName, regions } from '../../lib/model/carbon/regions';
import { TIER_MESSAGE } from '../shared/charts';
import { Sources } from '../shared/Sources';
import { AssumptionsInUse, PROVIDER_NAME, PROVIDERS } from '../shared/AssumptionsInUse';
import { Boundaries } from '../shared/Boundaries';
import { RadioGroup, type RadioChoices } from '../shared/RadioGroup';

/** Saves a change to the assumptions and says so (every total is recomputed from tokens). */
function useSaver() {
  const [msg, setMsg] = useState('');
  const save = async (f: (s: Settings) => Settings) => {
    await updateSettings(f);
    setMsg(t('savedRecomputed'));
  };
  return { msg, setMsg, save };
}

const setProvider =
  (p: ProviderId, patch: Partial<ProviderAssumptions>) =>
  (s: Settings): Settings => ({
    ...s,
    assumptions: {
      ...s.assumptions,
      providers: { ...s.assumptions.providers, [p]: { ...s.assumptions.providers[p], ...patch } },
    },
  });

const INTENSITY = {
  legend: 'intensityLegend',
  name: 'intensity',
  options: [
    ['average', 'intensityAverage'],
    ['marginal', 'intensityMarginal'],
  ],
} as const satisfies RadioChoices<IntensityKind>;

const METHOD = {
  legend: 'methodLegend',
  name: 'method',
  options: [
    ['tokenprint', 'methodTokenprint'],
    ['ecologits', 'methodEcologits'],
  ],
} as const satisfies RadioChoices<Assumptions['method']>;

const setAssumption =
  (patch: Partial<Assumptions>) =>
  (s: Settings): Settings => ({ ...s, assumptions: { ...s.assumptions, ...patch } });

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

      <section aria-labelledby="h-region">
        <h2 id="h-region">{t('headingRegion')}</h2>
        <p class="sub">{t('regionIntro')}</p>
        <RadioGroup
          {...INTENSITY}
          value={a.intensity}
          onPick={(k) => void save(setAssumption({ intensity: k }))}
        />
        {PROVIDERS.map((p) => (
          <RegionPicker
            key={p}
            provider={p}
            value={a.providers[p].region}
            kind={a.intensity}
            onPick={(region) =>
              void save((s) => ({ ...s, assumptions: pickRegion(s.assumptions, p, region) }))
            }
          />
        ))}
      </section>

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

      <section aria-labelledby="h-models">
        <h2 id="h-models">{t('headingModels')}</h2>
        <p class="sub">{t('modelsIntro')}</p>
        <div class="grid2">
          {SITE_IDS.map((site) => (
            <label key={site}>
              {t('modelHandlingFor', siteName(site))}
              <select
                value={a.siteModel[site]}
                onChange={(e) => {
                  const v = e.currentTarget.value as 'detect' | TierId;
                  void save(setAssumption({ siteModel: { ...a.siteModel, [site]: v } }));
                }}
              >
                <option value="detect">{t('modelDetect')}</option>
                {TIER_IDS.map((tier) => (
                  <option key={tier} value={tier}>
                    {t('modelFixedTier', t(TIER_MESSAGE[tier]))}
                  </option>
                ))}
              </select>
            </label>
          ))}
          <label>
            {t('defaultTierLabel')}
            <select
              value={a.defaultTier}
              onChange={(e) =>
                void save(setAssumption({ defaultTier: e.currentTarget.value as TierId }))
              }
            >
              {TIER_IDS.map((tier) => (
                <option key={tier} value={tier}>
                  {t(TIER_MESSAGE[tier])}
                </option>
              ))}
            </select>
          </label>
        </div>
        <RadioGroup
          {...METHOD}
          value={a.method}
          onPick={(m) => void save(setAssumption({ method: m }))}
        />
        <Catalogue />
      </section>

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

      <DataSection onMessage={setMsg} assumptions={a} />

      <section aria-labelledby="h-method">
        <h2 id="h-method">{t('headingMethodology')}</h2>
        <p>{t('methodologyBody1')}</p>
        <p>{t('methodologyBody2')}</p>
        <p>
          <a href={browser.runtime.getURL('/report.html')}>{t('linkReport')}</a>
        </p>
        <Sources />
      </section>
    </main>
  );
}

/** A searchable list of every CO2.js country/zone with its intensity; the provider default first. */
function RegionPicker({
  provider,
  value,
  kind,
  onPick,
}: {
  provider: ProviderId;
  value: string;
  kind: IntensityKind;
  onPick: (code: string) => void;
}) {
  const [q, setQ] = useState('');
  const resolved = resolveIntensity(value, kind);
  const all = useMemo(() => {
    // Names in the UI language; the English name stays searchable too.
    const list = regions(kind).map((r) => ({ ...r, en: r.name, name: localRegionName(r.code) }));
    list.sort((x, y) => x.name.localeCompare(y.name, uiLocale()));
    // A region chosen under the other intensity kind may have no figure of this kind: keep
    // it selectable (with the figure actually used) rather than silently showing another.
    if (!list.some((r) => r.code === value))
      list.unshift({
        code: value,
        en: regionName(value),
        name: localRegionName(value),
        gPerKwh: resolved.gPerKwh,
      });
    return list;
  }, [kind, value, resolved.gPerKwh]);
  const dflt = DEFAULT_ASSUMPTIONS.providers[provider].region;
  const needle = q.trim().toLowerCase();
  const shown = all.filter(
    (r) =>
      r.code === value ||
      !needle ||
      r.name.toLowerCase().includes(needle) ||
      r.en.toLowerCase().includes(needle) ||
      r.code.toLowerCase().includes(needle),
  );
  const label = (r: { code: string; name: string; gPerKwh: number }) =>
    `${r.name} (${r.code}) — ${fmt(r.gPerKwh, 3)} g/kWh${r.code === dflt ? ` · ${t('providerDefault')}` : ''}`;
  const id = `region-${provider}`;
  return (
    <div class="region">
      <label for={id}>{t('regionFor', PROVIDER_NAME[provider])}</label>
      <div class="row">
        <input
          type="search"
          aria-label={t('regionSearchFor', PROVIDER_NAME[provider])}
          placeholder={t('regionSearchPlaceholder')}
          value={q}
          onInput={(e) => setQ(e.currentTarget.value)}
        />
        <select id={id} value={value} onChange={(e) => onPick(e.currentTarget.value)}>
          {shown.map((r) => (
            <option key={r.code} value={r.code}>
              {label(r)}
            </option>
          ))}
        </select>
        {value !== dflt ? (
          <button type="button" onClick={() => onPick(dflt)}>
            {t('useProviderDefault')}
          </button>
        ) : null}
      </div>
      <p class="note">
        {t(
          'regionNow',
          fmt(resolved.gPerKwh, 3),
          resolved.kind === 'average' ? t('intensityAverageShort') : t('intensityMarginalShort'),
        )}
        {resolved.fallback === 'average-for-marginal' ? ` ${t('regionFallbackAverage')}` : ''}
        {resolved.fallback === 'world' ? ` ${t('regionFallbackWorld')}` : ''}
      </p>
    </div>
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

const CONFIDENCE: Record<string, MessageKey> = {
  disclosed: 'confidenceDisclosed',
  estimated: 'confidenceEstimated',
  assumed: 'confidenceAssumed',
};

/** The model catalogue, readable: parameters, tier, confidence and source. */
function Catalogue() {
  const list = Object.values(MODELS);
  const p = (r: { min: number; max: number }) =>
    r.min === r.max ? fmt(r.min, 3) : `${fmt(r.min, 3)}–${fmt(r.max, 3)}`;
  return (
    <details class="catalogue">
      <summary>{t('catalogueSummary', String(list.length))}</summary>
      <div class="scroll">
        <table>
          <thead>
            <tr>
              <th scope="col">{t('colModel')}</th>
              <th scope="col">{t('colProvider')}</th>
              <th scope="col">{t('colActiveParams')}</th>
              <th scope="col">{t('colTotalParams')}</th>
              <th scope="col">{t('colTier')}</th>
              <th scope="col">{t('colConfidence')}</th>
              <th scope="col">{t('colSource')}</th>
            </tr>
          </thead>
          <tbody>
            {list.map((m) => (
              <tr key={m.id}>
                <th scope="row">
                  {m.name}
                  {m.reasoning ? <span class="tag">{t('reasoningTag')}</span> : null}
                </th>
                <td>{PROVIDER_NAME[m.provider]}</td>
                <td>{p(m.activeParamsB)}</td>
                <td>
                  {p(m.totalParamsB)} {m.arch === 'moe' ? 'MoE' : ''}
                </td>
                <td>{t(TIER_MESSAGE[m.tier])}</td>
                <td>{t(CONFIDENCE[m.confidence] ?? 'confidenceAssumed')}</td>
                <td>
                  {m.ecologitsName}
                  {m.note ? <span class="note"> — {m.note}</span> : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p class="note">
        {TIER_IDS.map((tier) => (
          <span key={tier} class="tierdesc">
            <strong>{t(TIER_MESSAGE[tier])}</strong>: {TIERS[tier].description}.{' '}
          </span>
        ))}
      </p>
    </details>
  );
}

/** Export JSON / CSV, import JSON, delete everything (with confirmation). */
function DataSection({
  onMessage,
  assumptions,
}: {
  onMessage: (m: string) => void;
  assumptions: Assumptions;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const stamp = () => new Date().toISOString().slice(0, 10);
  const run = async (f: () => Promise<string>) => {
    setBusy(true);
    try {
      onMessage(await f());
    } catch (e) {
      onMessage(t('errorGeneric', e instanceof Error ? e.message : String(e)));
    } finally {
      setBusy(false);
    }
  };
  const exportAs = (kind: 'json' | 'csv') =>
    run(async () => {
      const file = await buildExport(db(), assumptions, Date.now());
      if (kind === 'json') download(`tokenprint-${stamp()}.json`, 'application/json', toJson(file));
      else download(`tokenprint-${stamp()}.csv`, 'text/csv', toCsv(file));
      return t('exported', fmtInt(file.interactions.length));
    });
  const onImport = (e: JSX.TargetedEvent<HTMLInputElement>) => {
    const input = e.currentTarget;
    const file = input.files?.[0];
    if (!file) return;
    void run(async () => {
      try {
        if (file.size > MAX_IMPORT_BYTES) return t('importRejected', t('importTooLarge'));
        const res = await importJson(db(), await file.text());
        if (!res.ok) return t('importRejected', res.error);
        return t('imported', fmtInt(res.added), fmtInt(res.total - res.added));
      } finally {
        input.value = '';
      }
    });
  };
  return (
    <section aria-labelledby="h-data">
      <h2 id="h-data">{t('headingData')}</h2>
      <p class="sub">{t('dataIntro')}</p>
      <div class="buttons">
        <button type="button" disabled={busy} onClick={() => void exportAs('json')}>
          Export JSON
        </button>
        <button type="button" disabled={busy} onClick={() => void exportAs('csv')}>
          Export CSV
        </button>
        <label class="button">
          {t('importJson')}
          <input
            ref={fileInput}
            class="sr-only"
            type="file"
            accept="application/json,.json"
            disabled={busy}
            onChange={onImport}
          />
        </label>
        <button
          type="button"
          class="danger"
          disabled={busy}
          onClick={() => dialog.current?.showModal()}
        >
          {t('deleteAll')}
        </button>
      </div>
      <dialog ref={dialog} aria-labelledby="h-confirm">
        <h3 id="h-confirm">{t('deleteConfirmTitle')}</h3>
        <p>{t('deleteConfirmBody')}</p>
        <div class="buttons">
          <button type="button" onClick={() => dialog.current?.close()}>
            {t('cancel')}
          </button>
          <button
            type="button"
            class="danger"
            onClick={() => {
              dialog.current?.close();
              void run(async () => {
                await deleteAllData(db());
                return t('deleted');
              });
            }}
          >
            {t('deleteConfirmButton')}
          </button>
        </div>
      </dialog>
    </section>
  );
}
