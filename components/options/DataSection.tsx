import { useRef, useState } from 'preact/hooks';
import type { JSX } from 'preact';
import type { Assumptions } from '../../lib/model/carbon/types';
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
import { fmtInt, t } from '../shared/i18n';

/** Export JSON / CSV, import JSON, delete everything (with confirmation). */
export function DataSection({
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
