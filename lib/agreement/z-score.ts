import type {AgreementRow} from "./agreement.js";

/** Relative agreement of one scenario with the reference. */
export interface ZScoreRow {
  scenario: string;
  source: string;
  /** (corrWithReference − mean of all scenarios' mean correlation with the reference) / their SD (ddof 1). */
  zScore: number;
  /** Mean correlation of this scenario with the reference over all its measurements. */
  corrWithReference: number;
  /** Mean p-value of those correlations. */
  pValue: number;
  /** Mean requested subset size (0 = all shared models). */
  nModels: number;
}

/**
 * Z-scores of agreement with a reference (BenchBench `Reporter.get_all_z_scores` / `get_z_score`):
 * for each scenario s with measurements against the reference, obs = mean correlation of s with the
 * reference; the reference distribution is, over every scenario whose source is not blacklisted
 * (s included), its mean correlation with the reference (rows with a NaN dropped, as pandas'
 * `dropna()`); z = (obs − mean)/SD with ddof = 1. Sorted by z, highest first. The benchmark is judged
 * against its peers: a data-driven threshold instead of a fixed τ cut-off.
 *
 * @example agreementZScores(agreements, {reference: "aggregate"}); // [{scenario, zScore, …}, …]
 */
export function agreementZScores(
  agreements: readonly AgreementRow[],
  {reference = "aggregate", blacklistSources = []}: {reference?: string; blacklistSources?: readonly string[]} = {}
): ZScoreRow[] {
  const blacklist = new Set(blacklistSources);
  const complete = (r: AgreementRow) => !Number.isNaN(r.value) && !Number.isNaN(r.pValue);
  const withReference = agreements.filter((r) => r.refScenario === reference);
  const perScenario = new Map<string, {sum: number; n: number}>();
  for (const r of withReference) {
    if (!complete(r) || blacklist.has(r.scenarioSource)) continue;
    const acc = perScenario.get(r.scenario) ?? {sum: 0, n: 0};
    acc.sum += r.value;
    acc.n += 1;
    perScenario.set(r.scenario, acc);
  }
  const means = [...perScenario.values()].map(({sum, n}) => sum / n);
  const mean = means.reduce((s, v) => s + v, 0) / means.length;
  const sd = Math.sqrt(means.reduce((s, v) => s + (v - mean) ** 2, 0) / (means.length - 1));
  const out: ZScoreRow[] = [];
  const seen = new Set<string>();
  for (const r of agreements) {
    const s = r.scenario;
    if (seen.has(s) || s === reference) continue;
    seen.add(s);
    const mine = withReference.filter((q) => q.scenario === s);
    if (!mine.some(complete)) continue;
    const avg = (values: number[]) => {
      const finite = values.filter((v) => !Number.isNaN(v));
      return finite.reduce((a, v) => a + v, 0) / finite.length;
    };
    const corr = avg(mine.map((q) => q.value));
    out.push({
      scenario: s,
      source: r.scenarioSource,
      zScore: (corr - mean) / sd,
      corrWithReference: corr,
      pValue: avg(mine.map((q) => q.pValue)),
      nModels: avg(mine.map((q) => q.sizeRequested))
    });
  }
  return out.sort((a, b) => b.zScore - a.zScore);
}
