import {optionsArg} from "../core/check.js";
import {BenchstatsError} from "../core/errors.js";
import {tableColumns, type LabelColumn} from "../core/columns.js";
import type {BattlesTable} from "../pairwise/battles.js";
import {bradleyTerry} from "../pairwise/bradley-terry.js";
import {onlineElo} from "../pairwise/online-elo.js";
import {createOnlineRating, type OnlineRatingOptions} from "./online-rating.js";

export type ReplayMethod = "elo" | "bradley-terry" | "trueskill" | "trueskill-matchmaking";

export interface ReplayOptions {
  /** Size of the top set to reach. Default 5. */
  k?: number;
  /** Votes between checkpoints. Default 250. */
  every?: number;
  methods?: readonly ReplayMethod[];
  /** Online Elo's step (default 4, FastChat's). */
  eloK?: number;
  /** L2 penalty of the Bradley–Terry refits on a prefix (early prefixes are not connected). Default 0.01. */
  alpha?: number;
  /** TrueSkill settings (defaults: drawProbability = the share of ties in the battles, tau = 0: a replayed period has fixed skills). */
  trueskill?: OnlineRatingOptions;
}

export interface ReplayCurve {
  method: ReplayMethod;
  /** Per checkpoint: votes so far and how many of the final top-k are in the method's top-k. */
  curve: {votes: number; overlap: number}[];
  /** Votes after which the method's top-k set equals the final one at every later checkpoint; null if never. */
  votesToTopK: number | null;
  /** The first checkpoint at which the method's top-k set equals the final one (it may leave it again); null if never. */
  votesToFirstTopK: number | null;
  /** The method's own top-k after all votes (online methods can end elsewhere than the MLE). */
  ownTopK: string[];
  /** Votes after which the method's top-k set equals its own final top-k at every later checkpoint. */
  votesToOwnTopK: number;
}

/**
 * Replays battles in their table order (time order for an arena log) and asks, for each rating method,
 * after how many votes its top-k set reaches the final top-k — the Bradley–Terry MLE on all battles (ties
 * half) — and stays there. Methods: online Elo (FastChat's, step `eloK`), Bradley–Terry refitted on the
 * prefix at every checkpoint, the online Gaussian rating of {@link createOnlineRating} updated per vote,
 * and the same rating with matchmaking: at each step it asks `nextPair` for the most informative pair
 * among the pairs that still have unplayed battles and plays that pair's next battle (in table order), as
 * an arena that chooses its comparisons would (K-Sort Arena, Li et al. 2024). Matchmaking draws from the
 * whole pool, later votes included, so it sees every model from the start, which the historical arena did
 * not; and once its favourite pairs run dry it must play the leftovers. Everything is deterministic.
 * Sets are compared, not orders.
 *
 * @example
 * replayTopK(battles, {k: 5, every: 500}).map((r) => [r.method, r.votesToTopK]);
 */
