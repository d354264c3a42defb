/**
 * Plackett–Luce top-1 data grouped by sample, and the MM and LSR updates on it at O(winners + losers)
 * per group.
 *
 * Binary samples (ONEBench's `generate_top1_list`) make every model that got an item right a top-1
 * winner over the set L of all models that got it wrong, so an item with W winners gives W events
 * {w} ∪ L. Expanded, that is Σ W·(|L| + 1) entries: 10¹⁰ for 2,000 models × 50,000 items. But every
 * quantity the updates need from the event of winner w depends on L only through
 * S_L = Σ_{l∈L} w_l (the event's strength sum is S_w = w_w + S_L), so a group costs O(W + |L|):
 *
 * - MM (Hunter 2004; choix `mm_top1`): wins_w += c; denominators: w gets c/S_w, and every loser gets
 *   U = Σ_{w∈W} c/S_w (the same for all of them).
 * - LSR chain (Maystre & Grossglauser 2015; choix `ilsr_top1`): rate l → w = α + Σ_events c/S_w. The
 *   chain itself has W·|L| nonzero rates per group, but its stationary distribution π only needs
 *   products with it: the rate out of l is α(n − 1) + Σ_{groups where l loses} U, and the flow into
 *   w is α(Σπ − π_w) + Σ_{groups where w wins} (c/S_w)·Π_L with Π_L = Σ_{l∈L} π_l, again one sum per
 *   group. π is found by restarted GMRES on these products (core/gmres.ts) instead of a dense solve.
 *
 * c is the group's weight (multiplicity). With exact arithmetic the iterates are those of the
 * expanded events (pairs merged or not), so the fits agree to round-off.
 */
import {BenchstatsError} from "../core/errors.js";
import {gmres} from "../core/gmres.js";
import {logCentred, weightsOf} from "./log-strengths.js";

/**
 * Top-1 choices grouped by sample: in group g, each of `winners[winnerOffsets[g] .. winnerOffsets[g+1])`
 * was chosen over all of `losers[loserOffsets[g] .. loserOffsets[g+1])`, one top-1 event per winner
 * (ONEBench's binary expansion of a sample: the correct models over the incorrect ones). Groups with
 * no winner or no loser carry no information. Build it from a byte matrix with `matrixToGroupedTop1`.
 */
export interface GroupedTop1 {
  winnerOffsets: ArrayLike<number>;
  winners: ArrayLike<number>;
  loserOffsets: ArrayLike<number>;
  losers: ArrayLike<number>;
}

/** A validated {@link GroupedTop1} with Int32 arrays and per-group weights (internal). */
export interface GroupedEvents {
  nItems: number;
  nGroups: number;
  winnerOffsets: Int32Array;
  winners: Int32Array;
  loserOffsets: Int32Array;
  losers: Int32Array;
  /** Multiplicity of each group (1 unless the caller passed weights). */
  weight: Float64Array;
}

/**
 * Validates grouped top-1 data: offsets that start at 0, never decrease and end at the array
 * lengths; indices that are integers in [0, nItems); no item twice in one group (as winner and loser
 * or twice on one side). Throws a `BenchstatsError` naming the group. Offsets are Int32, so each of
 * `winners` and `losers` may hold at most 2³¹ − 1 entries.
 */
