/**
 * @tgwf/co2 ships no type declarations. Only its `./data` export is used (pure data
 * modules, no network): yearly average intensities (Ember) and 2021 marginal factors.
 */
declare module '@tgwf/co2/data' {
  export const averageIntensity: { data: Record<string, number>; type: 'average' };
  export const marginalIntensity: { data: Record<string, string>; type: 'marginal'; year: string };
}
