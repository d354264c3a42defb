import {optionsArg} from "../core/check.js";
import {BenchstatsError} from "../core/errors.js";
import {normalQuantile} from "../bootstrap/normal.js";
import {normalSurvival} from "../correlation/distributions.js";

export interface OnlineRatingOptions {
  /** Prior mean and SD of every skill (TrueSkill's 25 and 25/3). */
  mu?: number;
  sigma?: number;
  /** Performance noise β (default sigma/2). */
  beta?: number;
  /** Skill drift τ added to each variance before an update (default sigma/100); 0 = skills never drift. */
  tau?: number;
  /** Probability that two equal models draw (sets the draw margin ε); default 0.1. Must be in [0, 1). */
  drawProbability?: number;
}

export interface OnlineRatingRow {
  model: string;
  mu: number;
  sigma: number;
  /** μ − 3σ, TrueSkill's conservative rating. */
  conservative: number;
  /** Votes this model took part in. */
  votes: number;
}

/** A Gaussian skill per model, updated vote by vote; see {@link createOnlineRating}. */
export interface OnlineRating {
  /** Adds a model at the prior (a no-op if present). */
  add(model: string): void;
  /** One vote: `winner` "a", "b" or "tie". Unknown models are added at the prior. */
  update(modelA: string, modelB: string, winner: string): void;
  /**
   * The pair whose next vote is expected to shrink the summed skill variance the most (ties broken by
   * model order). `candidates` restricts the choice (e.g. to pairs that can still be asked); null when none.
   */
  nextPair(candidates?: readonly (readonly [string, string])[]): [string, string] | null;
  /** Expected reduction of σ_a² + σ_b² from one vote between a and b. */
  expectedGain(modelA: string, modelB: string): number;
  /** One row per model, by μ (best first). */
  ratings(): OnlineRatingRow[];
}

/**
 * An online Bayesian rating in the manner of TrueSkill (Herbrich, Minka & Graepel 2006) for two-player
 * votes with draws, the kind of model K-Sort Arena (Li et al. 2024) updates after every vote. Each
 * model's skill is N(μ, σ²); a vote compares performances p = skill + N(0, β²), "tie" meaning
 * |p_a − p_b| < ε with ε = √2·β·Φ⁻¹((1 + drawProbability)/2). Assumed-density filtering gives, with
 * c² = 2β² + σ_a² + σ_b², t = (μ_a − μ_b)/c and e = ε/c (for a win of a):
 *
 *   v = φ(t − e)/Φ(t − e),  w = v (v + t − e),  μ_a += σ_a² v / c,  μ_b −= σ_b² v / c,
 *   σ_a² ← σ_a² (1 − σ_a² w / c²),  σ_b² likewise,
 *
 * and for a tie v = (φ(−e − t) − φ(e − t))/(Φ(e − t) − Φ(−e − t)),
 * w = v² + ((e − t)φ(e − t) + (e + t)φ(e + t))/(Φ(e − t) − Φ(−e − t)). Before each update τ² is added to
 * both variances. Matchmaking (`nextPair`) picks the pair with the largest expected variance reduction
 * Σ_outcome P(outcome) (σ_a⁴ + σ_b⁴) w_outcome / c², which favours uncertain models of similar skill.
 *
 * @example
 * const r = createOnlineRating();
 * r.update("x", "y", "a");
 * r.ratings(); // [{model: "x", mu: 29.2, sigma: 7.19, …}, {model: "y", mu: 20.8, …}]
 */
