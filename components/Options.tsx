import { useEffect, useState } from 'preact/hooks';
import { settingsItem, type Settings } from '../lib/settings';

const REGIONS: { code: string; label: string }[] = [
  { code: 'provider', label: "Provider's default" },
  { code: 'USA', label: 'United States' },
  { code: 'SWE', label: 'Sweden' },
  { code: 'FRA', label: 'France' },
];

export function Options() {
  const [settings, setSettings] = useState<Settings | null>(null);
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    void settingsItem.getValue().then(setSettings);
    return settingsItem.watch((v) => setSettings(v));
  }, []);
  if (!settings) return null;
  return (
    <main class="options">
      <h1>Tokenprint settings</h1>
      <label>
        Region where the models run{' '}
        <select
          value={settings.region}
          onChange={async (e) => {
            const region = (e.currentTarget as HTMLSelectElement).value;
            await settingsItem.setValue({ ...settings, region });
            setSaved(true);
          }}
        >
          {REGIONS.map((r) => (
            <option value={r.code} key={r.code}>
              {r.label}
            </option>
          ))}
        </select>
      </label>
      <p role="status">{saved ? 'Saved.' : ''}</p>
    </main>
  );
}
