import {arrayArg, optionsArg, reject, rowsArg, stringArg} from "../core/check.js";
import type {AgreementRow} from "./agreement-row.js";

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
  /** Why `zScore` is NaN: fewer than two scenarios measured against the reference. */
  warning?: string;
}

/**
 * Z-scores of agreement with a reference (BenchBench `Reporter.get_all_z_scores` / `get_z_score`):
 * for each scenario s with measurements against the reference, obs = mean correlation of s with the
 * reference; the reference distribution is, over every scenario whose source is not blacklisted
 * (s included), its mean correlation with the reference (rows with a NaN dropped, as pandas'
 * `dropna()`); z = (obs − mean)/SD with ddof = 1. Sorted by z, highest first. The benchmark is judged
 * against its peers: a data-driven threshold instead of a fixed τ cut-off. Fewer than two scenarios
 * measured against the reference leave no spread to compare with: z is then NaN and the row carries a
 * `warning` saying so; no measurements at all give no rows.
 *
 * @example agreementZScores(agreements, {reference: "aggregate"}); // [{scenario, zScore, …}, …]
 */
export function agreementZScores(
  agreements: readonly AgreementRow[],
  options: {reference?: string; blacklistSources?: readonly string[]} = {}
): ZScoreRow[] {
  const fn = "agreementZScores";
  const {reference = "aggregate", blacklistSources = []} = optionsArg(options, fn);
  stringArg(reference, "reference", fn, {code: "option"});
  arrayArg(blacklistSources, "blacklistSources", fn).forEach((s) => stringArg(s, "blacklistSources", fn, {empty: true, code: "option"}));
  rowsArg(agreements, "agreements", fn).forEach((r, i) => {
    const row = r as Partial<AgreementRow>;
    for (const key of ["scenario", "refScenario", "scenarioSource"] as const) if (typeof row[key] !== "string") reject("type", fn, key, "a string", row[key], {row: i});
    for (const key of ["value", "pValue", "sizeRequested"] as const) if (typeof row[key] !== "number") reject("type", fn, key, "a number (NaN = undefined)", row[key], {row: i});
  });
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
  // One scenario's mean is no distribution: its SD, and so every z, is undefined.
  const warning = means.length < 2 ? `z needs at least 2 scenarios measured against "${reference}" outside blacklisted sources, got ${means.length}` : undefined;
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
      nModels: avg(mine.map((q) => q.sizeRequested)),
      ...(warning ? {warning} : {})
    });
  }
  return out.sort((a, b) => b.zScore - a.zScore);
}
