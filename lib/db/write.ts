import { storageKey } from './keys';
import { encodeInteraction, internConversations } from './rows';
import { capturedEntry, epochDay, windowStart } from './window';
import { localDay } from './day';
import type {
  DailyRow,
  InteractionRow,
  KeyedInteraction,
  PendingPromptRow,
  TokenprintDB,
} from './types';
import type { SiteId } from '../shared/types';
import { EXCHANGE_SUMS, emptyUsage, rowUsage, type ExchangeSum } from '../model/carbon/usage';

/**
 * Every write to the history goes through here, each in ONE Dexie transaction together with
 * its daily rollup, so a service worker killed mid-write leaves either both or neither.
 */

type Counts = Pick<
  DailyRow,
  'prompts' | 'count' | 'inputTokens' | 'inputTokensSq' | 'outputTokens'
> &
  Record<ExchangeSum, number>;

const ZERO: Counts = { prompts: 0, ...emptyUsage() };

/** Sums per-(day, site, model) increments before touching the table (one get/put per key). */
export class RollupDelta {
  private readonly byKey = new Map<string, { day: number; site: SiteId; model: string } & Counts>();

  add(at: number, site: SiteId, model: string, d: Partial<Counts>): void {
    const day = localDay(at);
    const k = `${day}\u0000${site}\u0000${model}`;
    const cur = this.byKey.get(k) ?? { day, site, model, ...ZERO };
    for (const f of Object.keys(d) as (keyof Counts)[]) cur[f] += d[f] ?? 0;
    this.byKey.set(k, cur);
  }

  /** The increments as rows (for a table known to be empty). */
  rows(): DailyRow[] {
    return [...this.byKey.values()].map((d) => {
      const row: DailyRow = { ...d };
      for (const f of EXCHANGE_SUMS) if (row[f] === 0) delete row[f];
      return row;
    });
  }

  /** Must run inside a transaction that includes `daily`. */
  async apply(database: TokenprintDB): Promise<void> {
    if (this.byKey.size === 0) return;
    const deltas = [...this.byKey.values()];
    const existing = await database.daily.bulkGet(deltas.map((d) => [d.day, d.site, d.model]));
    const rows: DailyRow[] = deltas.map((d, i) => {
      const old = existing[i];
      const row: DailyRow = {
        day: d.day,
        site: d.site,
        model: d.model,
        prompts: (old?.prompts ?? 0) + d.prompts,
        count: (old?.count ?? 0) + d.count,
        inputTokens: (old?.inputTokens ?? 0) + d.inputTokens,
        inputTokensSq: (old?.inputTokensSq ?? 0) + d.inputTokensSq,
        outputTokens: (old?.outputTokens ?? 0) + d.outputTokens,
      };
      for (const f of EXCHANGE_SUMS) {
        // A row from before these sums had no context: its full input was its prompt alone.
        const before = old?.[f] ?? (f === 'fullInputSq' ? (old?.inputTokensSq ?? 0) : 0);
        const sum = before + d[f];
        // Zero sums stay absent; readers take an absent fullInputSq as inputTokensSq.
        if (sum !== 0) row[f] = sum;
      }
      return row;
    });
    await database.daily.bulkPut(rows);
  }
}

/** One interaction's share of its daily row (lib/model/carbon/usage.ts rowUsage). */
export function interactionDelta(r: InteractionRow): Partial<Counts> {
  return rowUsage(r);
}

/** An interaction to add: with its storage key (import) or its message id `${site}:${key}`. */
export type NewInteraction = InteractionRow & ({ key: number } | { id: string });

const keyOf = (r: NewInteraction): number => ('key' in r ? r.key : storageKey(r.id));

/** The stored value: the row without its key or id (the key is outbound). */
function value(r: NewInteraction): InteractionRow {
  const { key: _key, id: _id, ...row } = r as InteractionRow & { key?: number; id?: string };
  return row;
}

/**
 * Bulk insert (JSON import): skips rows whose key already exists, updates the daily rollups,
 * all in one transaction. Returns how many rows were added. An imported interaction with
 * input tokens also counts one prompt in the rollup (live capture counted that prompt when
 * it was sent), so imported and captured days read the same.
 */
