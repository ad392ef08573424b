import type Dexie from 'dexie';
import type { Transaction } from 'dexie';
import type { CapturedRowV3, DailyRow, InteractionRowV3, PendingPromptRow } from './types';
import { RollupDelta } from './write';

/**
 * Schema v1 → v2 (2026-11-23): adds `captured`, the keys already recorded, filled with every
 * existing id so a late re-delivery is a duplicate. v1 never wrote `daily`, which the popup
 * and badge read, so an empty `daily` is rebuilt from the interactions.
 */
export async function upgradeToV2(tx: Transaction): Promise<void> {
  const interactions = (await tx.table('interactions').toArray()) as InteractionRowV3[];
  const prompts = (await tx.table('prompts').toArray()) as PendingPromptRow[];
  const daily = tx.table('daily') as Dexie.Table<DailyRow, [number, string, string]>;

  if ((await daily.count()) === 0) {
    const delta = new RollupDelta();
    for (const r of interactions) {
      delta.add(r.at, r.site, r.model, {
        count: 1,
        inputTokens: r.inputTokens,
        inputTokensSq: r.inputTokens * r.inputTokens,
        outputTokens: r.outputTokens,
        prompts: r.inputTokens > 0 ? 1 : 0,
      });
    }
    // A pending prompt was counted when it was sent; its model is not known any more.
    for (const p of prompts) delta.add(p.at, p.site, 'unknown', { prompts: 1 });
    await daily.bulkPut(delta.rows());
  }

  const captured: CapturedRowV3[] = [
    ...interactions.map((r) => ({
      id: r.id,
      site: r.site,
      conversationId: r.conversationId ?? '',
      kind: 'response' as const,
      at: r.at,
    })),
    ...prompts.map((p) => ({
      id: p.id,
      site: p.site,
      conversationId: p.conversationId,
      kind: 'prompt' as const,
      at: p.at,
    })),
  ];
  await tx.table('captured').bulkPut(captured);
}