export function compileGroupedTop1(nItems: number, data: GroupedTop1, weights: ArrayLike<number> | undefined, fn = "plackettLuce"): GroupedEvents {
  if (!Number.isInteger(nItems) || nItems < 1) {
    throw new BenchstatsError("shape", `${fn}: nItems must be a positive integer, got ${nItems}`);
  }
  if (!data || typeof data !== "object") {
    throw new BenchstatsError("type", `${fn}: groupedTop1 must be {winnerOffsets, winners, loserOffsets, losers}`, {field: "groupedTop1"});
  }
  const winnerOffsets = int32(data.winnerOffsets, "winnerOffsets", fn);
  const winners = int32(data.winners, "winners", fn);
  const loserOffsets = int32(data.loserOffsets, "loserOffsets", fn);
  const losers = int32(data.losers, "losers", fn);
  const nGroups = winnerOffsets.length - 1;
  if (nGroups < 0 || loserOffsets.length !== winnerOffsets.length) {
    throw new BenchstatsError(
      "shape",
      `${fn}: groupedTop1.winnerOffsets and loserOffsets must both have one entry per group plus one (got ${winnerOffsets.length} and ${loserOffsets.length})`,
      {field: "groupedTop1"},
    );
  }
  checkOffsets(winnerOffsets, winners.length, "winnerOffsets", fn);
  checkOffsets(loserOffsets, losers.length, "loserOffsets", fn);
  if (weights !== undefined && weights.length !== nGroups) {
    throw new BenchstatsError("shape", `${fn}: weights has ${weights.length} entries for ${nGroups} groups`, {field: "weights"});
  }
  const weight = new Float64Array(nGroups);
  const seen = new Int32Array(nItems).fill(-1);
  const check = (item: number, g: number, side: string): void => {
    if (!(item >= 0 && item < nItems)) {
      throw new BenchstatsError("range", `${fn}: ${side} index in group ${g} must be an integer in [0, ${nItems}), got ${item}`, {field: "groupedTop1", row: g});
    }
    if (seen[item] === g) throw new BenchstatsError("duplicate", `${fn}: item ${item} appears twice in group ${g}`, {field: "groupedTop1", row: g});
    seen[item] = g;
  };
  for (let g = 0; g < nGroups; ++g) {
    const c = weights ? weights[g] : 1;
    if (!(c >= 0) || !Number.isFinite(c)) {
      throw new BenchstatsError("range", `${fn}: weights must be finite and ≥ 0, got ${c}`, {field: "weights", row: g});
    }
    weight[g] = c;
    for (let k = winnerOffsets[g]; k < winnerOffsets[g + 1]; ++k) check(winners[k], g, "winner");
    for (let k = loserOffsets[g]; k < loserOffsets[g + 1]; ++k) check(losers[k], g, "loser");
  }
  return {nItems, nGroups, winnerOffsets, winners, loserOffsets, losers, weight};
}

function int32(v: ArrayLike<number>, name: string, fn: string): Int32Array {
  if (v instanceof Int32Array) return v;
  if (!v || typeof v.length !== "number") {
    throw new BenchstatsError("type", `${fn}: groupedTop1.${name} must be an array of integers`, {field: "groupedTop1"});
  }
  const out = new Int32Array(v.length);
  for (let k = 0; k < v.length; ++k) {
    if (!Number.isInteger(v[k])) {
      throw new BenchstatsError("type", `${fn}: groupedTop1.${name}[${k}] must be an integer, got ${String(v[k])}`, {field: "groupedTop1"});
    }
    out[k] = v[k];
  }
  return out;
}

function checkOffsets(offsets: Int32Array, length: number, name: string, fn: string): void {
  if (offsets[0] !== 0 || offsets[offsets.length - 1] !== length) {
    throw new BenchstatsError("shape", `${fn}: groupedTop1.${name} must start at 0 and end at ${length}`, {field: "groupedTop1"});
  }
  for (let g = 0; g + 1 < offsets.length; ++g) {
    if (offsets[g + 1] < offsets[g]) throw new BenchstatsError("shape", `${fn}: groupedTop1.${name} decreases at group ${g}`, {field: "groupedTop1", row: g});
  }
}

/** True when group g is informative: positive weight, at least one winner and one loser. */
function informative(ev: GroupedEvents, g: number): boolean {
  return ev.weight[g] > 0 && ev.winnerOffsets[g + 1] > ev.winnerOffsets[g] && ev.loserOffsets[g + 1] > ev.loserOffsets[g];
}

/** S_L = Σ_{l∈L} w_l per group (NaN for uninformative groups). */
function loserSums(ev: GroupedEvents, w: Float64Array): Float64Array {
  const {loserOffsets, losers} = ev;
  const sums = new Float64Array(ev.nGroups);
  for (let g = 0; g < ev.nGroups; ++g) {
    if (!informative(ev, g)) {
      sums[g] = NaN;
      continue;
    }
    let s = 0;
    for (let k = loserOffsets[g]; k < loserOffsets[g + 1]; ++k) s += w[losers[k]];
    sums[g] = s;
  }
  return sums;
}

/** One MM step (Hunter 2004) on grouped data: w ← (wins + α)/(Σ_{events ∋ i} c/S_event + α). */
export function groupedMmStep(ev: GroupedEvents, params: Float64Array, alpha: number): Float64Array {
  const n = ev.nItems;
  const {winnerOffsets, winners, loserOffsets, losers, weight} = ev;
  const w = weightsOf(params);
  const sL = loserSums(ev, w);
  const wins = new Float64Array(n);
  const denoms = new Float64Array(n);
  for (let g = 0; g < ev.nGroups; ++g) {
    if (Number.isNaN(sL[g])) continue;
    const c = weight[g];
    let u = 0;
    for (let k = winnerOffsets[g]; k < winnerOffsets[g + 1]; ++k) {
      const i = winners[k];
      const val = c / (w[i] + sL[g]);
      wins[i] += c;
      denoms[i] += val;
      u += val;
    }
    for (let k = loserOffsets[g]; k < loserOffsets[g + 1]; ++k) denoms[losers[k]] += u;
  }
  const next = new Float64Array(n);
  for (let i = 0; i < n; ++i) next[i] = (wins[i] + alpha) / (denoms[i] + alpha);
  return logCentred(next);
}

