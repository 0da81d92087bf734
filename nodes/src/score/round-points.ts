/**
 * Rounds half away from zero, so +2.5 and -2.5 move the same distance (Math.round would give
 * 3 and -2), and never returns -0, which would show as "+0" beside a negative rule.
 */
export function roundPoints(value: number, decimals = 0): number {
  const scale = 10 ** decimals;
  return (Math.sign(value) * Math.round(Math.abs(value) * scale)) / scale || 0;
}
