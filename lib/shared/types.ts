/** The chat sites Tokenprint reads (stored rows keep a site's index here: append only). */
export type SiteId = 'chatgpt' | 'claude' | 'lechat' | 'gemini';
export const SITE_IDS: readonly SiteId[] = ['chatgpt', 'claude', 'lechat', 'gemini'];

/** Host names whose pages our content scripts run on, per site (as in wxt.config.ts). */
export const SITE_HOSTS: Readonly<Record<SiteId, readonly string[]>> = {
  chatgpt: ['chatgpt.com', 'chat.openai.com'],
  claude: ['claude.ai'],
  lechat: ['chat.mistral.ai'],
  gemini: ['gemini.google.com'],
};

/** The site's name as the user knows it. */
export const SITE_NAMES: Readonly<Record<SiteId, string>> = {
  chatgpt: 'ChatGPT',
  claude: 'Claude',
  lechat: 'Le Chat',
  gemini: 'Gemini',
};

/** A min–max range; every estimate Tokenprint shows carries one. */
export interface Range {
  min: number;
  max: number;
}