/**
 * One LSR step on grouped data: the stationary distribution of the chain with rate
 * α + Σ_events c/S_w from each loser l to the winner w, at the current strengths.
 *
 * Unknown y = π ∘ out (out = total rate out of each state), which turns πQ = 0 into
 * (I − Pᵀ)·y = 0 for the jump chain P; the last equation is replaced by the normalisation Σπ = n,
 * scaled to the size of the others. GMRES starts from the current strengths — at the I-LSR fixed
 * point they are already stationary — and runs until the residual is 1e-13 of ‖y‖ (or stops at the
 * round-off floor); a solve that ends far from that throws (code `convergence`).
 */
export function groupedLsrStep(ev: GroupedEvents, params: Float64Array, alpha: number): Float64Array {
  const n = ev.nItems;
  if (n === 1) return new Float64Array(1);
  const {winnerOffsets, winners, loserOffsets, losers, weight} = ev;
  const w = weightsOf(params);
  const sL = loserSums(ev, w);
  const out = new Float64Array(n).fill(alpha * (n - 1));
  for (let g = 0; g < ev.nGroups; ++g) {
    if (Number.isNaN(sL[g])) continue;
    const c = weight[g];
    let u = 0;
    for (let k = winnerOffsets[g]; k < winnerOffsets[g + 1]; ++k) u += c / (w[winners[k]] + sL[g]);
    for (let k = loserOffsets[g]; k < loserOffsets[g + 1]; ++k) out[losers[k]] += u;
  }
  for (let i = 0; i < n; ++i) {
    if (!(out[i] > 0)) {
      throw new BenchstatsError("identifiability", "stationary distribution is not unique: the comparison graph is not strongly connected");
    }
  }
  let meanOut = 0;
  for (let i = 0; i < n; ++i) meanOut += out[i] / n;
  const pi = new Float64Array(n);
  // out ← A·y: flow balance for the first n − 1 states, normalisation (× meanOut) for the last.
  const apply = (y: Float64Array, result: Float64Array): void => {
    let total = 0;
    for (let i = 0; i < n; ++i) total += pi[i] = y[i] / out[i];
    for (let i = 0; i < n; ++i) result[i] = y[i] - alpha * (total - pi[i]);
    for (let g = 0; g < ev.nGroups; ++g) {
      if (Number.isNaN(sL[g])) continue;
      let piL = 0;
      for (let k = loserOffsets[g]; k < loserOffsets[g + 1]; ++k) piL += pi[losers[k]];
      const cPiL = weight[g] * piL;
      for (let k = winnerOffsets[g]; k < winnerOffsets[g + 1]; ++k) {
        const i = winners[k];
        result[i] -= cPiL / (w[i] + sL[g]);
      }
    }
    result[n - 1] = meanOut * total;
  };
  const b = new Float64Array(n);
  b[n - 1] = meanOut * n;
  const y = new Float64Array(n);
  for (let i = 0; i < n; ++i) y[i] = w[i] * out[i];
  let scale = 0;
  for (let i = 0; i < n; ++i) scale += y[i] * y[i];
  scale = Math.sqrt(scale);
  // At most 2,000 products (each one pass over the groups); dense pools need about ten.
  const solve = gmres(apply, b, y, {tolerance: 1e-13 * scale, restart: 40, maxIterations: Math.min(10 * n + 100, 2000)});
  if (!(solve.residual <= 1e-9 * scale)) {
    throw new BenchstatsError(
      "convergence",
      `plackettLuce: the LSR stationary distribution did not converge (relative residual ${(solve.residual / scale).toExponential(2)} after ${solve.iterations} products); try method "mm"`,
    );
  }
  for (let i = 0; i < n; ++i) pi[i] = y[i] / out[i];
  return logCentred(pi);
}