export function createOnlineRating(options: OnlineRatingOptions = {}): OnlineRating {
  options = optionsArg(options, "createOnlineRating");
  const mu0 = options.mu ?? 25;
  const sigma0 = options.sigma ?? 25 / 3;
  const beta = options.beta ?? sigma0 / 2;
  const tau = options.tau ?? sigma0 / 100;
  const drawProbability = options.drawProbability ?? 0.1;
  if (!Number.isFinite(mu0) || !(sigma0 > 0) || !(beta > 0) || !(tau >= 0) || !(drawProbability >= 0 && drawProbability < 1)) {
    throw new BenchstatsError("option", `createOnlineRating: need finite mu, sigma > 0, beta > 0, tau ≥ 0 and drawProbability in [0, 1) (got ${mu0}, ${sigma0}, ${beta}, ${tau}, ${drawProbability})`);
  }
  const epsilon = drawProbability > 0 ? Math.SQRT2 * beta * normalQuantile((1 + drawProbability) / 2) : 0;
  const names: string[] = [];
  const index = new Map<string, number>();
  const mu: number[] = [];
  const variance: number[] = [];
  const votes: number[] = [];
  const add = (model: string): number => {
    if (typeof model !== "string" || model === "") throw new BenchstatsError("missing", `createOnlineRating: a model must be a non-empty name, got ${JSON.stringify(model)}`);
    let i = index.get(model);
    if (i === undefined) {
      i = names.length;
      names.push(model);
      index.set(model, i);
      mu.push(mu0);
      variance.push(sigma0 * sigma0);
      votes.push(0);
    }
    return i;
  };
  const update = (modelA: string, modelB: string, winner: string): void => {
    if (winner !== "a" && winner !== "b" && winner !== "tie") throw new BenchstatsError("range", `createOnlineRating: winner must be "a", "b" or "tie", got ${JSON.stringify(winner)}`, {field: "winner"});
    if (modelA === modelB) throw new BenchstatsError("range", `createOnlineRating: ${modelA} cannot play itself`, {field: "model_b"});
    let a = add(modelA);
    let b = add(modelB);
    if (winner === "b") [a, b] = [b, a];
    const va = variance[a] + tau * tau;
    const vb = variance[b] + tau * tau;
    const c2 = 2 * beta * beta + va + vb;
    const c = Math.sqrt(c2);
    const [v, w] = vw((mu[a] - mu[b]) / c, epsilon / c, winner === "tie");
    mu[a] += (va / c) * v;
    mu[b] -= (vb / c) * v;
    variance[a] = va * Math.max(1 - (va / c2) * w, 1e-12);
    variance[b] = vb * Math.max(1 - (vb / c2) * w, 1e-12);
    votes[a]++;
    votes[b]++;
  };
  const expectedGain = (modelA: string, modelB: string): number => {
    const a = add(modelA);
    const b = add(modelB);
    const va = variance[a] + tau * tau;
    const vb = variance[b] + tau * tau;
    const c2 = 2 * beta * beta + va + vb;
    const c = Math.sqrt(c2);
    const t = (mu[a] - mu[b]) / c;
    const e = epsilon / c;
    const pa = Phi(t - e);
    const pb = Phi(-t - e);
    const pt = Math.max(0, 1 - pa - pb);
    const gain = pa * vw(t, e, false)[1] + pb * vw(-t, e, false)[1] + (pt > 0 ? pt * vw(t, e, true)[1] : 0);
    return ((va * va + vb * vb) / c2) * gain;
  };
  const nextPair = (candidates?: readonly (readonly [string, string])[]): [string, string] | null => {
    let best: [string, string] | null = null;
    let bestGain = -Infinity;
    const consider = (p: string, q: string): void => {
      const g = expectedGain(p, q);
      if (g > bestGain) {
        bestGain = g;
        best = [p, q];
      }
    };
    if (candidates) for (const [p, q] of candidates) consider(p, q);
    else for (let i = 0; i < names.length; ++i) for (let j = i + 1; j < names.length; ++j) consider(names[i], names[j]);
    return best;
  };
  const ratings = (): OnlineRatingRow[] =>
    names
      .map((model, i) => ({model, mu: mu[i], sigma: Math.sqrt(variance[i]), conservative: mu[i] - 3 * Math.sqrt(variance[i]), votes: votes[i]}))
      .sort((p, q) => q.mu - p.mu || (p.model < q.model ? -1 : 1));
  return {add: (model) => void add(model), update, nextPair, expectedGain, ratings};
}

function Phi(x: number): number {
  return normalSurvival(-x);
}

function density(x: number): number {
  return Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI);
}

/** TrueSkill's v and w for a win (t = scaled skill gap of the winner) or a draw. */
function vw(t: number, e: number, draw: boolean): [number, number] {
  if (!draw) {
    const x = t - e;
    const cdf = Phi(x);
    // Far in the losing tail φ/Φ → −x: use the asymptote where Φ underflows.
    const v = cdf > 1e-300 ? density(x) / cdf : -x;
    return [v, v * (v + x)];
  }
  const denom = Phi(e - t) - Phi(-e - t);
  if (!(denom > 1e-300)) {
    // A draw far from the expected gap: the truncated normal's limits.
    const x = t > 0 ? e - t : -e - t;
    return [x, 1];
  }
  const v = (density(-e - t) - density(e - t)) / denom;
  const w = v * v + ((e - t) * density(e - t) + (e + t) * density(e + t)) / denom;
  return [v, w];
}
