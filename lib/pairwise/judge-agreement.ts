import {arrayArg} from "../core/check.js";
import {BenchstatsError} from "../core/errors.js";
import {normalSurvival} from "../core/normal.js";

type Verdict = "a" | "b" | "tie";
const VERDICTS: readonly Verdict[] = ["a", "b", "tie"];

function check(values: readonly string[], name: string): void {
  arrayArg(values, "verdicts", name);
  for (let r = 0; r < values.length; ++r) {
    if (values[r] !== "a" && values[r] !== "b" && values[r] !== "tie") {
      throw new BenchstatsError("range", `${name}: verdict must be "a", "b" or "tie", got ${JSON.stringify(values[r])}`, {row: r});
    }
  }
}

/**
 * Agreement between two raters' verdicts on the same battles (e.g. humans vs an LLM judge):
 * raw agreement, Cohen's κ = (p_o − p_e)/(1 − p_e) over the three classes a / b / tie, the 3×3
 * confusion counts (reference rows × judge columns), and agreement restricted to battles both call
 * decisively (as MT-Bench's "w/o tie" agreement, Zheng et al. 2023). κ is NaN when both raters give one
 * verdict throughout, and the decisive agreement when no battle is decisive for both; a `warning` says so.
 *
 * @example
 * verdictAgreement(["a", "b", "tie"], ["a", "a", "tie"]); // {agreement: 2/3, kappa: 0.5, …}
 */
export function verdictAgreement(reference: readonly string[], judge: readonly string[]) {
  arrayArg(reference, "reference", "verdictAgreement");
  arrayArg(judge, "judge", "verdictAgreement");
  if (reference.length !== judge.length) {
    throw new BenchstatsError("shape", `verdictAgreement: ${reference.length} reference verdicts vs ${judge.length} judge verdicts`);
  }
  check(reference, "verdictAgreement (reference)");
  check(judge, "verdictAgreement (judge)");
  const n = reference.length;
  if (n === 0) throw new BenchstatsError("empty", "verdictAgreement: no verdicts");
  const confusion: Record<Verdict, Record<Verdict, number>> = {
    a: {a: 0, b: 0, tie: 0},
    b: {a: 0, b: 0, tie: 0},
    tie: {a: 0, b: 0, tie: 0},
  };
  for (let r = 0; r < n; ++r) confusion[reference[r] as Verdict][judge[r] as Verdict]++;
  let agree = 0;
  let expected = 0;
  for (const v of VERDICTS) {
    agree += confusion[v][v];
    const rowTotal = VERDICTS.reduce((s, u) => s + confusion[v][u], 0);
    const colTotal = VERDICTS.reduce((s, u) => s + confusion[u][v], 0);
    expected += (rowTotal / n) * (colTotal / n);
  }
  const agreement = agree / n;
  const decisiveN = confusion.a.a + confusion.a.b + confusion.b.a + confusion.b.b;
  const warnings: string[] = [];
  if (!(expected < 1)) warnings.push("both raters gave one verdict throughout: kappa is undefined (NaN)");
  if (decisiveN === 0) warnings.push("no battle both called decisively: decisive agreement is undefined (NaN)");
  return {
    n,
    agreement,
    kappa: expected < 1 ? (agreement - expected) / (1 - expected) : NaN,
    decisive: {n: decisiveN, agreement: decisiveN ? (confusion.a.a + confusion.b.b) / decisiveN : NaN},
    confusion,
    ...(warnings.length ? {warning: warnings.join("; ")} : {}),
  };
}

/**
 * Position bias of one rater: how often it picks the first-shown answer (`a`) among its decisive
 * verdicts, with a two-sided test of share = ½ by the normal approximation to the binomial
 * (z = (n_a − n/2)/√(n/4)); fine for the hundreds of verdicts arena logs hold, not for tiny n.
 * Arena battles randomise position, so an unbiased judge should be near ½.
 *
 * @example
 * positionBias(["a", "a", "b", "tie"]); // {n: 4, a: 2, b: 1, tie: 1, shareA: 2/3, z, pValue}
 */
export function positionBias(verdicts: readonly string[]) {
  check(verdicts, "positionBias");
  let a = 0;
  let b = 0;
  let tie = 0;
  for (const v of verdicts) v === "a" ? ++a : v === "b" ? ++b : ++tie;
  const decisive = a + b;
  if (decisive === 0) throw new BenchstatsError("empty", "positionBias: no decisive (a or b) verdicts");
  const z = (a - decisive / 2) / Math.sqrt(decisive / 4);
  return {n: verdicts.length, a, b, tie, shareA: a / decisive, z, pValue: Math.min(1, 2 * normalSurvival(Math.abs(z)))};
}
