import {BenchstatsError} from "../core/errors.js";
import {irtAbilities} from "./abilities.js";
import {chiSquareUpperTail} from "./chi-square.js";
import type {IrtFit} from "./fit.js";
import {itemProbability} from "./model.js";
import {irtQuadrature} from "./quadrature.js";
import type {ResponseMatrix} from "../core/response-matrix.js";
import {MISSING, packResponses, type IrtResponses} from "./responses.js";

/** Fit statistics of one item (NaN where a statistic does not apply; see `note`). */
export interface IrtItemFit {
  item: number;
  /** Outfit mean square: mean of squared standardised residuals (x − P)²/(P(1 − P)) over respondents. */
  outfit: number;
  /** Infit mean square: Σ (x − P)² / Σ P(1 − P) (information-weighted). */
  infit: number;
  /** Wilson–Hilferty standardised outfit and infit (ZSTD, Wright & Masters 1982). */
  zOutfit: number;
  zInfit: number;
  /** Orlando & Thissen's S-X2, its degrees of freedom and p-value (complete data, ≤ 100 items). */
  sx2: number;
  df: number;
  p: number;
  note?: string;
}

/** Options of {@link irtItemFit}. */
export interface IrtItemFitOptions {
  /** Row frequencies, as given to fitIrt. */
  weights?: ArrayLike<number>;
  /** Abilities for infit/outfit; default EAP scores of the rows (as mirt's itemfit). */
  thetas?: ArrayLike<number>;
  /** Minimum expected count per cell before neighbouring score groups are merged (mirt `mincell`, 1). */
  minCell?: number;
}

const MAX_SX2_ITEMS = 100;

/**
 * Item fit statistics for a calibrated model:
 * - Infit and outfit mean squares with their ZSTD (Wright & Masters 1982), residuals at the EAP
 *   abilities, as mirt's `itemfit(fit = c("infit"))` reports them for Rasch models (values near 1 fit;
 *   Linacre's productive range is 0.5–1.5).
 * - S-X2 (Orlando & Thissen 2000): per summed score k, the observed proportion correct against the
 *   model's P(x_j = 1 | S = k) = Σ_q P_j(θ_q)·f_{−j}(k − 1 | θ_q)·w_q / Σ_q f(k | θ_q)·w_q, with the summed-score
 *   distributions f from the Lord–Wingersky recursion on the fit's grid; scores 0 and J are dropped and
 *   sparse score groups merged as in mirt's `collapseCells` (mincell 1); df = groups − item parameters.
 *   S-X2 needs complete data and at most 100 items (it is meant for tests, not 1000-item benchmarks);
 *   otherwise it is NaN with a note.
 *
 * @example
 * const fit = fitIrt(responses, {model: "2pl"});
 * irtItemFit(fit, responses); // [{item: 0, outfit, infit, zOutfit, zInfit, sx2, df, p}, …]
 */
export function irtItemFit(fit: IrtFit, responses: IrtResponses | ResponseMatrix, options: IrtItemFitOptions = {}): IrtItemFit[] {
  const data = packResponses(responses, "irtItemFit", {weights: options.weights});
  const J = data.nItems;
  if (J !== fit.items.length) {
    throw new BenchstatsError("shape", `irtItemFit: responses have ${J} columns but the fit has ${fit.items.length} items`, {field: "responses"});
  }
  const N = data.nRows;
  let thetas: ArrayLike<number>;
  if (options.thetas) {
    if (options.thetas.length !== N) {
      throw new BenchstatsError("shape", `irtItemFit: ${options.thetas.length} thetas for ${N} rows`, {field: "thetas"});
    }
    thetas = options.thetas;
  } else {
    thetas = irtAbilities(fit, responses).map((s) => s.theta);
  }
  const out: IrtItemFit[] = [];
  for (let j = 0; j < J; ++j) {
    const item = fit.items[j];
    let n = 0;
    let sumZ2 = 0;
    let sumR2 = 0;
    let sumW = 0;
    let sumCoverW2 = 0;
    let sumCminusW2 = 0;
    if (item.estimated) {
      for (let i = 0; i < N; ++i) {
        const x = data.x[i * J + j];
        const w = data.weight[i];
        if (x === MISSING || w === 0 || !Number.isFinite(thetas[i])) continue;
        const P = itemProbability(item, thetas[i]);
        const W = P * (1 - P);
        if (!(W > 0)) continue;
        const r = x - P;
        const C = W * (1 - 3 * W); // E[(x − P)^4] for a Bernoulli response
        n += w;
        sumZ2 += (w * r * r) / W;
        sumR2 += w * r * r;
        sumW += w * W;
        sumCoverW2 += (w * C) / (W * W);
        sumCminusW2 += w * (C - W * W);
      }
    }
    const outfit = n > 0 ? sumZ2 / n : NaN;
    const infit = sumW > 0 ? sumR2 / sumW : NaN;
    const qOut = Math.sqrt(Math.max(sumCoverW2 / (n * n) - 1 / n, 0));
    const qIn = Math.sqrt(Math.max(sumCminusW2 / (sumW * sumW), 0));
    const zstd = (ms: number, q: number) => (q > 0 ? (Math.cbrt(ms) - 1) * (3 / q) + q / 3 : NaN);
    out.push({
      item: j, outfit, infit, zOutfit: zstd(outfit, qOut), zInfit: zstd(infit, qIn), sx2: NaN, df: NaN, p: NaN,
      ...(item.estimated ? {} : {note: "item not estimated: no fit statistics"})
    });
  }
  if (!data.complete) {
    for (const r of out) r.note ??= "S-X2 needs complete data";
    return out;
  }
  const estimated: number[] = [];
  for (let j = 0; j < J; ++j) if (fit.items[j].estimated) estimated.push(j);
  if (estimated.length > MAX_SX2_ITEMS) {
    for (const r of out) r.note ??= `S-X2 computed only for at most ${MAX_SX2_ITEMS} items`;
    return out;
  }
  summedScoreFit(fit, data, estimated, out, options.minCell ?? 1);
  return out;
}

