/**
 * The carbon model's public API (issue #5). Pure and browser-free: no `browser`, no DOM.
 * Method, formulas, constants and their sources: lib/model/carbon/METHODOLOGY.md.
 */
export type * from './types';
export {
  CLEAN_ENERGY,
  DEFAULT_ASSUMPTIONS,
  EPOCH_PREFILL_ANCHORS,
  TOKENPRINT,
  addEstimates,
  assertUsage,
  chooseModel,
  decodeFactor,
  decodeGpuWhPerToken,
  detectEverywhere,
  estimate,
  estimatorFor,
  facilityEmissions,
  linearEstimator,
  pickRegion,
  prefillWh,
  PROVIDER_IDS,
  providerOf,
  SITE_PROVIDER,
  tierSlopes,
  withRegion,
  zeroEstimate,
  type ModelChoice,
  type TierSlope,
} from './estimate';
export {
  ECOLOGITS,
  ecologitsImpacts,
  gpuCount,
  type EcologitsInput,
  type EcologitsOutput,
  type ValueOrRange,
} from './ecologits';
export { WORLD, gridIntensity, isKnownRegion, offsiteWue, resolveIntensity } from './grid';
// Region names live in ./regions, imported directly (see there why it is not re-exported).
export type { ResolvedIntensity } from './grid';
export {
  ASSUMED_MAPPINGS,
  MODELS,
  TIERS,
  TIER_IDS,
  UNKNOWN_MODEL,
  modelSpec,
  resolveModelId,
  type ModelConfidence,
  type ModelSpec,
  type TierSpec,
} from './models';
export { SOURCES, source, type Coefficient, type Confidence, type Source } from './sources';
export { ECOLOGITS_REFERENCE, METHODOLOGY_HISTORY, METHODOLOGY_VERSION } from './methodology';
