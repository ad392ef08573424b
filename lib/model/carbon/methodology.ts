/**
 * The version of the estimation methodology (lib/model/carbon/METHODOLOGY.md §11). Exports name it
 * in their assumptions and the report shows it, so a figure can be traced to the method that
 * made it. Figures are never stored: after an upgrade, the same stored counts give the
 * current version's figures.
 */
export const METHODOLOGY_VERSION = '2026-12.4';

/** The EcoLogits release the 'ecologits' method reproduces (parity vectors, METHODOLOGY §4). */
export const ECOLOGITS_REFERENCE = '0.11.2';

/** Every methodology version, oldest first, with what it changed. */
export const METHODOLOGY_HISTORY: readonly { version: string; changes: string }[] = [
  {
    version: '2026-11',
    changes:
      'Default method: EcoLogits 0.9.3 decode × [0.4, 1] plus prefill (Epoch AI); EcoLogits method as 0.9.3.',
  },
  {
    version: '2026-12',
    changes:
      'Default method: decode × [0.29, 0.50] on production evidence, host and idle reserve as Google reports them, switchable carbon (location/market) and water (on+off site/on site) boundaries; EcoLogits method as 0.11.2 (water before PUE, GPU embodied 273 kg). Issue #15.',
  },
  {
    version: '2026-12.2',
    changes:
      'Default method: decode on the 2026 accelerator fleet (post-H100 share 0.3–0.7 at 0.60–0.735× of H100’s energy per token, combined with H100 serving [0.29, 0.47] in quadrature: factor 0.23–0.40, central 0.30, was 0.29–0.50, central 0.38); sourced carbon-free shares for all three providers (market-based boundary only: Azure 0.92–0.965 for OpenAI and Mistral, Google hourly 0.64 to AWS annual 1.0 for Anthropic). Issue #15.',
  },
  {
    version: '2026-12.3',
    changes:
      'Closed-model sizes span EcoLogits’ estimate and a speed reading against the maker-and-tier reference (METHODOLOGY §3.1): e.g. Claude Sonnet 4.5 at 500 / 300 tokens 0.155–0.607 Wh → 0.155–1.24 Wh, GPT-5 0.138–0.483 → 0.077–0.483 Wh; Gemini (Google) as a provider. Issues #15, #18.',
  },
  {
    version: '2026-12.4',
    changes:
      'The whole exchange is captured and priced: the re-read conversation with the site’s system prompt (cached share 0–90 % at 0.1–0.5× a fresh token), hidden reasoning from the page’s duration, label or stream timing, images, files and searches; the measured streaming time replaces output ÷ speed in the latency term where plausible (e.g. GPT-4o, 500 / 600 tokens streamed in 30 s: energy unchanged, 0.121–0.432 → 0.130–0.449 gCO2e). Replies recorded before carry none of these measurements: their figures are unchanged. Issue #14.',
  },
];
