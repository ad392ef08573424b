/**
 * An A–G energy class per model, in the style of the EU energy label (issue #19): the
 * energy of one reference reply, on a geometric scale. How the scale was set is in
 * lib/model/compare/COMPARE.md ("Energy class").
 */

/**
 * The reference reply every model is rated on: 500 prompt tokens, 300 reply tokens, the
 * median production query of Microsoft's measurement (Oviedo et al. 2025, arXiv 2509.20241:
 * 500 in / median 300 out), as quoted in issue #15. A fixed reply, like the label's fixed
 * test cycle, so that a class says something about the model and not about one user's habits.
 */
export const REFERENCE_REPLY = Object.freeze({
  count: 1,
  inputTokens: 500,
  inputTokensSq: 500 * 500,
  outputTokens: 300,
});

export const ENERGY_CLASSES = ['A', 'B', 'C', 'D', 'E', 'F', 'G'] as const;
export type EnergyClass = (typeof ENERGY_CLASSES)[number];

/** Upper bound of class A, Wh per reference reply (central estimate). */
export const CLASS_A_MAX_WH = 0.02;
/** Each class allows three times the energy of the one above it. */
export const CLASS_STEP = 3;

/** Upper bounds (Wh, inclusive) of classes A–F; G is everything above the last. */
export const CLASS_BOUNDS_WH: readonly number[] = Object.freeze(
  ENERGY_CLASSES.slice(0, -1).map((_, i) => CLASS_A_MAX_WH * CLASS_STEP ** i),
);

/** The class of a reference reply's central energy in Wh. */
export function energyClass(wh: number): EnergyClass {
  if (!Number.isFinite(wh) || wh < 0) throw new RangeError(`energy must be ≥ 0 Wh, got ${wh}`);
  const i = CLASS_BOUNDS_WH.findIndex((b) => wh <= b * (1 + 1e-12));
  return ENERGY_CLASSES[i < 0 ? ENERGY_CLASSES.length - 1 : i]!;
}
