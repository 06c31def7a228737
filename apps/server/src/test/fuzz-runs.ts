/**
 * Size of property and fuzz runs: the CI-sized default of each test unless FUZZ_RUNS is set
 * (`npm run test:fuzz` sets it to 10 000 for the nightly run).
 */
export function fuzzRuns(ciDefault: number): number {
  const n = Number(process.env.FUZZ_RUNS);
  return Number.isFinite(n) && n > 0 ? Math.floor(n) : ciDefault;
}
