import { storage } from 'wxt/utils/storage';
import type { CaptureHealth, SourcesSeen } from './health';

// Apart from health.ts, whose pure judges the content scripts import: there the storage
// library (a fifth of their size) stayed out only as long as the bundler tree-shook it.

/** A tab's capture health, as its content script last reported it (session storage). */
export const tabHealthItem = (tabId: number) =>
  storage.defineItem<CaptureHealth | null>(`session:health:${tabId}`, { fallback: null });

/** When each source last saw a recorded turn, per site. */
export const sourcesSeenItem = () =>
  storage.defineItem<SourcesSeen>('local:sourcesSeen', { fallback: {} });
