/**
 * Habits, projections, equivalents and what-ifs over daily rollups (issue #5).
 * Pure and browser-free; inputs are plain arrays of per-day rows or estimates.
 */
export * from './habit';
export * from './equivalents';
export * from './whatif';
