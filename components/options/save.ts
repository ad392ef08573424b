import { useState } from 'preact/hooks';
import type { Assumptions, ProviderAssumptions, ProviderId } from '../../lib/model/carbon/types';
import type { Settings } from '../../lib/worker/settings';
import { updateSettings } from '../shared/hooks';
import { t } from '../shared/i18n';

/** Applies one change to the settings; resolves once stored. */
export type Save = (f: (s: Settings) => Settings) => Promise<void>;

/** What a section of assumptions needs: the assumptions in force and the saver. */
export interface SectionProps {
  a: Assumptions;
  save: Save;
}

/** Saves a change to the assumptions and says so (every total is recomputed from tokens). */
export function useSaver() {
  const [msg, setMsg] = useState('');
  const save = async (f: (s: Settings) => Settings) => {
    await updateSettings(f);
    setMsg(t('savedRecomputed'));
  };
  return { msg, setMsg, save };
}

export const setProvider =
  (p: ProviderId, patch: Partial<ProviderAssumptions>) =>
  (s: Settings): Settings => ({
    ...s,
    assumptions: {
      ...s.assumptions,
      providers: { ...s.assumptions.providers, [p]: { ...s.assumptions.providers[p], ...patch } },
    },
  });

export const setAssumption =
  (patch: Partial<Assumptions>) =>
  (s: Settings): Settings => ({ ...s, assumptions: { ...s.assumptions, ...patch } });