/** Σ_groups c·Σ_{w∈W} log(e^θ_w / (e^θ_w + Σ_{l∈L} e^θ_l)), with a per-group shift against overflow. */
export function groupedLogLikelihood(ev: GroupedEvents, params: Float64Array): number {
  const {winnerOffsets, winners, loserOffsets, losers, weight} = ev;
  let ll = 0;
  for (let g = 0; g < ev.nGroups; ++g) {
    if (!informative(ev, g)) continue;
    let maxL = -Infinity;
    for (let k = loserOffsets[g]; k < loserOffsets[g + 1]; ++k) maxL = Math.max(maxL, params[losers[k]]);
    let sumL = 0;
    for (let k = loserOffsets[g]; k < loserOffsets[g + 1]; ++k) sumL += Math.exp(params[losers[k]] - maxL);
    for (let k = winnerOffsets[g]; k < winnerOffsets[g + 1]; ++k) {
      const t = params[winners[k]];
      const m = Math.max(t, maxL);
      ll += weight[g] * (t - m - Math.log(Math.exp(t - m) + sumL * Math.exp(maxL - m)));
    }
  }
  return ll;
}

/**
 * Whether every item reaches item 0 and is reached from it along loser → winner comparisons (strong
 * connectivity), by passes over the groups: a group whose losers include a reached item reaches all
 * its winners (and backwards). Dense pools need two or three passes of O(W + |L|) per group and no
 * graph in memory; returns null when `maxPasses` passes did not settle it (long chains), so that the
 * caller can build the graph instead.
 */
export function groupedStronglyConnected(ev: GroupedEvents, maxPasses = 16): boolean | null {
  const n = ev.nItems;
  const {winnerOffsets, winners, loserOffsets, losers} = ev;
  for (const forward of [true, false]) {
    // forward: from item 0 along loser → winner; backward: along winner → loser.
    const [fromOffsets, from, toOffsets, to] = forward
      ? [loserOffsets, losers, winnerOffsets, winners]
      : [winnerOffsets, winners, loserOffsets, losers];
    const reached = new Uint8Array(n);
    reached[0] = 1;
    let count = 1;
    let settled = false;
    for (let pass = 0; pass < maxPasses && !settled; ++pass) {
      const before = count;
      for (let g = 0; g < ev.nGroups; ++g) {
        if (!informative(ev, g)) continue;
        let any = false;
        for (let k = fromOffsets[g]; k < fromOffsets[g + 1] && !any; ++k) any = reached[from[k]] === 1;
        if (!any) continue;
        for (let k = toOffsets[g]; k < toOffsets[g + 1]; ++k) {
          if (reached[to[k]] === 0) {
            reached[to[k]] = 1;
            ++count;
          }
        }
      }
      settled = count === n || count === before;
    }
    if (!settled) return null;
    if (count < n) return false;
  }
  return true;
}

/**
 * The comparison graph of grouped data as CSR over n + groups nodes: loser l → group node n + g →
 * winner w. Paths between item nodes are exactly the loser → winner paths of the expanded events, so
 * its strongly connected components, restricted to items, are theirs — with O(W + |L|) edges per
 * group instead of W·|L|.
 */
export function groupedGraph(ev: GroupedEvents): {offsets: Int32Array; targets: Int32Array; wins: Int32Array; losses: Int32Array} {
  const n = ev.nItems;
  const {winnerOffsets, winners, loserOffsets, losers} = ev;
  const offsets = new Int32Array(n + ev.nGroups + 1);
  const wins = new Int32Array(n);
  const losses = new Int32Array(n);
  let nEdges = 0;
  for (let g = 0; g < ev.nGroups; ++g) {
    if (!informative(ev, g)) continue;
    for (let k = loserOffsets[g]; k < loserOffsets[g + 1]; ++k) {
      ++offsets[losers[k] + 1];
      ++losses[losers[k]];
    }
    for (let k = winnerOffsets[g]; k < winnerOffsets[g + 1]; ++k) ++wins[winners[k]];
    offsets[n + g + 1] = winnerOffsets[g + 1] - winnerOffsets[g];
    nEdges += loserOffsets[g + 1] - loserOffsets[g] + offsets[n + g + 1];
  }
  for (let v = 0; v < n + ev.nGroups; ++v) offsets[v + 1] += offsets[v];
  const targets = new Int32Array(nEdges);
  const fill = offsets.slice(0, n);
  for (let g = 0; g < ev.nGroups; ++g) {
    if (!informative(ev, g)) continue;
    for (let k = loserOffsets[g]; k < loserOffsets[g + 1]; ++k) targets[fill[losers[k]]++] = n + g;
    targets.set(winners.subarray(winnerOffsets[g], winnerOffsets[g + 1]), offsets[n + g]);
  }
  return {offsets, targets, wins, losses};
}
