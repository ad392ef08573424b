import { storage } from 'wxt/utils/storage';
import type { SiteId } from './types';

/**
 * Capture health of one tab, reported by its content script and kept in session storage
 * (cleared when the browser closes). The popup reads it for the current tab.
 * - working: the adapter finds the turns it expects (or the page is an empty new chat);
 * - broken: the page shows conversation content but the adapter finds no turns.
 */
export interface CaptureHealth {
  site: SiteId;
  state: 'working' | 'broken';
  /** Turns the adapter currently sees on the page. */
  turns: number;
  /** Short English reason for 'broken', shown with what to do. */
  detail?: string;
  /** Epoch ms of the report. */
  at: number;
}

export const tabHealthItem = (tabId: number) =>
  storage.defineItem<CaptureHealth | null>(`session:health:${tabId}`, { fallback: null });