export function replayTopK(battles: BattlesTable, options: ReplayOptions = {}): {finalTopK: string[]; battles: number; methods: ReplayCurve[]} {
  options = optionsArg(options, "replayTopK");
  const k = options.k ?? 5;
  const every = options.every ?? 250;
  const methods = options.methods ?? ["elo", "bradley-terry", "trueskill", "trueskill-matchmaking"];
  const alpha = options.alpha ?? 0.01;
  if (!Number.isInteger(k) || k < 1) throw new BenchstatsError("option", `replayTopK: k must be a positive integer, got ${k}`, {field: "k"});
  if (!Number.isInteger(every) || every < 1) throw new BenchstatsError("option", `replayTopK: every must be a positive integer, got ${every}`, {field: "every"});
  const {length, columns} = tableColumns(battles, {labels: ["model_a", "model_b", "winner"], numbers: []}, "replayTopK");
  const label = (name: string, r: number): string => {
    const c = columns[name] as LabelColumn;
    return c.labels[c.codes[r]];
  };
  const rows = Array.from({length}, (_, r) => ({model_a: label("model_a", r), model_b: label("model_b", r), winner: label("winner", r)}));
  const final = bradleyTerry(rows, {reps: 0});
  if (final.length <= k) throw new BenchstatsError("shape", `replayTopK: ${final.length} models; need more than k = ${k}`, {field: "k"});
  const finalTopK = final.slice(0, k).map((r) => r.model);
  const target = new Set(finalTopK);
  const overlapWithFinal = (top: readonly string[]): number => top.slice(0, k).filter((m) => target.has(m)).length;
  const checkpoints: number[] = [];
  for (let n = every; n < length; n += every) checkpoints.push(n);
  checkpoints.push(length);
  const ties = rows.filter((r) => r.winner === "tie").length / length;
  const tsOptions = {drawProbability: Math.min(0.95, Math.max(0.01, ties)), tau: 0, ...options.trueskill};

  const run = (method: ReplayMethod): ReplayCurve => {
    const curve: {votes: number; overlap: number}[] = [];
    const tops: string[][] = [];
    const overlap = (top: readonly string[]): number => {
      tops.push(top.slice(0, k));
      return overlapWithFinal(top);
    };
    if (method === "elo" || method === "bradley-terry") {
      for (const n of checkpoints) {
        const prefix = rows.slice(0, n);
        const top = method === "elo" ? onlineElo(prefix, {k: options.eloK ?? 4}).map((r) => r.model) : bradleyTerry(prefix, {reps: 0, alpha}).map((r) => r.model);
        curve.push({votes: n, overlap: overlap(top)});
      }
    } else if (method === "trueskill") {
      const rating = createOnlineRating(tsOptions);
      let next = 0;
      rows.forEach((r, i) => {
        rating.update(r.model_a, r.model_b, r.winner);
        if (i + 1 === checkpoints[next]) {
          curve.push({votes: i + 1, overlap: overlap(rating.ratings().map((x) => x.model))});
          next++;
        }
      });
    } else if (method === "trueskill-matchmaking") {
      // Per pair, its battles in table order; matchmaking picks a pair, plays its next battle.
      const queues = new Map<string, number[]>();
      const pairs: [string, string][] = [];
      rows.forEach((r, i) => {
        const [p, q] = r.model_a < r.model_b ? [r.model_a, r.model_b] : [r.model_b, r.model_a];
        const key = `${p}\u0000${q}`;
        if (!queues.has(key)) {
          queues.set(key, []);
          pairs.push([p, q]);
        }
        queues.get(key)!.push(i);
      });
      const rating = createOnlineRating(tsOptions);
      for (const m of final.map((r) => r.model).sort()) rating.add(m);
      // nextPair over the open pairs, with each pair's expected gain cached until one of its models moves.
      const gain = pairs.map(([p, q]) => rating.expectedGain(p, q));
      let next = 0;
      for (let played = 1; played <= length; ++played) {
        let best = -1;
        for (let c = 0; c < pairs.length; ++c) if (gain[c] > (best < 0 ? -Infinity : gain[best])) best = c;
        const [p, q] = pairs[best];
        const queue = queues.get(`${p}\u0000${q}`)!;
        const r = rows[queue.shift()!];
        rating.update(r.model_a, r.model_b, r.winner);
        pairs.forEach(([x, y], c) => {
          if (queues.get(`${x}\u0000${y}`)!.length === 0) gain[c] = -Infinity;
          else if (x === p || x === q || y === p || y === q) gain[c] = rating.expectedGain(x, y);
        });
        if (played === checkpoints[next]) {
          curve.push({votes: played, overlap: overlap(rating.ratings().map((x) => x.model))});
          next++;
        }
      }
    } else throw new BenchstatsError("option", `replayTopK: unknown method ${JSON.stringify(method)}`, {field: "methods"});
    let votesToTopK: number | null = null;
    for (let c = curve.length - 1; c >= 0 && curve[c].overlap === k; --c) votesToTopK = curve[c].votes;
    const ownTopK = tops[tops.length - 1];
    const own = new Set(ownTopK);
    let votesToOwnTopK = length;
    for (let c = tops.length - 1; c >= 0 && tops[c].every((m) => own.has(m)); --c) votesToOwnTopK = curve[c].votes;
    const first = curve.find((c) => c.overlap === k);
    return {method, curve, votesToTopK, votesToFirstTopK: first ? first.votes : null, ownTopK, votesToOwnTopK};
  };
  return {finalTopK, battles: length, methods: methods.map(run)};
}