function summedScoreFit(
  fit: IrtFit, data: ReturnType<typeof packResponses>, estimated: number[], out: IrtItemFit[], minCell: number
): void {
  const K = estimated.length;
  const J = data.nItems;
  const {nodes, weights} = irtQuadrature({...fit.quadrature, variance: fit.latentVariance});
  const Q = nodes.length;
  const P = estimated.map((j) => Float64Array.from(nodes, (t) => itemProbability(fit.items[j], t)));
  // Lord–Wingersky recursion: f[k][q] = P(S = k | θ_q) over the given items.
  const sumScoreDistribution = (skip: number): Float64Array[] => {
    let f: Float64Array[] = [new Float64Array(Q).fill(1)];
    for (let m = 0; m < K; ++m) {
      if (m === skip) continue;
      const p = P[m];
      const next: Float64Array[] = [];
      for (let k = 0; k <= f.length; ++k) {
        const row = new Float64Array(Q);
        for (let q = 0; q < Q; ++q) row[q] = (k < f.length ? f[k][q] * (1 - p[q]) : 0) + (k > 0 ? f[k - 1][q] * p[q] : 0);
        next.push(row);
      }
      f = next;
    }
    return f;
  };
  const full = sumScoreDistribution(-1);
  const marginal = full.map((row) => row.reduce((s, v, q) => s + v * weights[q], 0));
  // Observed: per score k, respondents and correct counts per item (only estimated items are scored).
  const nk = new Float64Array(K + 1);
  const correct = estimated.map(() => new Float64Array(K + 1));
  for (let i = 0; i < data.nRows; ++i) {
    const w = data.weight[i];
    if (w === 0) continue;
    let s = 0;
    for (const j of estimated) s += data.x[i * J + j];
    nk[s] += w;
    estimated.forEach((j, m) => {
      if (data.x[i * J + j] === 1) correct[m][s] += w;
    });
  }
  const nParams = fit.model === "rasch" || fit.model === "1pl" ? 1 : fit.model === "3pl" ? 3 : 2;
  estimated.forEach((j, m) => {
    const rest = sumScoreDistribution(m);
    // Rows k = 1..K−1: observed [incorrect, correct] and expected counts.
    let O: number[][] = [];
    let E: number[][] = [];
    for (let k = 1; k < K; ++k) {
      let num = 0;
      for (let q = 0; q < Q; ++q) num += P[m][q] * rest[k - 1][q] * weights[q];
      const pk = marginal[k] > 0 ? num / marginal[k] : 0;
      O.push([nk[k] - correct[m][k], correct[m][k]]);
      E.push([nk[k] * (1 - pk), nk[k] * pk]);
    }
    [O, E] = collapse(O, E, minCell);
    let x2 = 0;
    let cells = 0;
    for (let r = 0; r < O.length; ++r) {
      for (let c = 0; c < 2; ++c) {
        if (E[r][c] === 0) continue;
        x2 += (O[r][c] - E[r][c]) ** 2 / E[r][c];
        ++cells;
      }
    }
    const df = cells - O.length - nParams;
    const res = out[j];
    if (df > 0) {
      res.sx2 = x2;
      res.df = df;
      res.p = chiSquareUpperTail(x2, df);
    } else {
      res.df = df;
      res.note ??= "S-X2: too few score groups after merging sparse cells (df ≤ 0)";
    }
  });
}

/**
 * Merges sparse summed-score groups the way mirt's collapseCells does for dichotomous items: drop
 * empty groups, fold single-respondent groups into the next one, then repeatedly merge the first
 * group with an expected count below `minCell` into its neighbour with fewer respondents.
 */
function collapse(O: number[][], E: number[][], minCell: number): [number[][], number[][]] {
  const keep = O.map((row) => row[0] + row[1] > 0);
  O = O.filter((_, r) => keep[r]);
  E = E.filter((_, r) => keep[r]);
  const add = (to: number, from: number) => {
    for (let c = 0; c < 2; ++c) {
      O[to][c] += O[from][c];
      E[to][c] += E[from][c];
    }
  };
  const drop: number[] = [];
  for (let r = 0; r < O.length - 1; ++r) {
    if (O[r][0] + O[r][1] === 1) {
      drop.push(r);
      add(r + 1, r);
    }
  }
  O = O.filter((_, r) => !drop.includes(r));
  E = E.filter((_, r) => !drop.includes(r));
  if (O.length > 1 && O[O.length - 1][0] + O[O.length - 1][1] === 1) {
    add(O.length - 2, O.length - 1);
    O.pop();
    E.pop();
  }
  const sparse = (r: number) => E[r].some((e) => e < minCell && e !== 0);
  for (;;) {
    if (O.length < 2) break;
    let whc = -1;
    for (let r = 0; r < O.length; ++r) if (sparse(r)) { whc = r; break; }
    if (whc < 0) break;
    let pick: number;
    if (whc === 0) pick = 1;
    else if (whc === O.length - 1) pick = whc - 1;
    else {
      const up = O[whc - 1][0] + O[whc - 1][1];
      const down = O[whc + 1][0] + O[whc + 1][1];
      pick = up <= down ? whc - 1 : whc + 1;
    }
    add(pick, whc);
    O.splice(whc, 1);
    E.splice(whc, 1);
  }
  return [O, E];
}