export async function addInteractions(
  database: TokenprintDB,
  rows: readonly NewInteraction[],
): Promise<number> {
  if (rows.length === 0) return 0;
  const keys = rows.map(keyOf);
  const tables = [database.interactions, database.daily, database.conversations];
  return database.transaction('rw', tables, async () => {
    const existing = await database.interactions.bulkGet(keys);
    const seen = new Set<number>();
    const fresh: KeyedInteraction[] = [];
    rows.forEach((r, i) => {
      const key = keys[i]!;
      if (existing[i] !== undefined || seen.has(key)) return;
      seen.add(key);
      fresh.push({ ...value(r), key });
    });
    if (fresh.length === 0) return 0;
    const delta = new RollupDelta();
    for (const r of fresh) {
      delta.add(r.at, r.site, r.model, {
        ...interactionDelta(r),
        prompts: r.inputTokens > 0 ? 1 : 0,
      });
    }
    await internConversations(
      database,
      fresh.map((r) => r.conversationId),
    );
    await database.interactions.bulkAdd(
      fresh.map((r) => encodeInteraction(r)),
      fresh.map(keyOf),
    );
    await delta.apply(database);
    return fresh.length;
  });
}

/**
 * Records a captured prompt: a pending row, `prompts + 1` in the rollup and its key in
 * `captured` stamped with `now`'s day. False when already recorded, or stamped before the
 * prompt-key window, whose memory may be pruned (lib/db/window.ts).
 */
export async function addPrompt(
  database: TokenprintDB,
  row: PendingPromptRow,
  model: string,
  now = Date.now(),
): Promise<boolean> {
  if (epochDay(row.at) < windowStart(now)) return false;
  return database.transaction(
    'rw',
    [database.prompts, database.daily, database.captured, database.conversations],
    async () => {
      // Stamped with the later of the two days: a row's day is never before its prompt's
      // (the window's refusal above relies on it).
      const [key, value] = capturedEntry(row.id, row.conversationId, Math.max(now, row.at));
      if ((await database.captured.get(key)) !== undefined) return false;
      // Still pending, its key pruned (a prompt answered by nothing for 90 days): known.
      if ((await database.prompts.get(row.id)) !== undefined) return false;
      await database.prompts.add(row);
      await internConversations(database, [row.conversationId]);
      await database.captured.add(value, key);
      const delta = new RollupDelta();
      delta.add(row.at, row.site, model, { prompts: 1 });
      await delta.apply(database);
      return true;
    },
  );
}

/** A completed response before it is paired with its prompt. */
export type ResponseInput = Omit<InteractionRow, 'inputTokens'> & {
  /** `${site}:${response key}` (stored as its storageKey). */
  id: string;
  /** Id of the prompt row it answers, when the content script knows it. */
  promptId?: string | null;
};

/**
 * Records a completed response as an interaction, paired with its prompt: the one named by
 * `promptId` if still pending, else the latest pending prompt of the same conversation at or
 * before it. The paired pending row is deleted (its tokens move into the interaction).
 * Returns the stored row, or null when the id was recorded before (nothing written).
 */
export async function addResponse(
  database: TokenprintDB,
  input: ResponseInput,
): Promise<InteractionRow | null> {
  return database.transaction(
    'rw',
    [
      database.interactions,
      database.prompts,
      database.daily,
      database.captured,
      database.conversations,
    ],
    async () => {
      const key = storageKey(input.id);
      if (
        (await database.captured.get(key)) !== undefined ||
        (await database.interactions.get(key)) !== undefined
      )
        return null;
      const { promptId, id: _id, ...rest } = input;
      let prompt = promptId ? await database.prompts.get(promptId) : undefined;
      if (prompt && prompt.site !== input.site) prompt = undefined;
      if (!prompt) {
        const pending = await database.prompts
          .where('[site+conversationId]')
          .equals([input.site, input.conversationId ?? ''])
          .filter((p) => p.at <= input.at)
          .sortBy('at');
        prompt = pending.at(-1);
      }
      if (prompt) await database.prompts.delete(prompt.id);
      const row: InteractionRow = { ...rest, inputTokens: prompt?.tokens ?? 0 };
      if (row.reasoningTokens === undefined) delete row.reasoningTokens;
      // The interaction row is the memory of a recorded response (no `captured` row: see
      // schema v3).
      await internConversations(database, [row.conversationId]);
      await database.interactions.add(encodeInteraction(row), key);
      const delta = new RollupDelta();
      delta.add(row.at, row.site, row.model, interactionDelta(row));
      await delta.apply(database);
      return row;
    },
  );
}
