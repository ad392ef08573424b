import Dexie, { type EntityTable } from 'dexie';
import { keepLastReply } from './last-reply';
import { keepRecentCopy } from './recent';
import type { SiteId } from '../shared/types';
import { upgradeToV3 } from './upgrade-2026-11-23-v3';
import { rekeyToV4, renameV4 } from './upgrade-2026-11-23-v4';
import { stampCapturedV6 } from './upgrade-2026-11-23-v6';
import { upgradeToV2 } from './upgrade-2026-11-23';
import type { CapturedRow, DailyRow, PendingPromptRow, StoredInteraction, Tables } from './types';

export type * from './types';

export class TokenprintDB extends Dexie implements Tables {
  /** Outbound key: storageKey(`${site}:${response key}`) (lib/db/keys.ts). */
  interactions!: Dexie.Table<StoredInteraction, number>;
  prompts!: EntityTable<PendingPromptRow, 'id'>;
  daily!: Dexie.Table<DailyRow, [number, SiteId, string]>;
  /** Outbound key: storageKey(`${site}:${prompt key}`). */
  captured!: Dexie.Table<CapturedRow, number>;
  /** Conversation ids by ref (lib/db/rows.ts conversationRef): rows point here. */
  conversations!: Dexie.Table<string, number>;

  constructor(name = 'tokenprint') {
    super(name);
    // Schema lists only indexed fields.
    this.version(1).stores({
      interactions: 'id, at',
      prompts: 'id, at, [site+conversationId]',
      daily: '[day+site+model], day',
    });
    // 2026-11-23: keys already recorded (idempotent capture across pairing and reloads).
    this.version(2).stores({ captured: 'id, [site+conversationId]' }).upgrade(upgradeToV2);
    // 2026-11-23: no index nobody queries: each entry repeated the row's uuid-shaped key, most
    // of the bytes per interaction. Export sorts by time in memory; the rollups hold the time
    // series. Responses need no `captured` row: their interaction row already records them.
    this.version(3).stores({ interactions: 'id', captured: 'id' }).upgrade(upgradeToV3);
    // 2026-11-23, schema v4: number keys and array rows (lib/db/keys.ts, rows.ts) for storage.
    // Dexie cannot change a primary key in place, so v4 re-keys into new stores and v5 puts
    // them back under their names. `prompts` keeps string ids: it holds only waiting prompts.
    this.version(4)
      .stores({
        interactions: null,
        captured: null,
        interactionsV4: '',
        capturedV4: '',
        conversations: '',
      })
      .upgrade(rekeyToV4);
    this.version(5)
      .stores({ interactionsV4: null, capturedV4: null, interactions: '', captured: '' })
      .upgrade(renameV4);
    // 2026-11-23, schema v6: prompt keys kept for a window, not forever (lib/db/window.ts):
    // each `captured` row gets the day it was recorded; v4 rows count as recorded today.
    this.version(6).stores({}).upgrade(stampCapturedV6);
  }
}

let instance: TokenprintDB | undefined;
/** The extension's one database (opened lazily; extension origin only, never a content script). */
export function db(): TokenprintDB {
  if (!instance) {
    instance = new TokenprintDB();
    // The popup's first paint reads a copy of the recent rollups (./recent.ts).
    keepRecentCopy(instance);
    // The popup's long-chat hint reads the newest reply's counts (./last-reply.ts).
    keepLastReply(instance);
  }
  return instance;
}

// In a Dexie-free module for the popup's first paint; importers here keep working.
export { localDay } from './day';
