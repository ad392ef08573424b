import type { Range } from '../types';

/**
 * PLACEHOLDER carbon model for the walking skeleton — NOT the product's method.
 * Anchored on Epoch AI (2025): a typical GPT-4o query ≈ 0.3 Wh for 500 output tokens,
 * i.e. ≈ 0.6 mWh per output token, ±50 %; input tokens ignored; a flat 0.4 kgCO2e/kWh
 * grid. The real model (EcoLogits-based, with ranges and sources) replaces this (issue #5).
 */
export const PLACEHOLDER_LABEL = 'Placeholder estimate (Epoch AI 0.3 Wh / 500 tokens, 0.4 kg/kWh)';

const WH_PER_OUTPUT_TOKEN = 0.3 / 500;
const KG_PER_KWH = 0.4;

export interface PlaceholderEstimate {
  energyWh: Range;
  gco2e: Range;
}

export function placeholderEstimate(outputTokens: number): PlaceholderEstimate {
  if (!Number.isFinite(outputTokens) || outputTokens < 0) {
    throw new RangeError(`outputTokens must be a finite, non-negative number, got ${outputTokens}`);
  }
  const wh = outputTokens * WH_PER_OUTPUT_TOKEN;
  const energyWh = { min: wh * 0.5, max: wh * 1.5 };
  // Wh × kg/kWh = g
  const gco2e = { min: energyWh.min * KG_PER_KWH, max: energyWh.max * KG_PER_KWH };
  return { energyWh, gco2e };
}
