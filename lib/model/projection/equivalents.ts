/**
 * Everyday equivalents of an amount of carbon or energy, each with its source and
 * confidence (ids in lib/model/carbon/sources.ts). Carbon-based items divide gCO2e; energy-based
 * items divide Wh, so they stay true whatever grid the user picked.
 */
import type { Band } from '../carbon/types';
import type { Coefficient } from '../carbon/sources';

export type EquivalentId =
  'carKm' | 'carMinutes' | 'phoneCharges' | 'streamingHours' | 'kettleBoils';

export interface EquivalentFactor extends Coefficient {
  id: EquivalentId;
  label: string;
  /** What is divided by `value`. */
  basis: 'gco2e' | 'energyWh';
}

/** Average petrol car, DESNZ 2024 conversion factors (≈ 164 gCO2e/km, tailpipe). */
const CAR_G_PER_KM = 164;
/** Assumed average driving speed, mixed urban and extra-urban (no single published figure). */
const CAR_KM_PER_H = 50;

export const EQUIVALENTS: readonly EquivalentFactor[] = [
  {
    id: 'carKm',
    label: 'km driven in an average petrol car',
    basis: 'gco2e',
    value: CAR_G_PER_KM,
    unit: 'gCO2e per km',
    sourceIds: ['desnz-2024'],
    confidence: 'medium',
  },
  {
    id: 'carMinutes',
    label: 'minutes of driving',
    basis: 'gco2e',
    // g per minute = g/km × km/h ÷ 60
    value: (CAR_G_PER_KM * CAR_KM_PER_H) / 60,
    unit: 'gCO2e per minute at 50 km/h',
    sourceIds: ['desnz-2024', 'tokenprint-assumption'],
    confidence: 'low',
    note: 'Average speed of 50 km/h is an assumption.',
  },
  {
    id: 'phoneCharges',
    label: 'smartphone charges',
    basis: 'energyWh',
    value: 19,
    unit: 'Wh per full charge',
    sourceIds: ['epa-equivalencies'],
    confidence: 'medium',
  },
  {
    id: 'streamingHours',
    label: 'hours of video streaming',
    basis: 'gco2e',
    value: 36,
    unit: 'gCO2 per hour',
    sourceIds: ['iea-streaming-2020'],
    confidence: 'medium',
    note: 'IEA central estimate for 2019 (devices, network, data centres), global average grid.',
  },
  {
    id: 'kettleBoils',
    label: 'kettle boils (1 litre)',
    basis: 'energyWh',
    // 1 kg × 4.186 kJ/(kg·K) × 85 K = 355.8 kJ = 98.8 Wh, ÷ 0.9 efficiency ≈ 110 Wh
    value: (4.186 * 85) / 3.6 / 0.9,
    unit: 'Wh per boil',
    sourceIds: ['physics-kettle'],
    confidence: 'high',
  },
];

export interface Equivalent {
  id: EquivalentId;
  label: string;
  amount: Band;
  factor: EquivalentFactor;
}

/** Equivalents of a carbon and energy amount (e.g. an Estimate or a projection). */
export function equivalents(x: { gco2e: Band; energyWh: Band }): Equivalent[] {
  return EQUIVALENTS.map((f) => {
    const b = x[f.basis];
    return {
      id: f.id,
      label: f.label,
      amount: { min: b.min / f.value, central: b.central / f.value, max: b.max / f.value },
      factor: f,
    };
  });
}
