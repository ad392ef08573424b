/** The three chat sites Tokenprint reads. */
export type SiteId = 'chatgpt' | 'claude' | 'lechat';
export const SITE_IDS: readonly SiteId[] = ['chatgpt', 'claude', 'lechat'];

/** A min–max range; every estimate Tokenprint shows carries one. */
export interface Range {
  min: number;
  max: number;
}
