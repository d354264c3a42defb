/**
 * The "other" part of the coverage study: every interval benchstats prints besides the rl aggregates and
 * the paired differences, on simulated data whose truth is known in closed form.
 *
 * - Bradley–Terry ratings (`bradleyTerryFit`, FastChat's bootstrap, 100 replicates) on arenas of 20
 *   models with Elo ratings ~ N(1000, 80²): 27,000 battles (Chatbot Arena's size when FastChat
 *   published its notebook) and 1,350 (5 % of that: a sparse arena). No ties. Truth: the true ratings
 *   centred on 1000, as the fit centres them. Also the CI-aware ranks: a model's `ciRank` − 1 claims
 *   that many models are better; a claim "j better than i" (lower_j > upper_i) is false when j's true
 *   rating is below i's. Reported: the share of models whose claims are all true ("coverage"), and
 *   the share of arenas with any false claim (`familywise`).
 * - Plackett–Luce strengths (`plackettLuceIntervals`, the sparse-leaderboard page's settings: α = 0.01,
 *   100 replicates resampling samples) on ONEBench-like sparse data: 20 models with log-strengths
 *   θ ~ N(0, 0.7²), each sample ranks a random 5 of them by the Plackett–Luce model (4 top-1 choices per
 *   sample), 200 or 1,000 samples. Truth: θ centred to mean 0, as the fit centres it.
 * - `correlationInterval` (Kendall τ-b, Spearman ρ; 1,000 replicates) on n = 10, 20, 50 pairs from a
 *   bivariate normal with correlation 0.6: truth τ = (2/π) arcsin 0.6, ρ_S = (6/π) arcsin 0.3.
 * - `rankIntervals` (Borda and mean, with `runs`; 500 replicates) of 8 systems whose scores are
 *   μ_s + u_t + g_st + e_str (task effect u ~ N(0, 1), interaction g ~ N(0, 0.5²), run noise
 *   e ~ N(0, 0.5²)), μ_s = 0.15·s; tasks and runs are random, so the truth is the order of μ: both rules
 *   rank the systems by μ in the population (by symmetry of g and e).
 * - the learning-curve band "ci95" of runs-curve-bands.js (mean ± t_{0.975, n−1}·sd/√n across seeds,
 *   exact t quantiles) for 3, 5, 10 and 20 seeds of normal and log-normal (σ = 0.5) values, and the
 *   former table (2.042 from 11 to 30 df) at 20 seeds. Truth: the population mean.
 *
 * Intervals of one simulated data set are correlated (20 ratings, 8 ranks), so the Monte-Carlo SE is
 * that of the mean over data sets of each data set's covered share.
 */
import {bradleyTerryFit, correlationInterval, createRandom, plackettLuceIntervals, rankIntervals, type Random} from "../../lib/index.js";
import {tQuantile} from "../../lib/engine.js";

export interface OtherCell {
  /** Which printed interval. */
  interval: string;
  /** The simulated setting, in words. */
  setting: string;
  /** Sample size in its own units (battles, pairs, tasks, seeds). */
  size: number;
  units: string;
  datasets: number;
  /** Intervals in all (datasets × intervals per data set). */
  intervals: number;
  coverage: number;
  mcse: number;
  missHigh: number;
  missLow: number;
  meanWidth: number;
  /** CI-aware ranks only: share of arenas with at least one false "better" claim. */
  familywise?: number;
}

export interface OtherSettings {
  seed: number;
  confidence: number;
  /** Simulated data sets per cell for each part. */
  arenas: number;
  correlations: number;
  rankings: number;
  leaderboards: number;
  curves: number;
}

/** Tallies intervals data set by data set (clustered Monte-Carlo SE). */
class Tally {
  private shares: number[] = [];
  private n = 0;
  private high = 0;
  private low = 0;
  private width = 0;
  private current = {n: 0, cover: 0};
  add(lower: number, upper: number, truth: number): void {
    ++this.n;
    ++this.current.n;
    this.width += upper - lower;
    if (lower > truth) ++this.high;
    else if (upper < truth) ++this.low;
    else ++this.current.cover;
  }
  /** Records a claim that holds (`ok`) or not, for the non-interval checks (CI-aware ranks). */
  check(ok: boolean): void {
    ++this.n;
    ++this.current.n;
    if (ok) ++this.current.cover;
    else ++this.low;
  }
  endDataset(): void {
    if (this.current.n) this.shares.push(this.current.cover / this.current.n);
    this.current = {n: 0, cover: 0};
  }
  cell(interval: string, setting: string, size: number, units: string): OtherCell {
    const d = this.shares.length;
    const coverage = this.shares.reduce((s, v) => s + v, 0) / d;
    const variance = this.shares.reduce((s, v) => s + (v - coverage) ** 2, 0) / Math.max(1, d - 1);
    return {
      interval,
      setting,
      size,
      units,
      datasets: d,
      intervals: this.n,
      coverage,
      mcse: Math.sqrt(variance / d),
      missHigh: this.high / this.n,
      missLow: this.low / this.n,
      meanWidth: this.width / this.n
    };
  }
}

function arenaCells(settings: OtherSettings, battles: number, label: string): OtherCell[] {
  const models = Array.from({length: 20}, (_, i) => `model ${String(i + 1).padStart(2, "0")}`);
  const ratings = new Tally();
  const ranks = new Tally();
  let anyFalse = 0;
  for (let d = 0; d < settings.arenas; ++d) {
    const rng = createRandom(settings.seed, 700000 + battles * 10 + d);
    const raw = models.map(() => 80 * rng.normal());
    const shift = 1000 - raw.reduce((s, v) => s + v, 0) / raw.length;
    const truth = raw.map((v) => v + shift);
    const rows = [];
    for (let b = 0; b < battles; ++b) {
      const i = rng.int(20);
      let j = rng.int(19);
      if (j >= i) ++j;
      const p = 1 / (1 + 10 ** (-(truth[i] - truth[j]) / 400));
      rows.push({model_a: models[i], model_b: models[j], winner: rng.float() < p ? "a" : "b"});
    }
    const fit = bradleyTerryFit(rows, {seed: d, confidence: settings.confidence});
    const byModel = new Map(fit.ratings.map((r) => [r.model, r]));
    let falseClaim = false;
    models.forEach((m, i) => {
      const r = byModel.get(m)!;
      ratings.add(r.lower, r.upper, truth[i]);
      let ok = true;
      models.forEach((other, j) => {
        if (byModel.get(other)!.lower > r.upper && truth[j] < truth[i]) ok = false;
      });
      ranks.check(ok);
      if (!ok) falseClaim = true;
    });
    if (falseClaim) ++anyFalse;
    ratings.endDataset();
    ranks.endDataset();
  }
  const rankCell = ranks.cell("Bradley–Terry CI-aware rank", `${label}: no false "better" claim`, battles, "battles");
  rankCell.familywise = anyFalse / settings.arenas;
  return [ratings.cell("Bradley–Terry rating", label, battles, "battles"), rankCell];
}

function plackettLuceCells(settings: OtherSettings, samples: number): OtherCell[] {
  const nModels = 20;
  const perSample = 5;
  const models = Array.from({length: nModels}, (_, i) => `model ${String(i + 1).padStart(2, "0")}`);
  const tally = new Tally();
  const ranks = new Tally();
  for (let d = 0; d < settings.leaderboards; ++d) {
    const rng = createRandom(settings.seed, 600000 + samples * 10 + d);
    const raw = models.map(() => 0.7 * rng.normal());
    const mean = raw.reduce((a, b) => a + b, 0) / nModels;
    const theta = raw.map((v) => v - mean);
    const top1: [number, number[]][] = [];
    const sampleOf: number[] = [];
    for (let s = 0; s < samples; ++s) {
      // A random subset of perSample models, ranked by sequential Plackett–Luce choices.
      const pool = Array.from({length: nModels}, (_, i) => i);
      for (let i = 0; i < perSample; ++i) {
        const j = i + rng.int(nModels - i);
        [pool[i], pool[j]] = [pool[j], pool[i]];
      }
      let left = pool.slice(0, perSample);
      while (left.length > 1) {
        const w = left.map((i) => Math.exp(theta[i]));
        let u = rng.float() * w.reduce((a, b) => a + b, 0);
        let k = 0;
        while (k < left.length - 1 && u >= w[k]) u -= w[k++];
        const winner = left[k];
        left = left.filter((i) => i !== winner);
        top1.push([winner, left]);
        sampleOf.push(s);
      }
    }
    const choices = {nItems: nModels, models, samples: Array.from({length: samples}, (_, s) => `s${s}`), sampleOf: Int32Array.from(sampleOf), top1};
    const rows = plackettLuceIntervals(choices, {alpha: 0.01, reps: 100, seed: d, confidence: settings.confidence});
    const byModel = new Map(rows.map((r) => [r.model, r]));
    models.forEach((m, i) => {
      const r = byModel.get(m)!;
      tally.add(r.lower, r.upper, theta[i]);
      ranks.check(!models.some((other, j) => byModel.get(other)!.lower > r.upper && theta[j] < theta[i]));
    });
    tally.endDataset();
    ranks.endDataset();
  }
  const label = `20 models, 5 ranked per sample, ${samples.toLocaleString("en-US")} samples`;
  return [tally.cell("Plackett–Luce strength", label, samples, "samples"), ranks.cell("Plackett–Luce CI-aware rank", `${label}: no false "better" claim`, samples, "samples")];
}

function correlationCells(settings: OtherSettings, n: number): OtherCell[] {
  const r = 0.6;
  const truths = {kendall: (2 / Math.PI) * Math.asin(r), spearman: (6 / Math.PI) * Math.asin(r / 2)};
  const cells: OtherCell[] = [];
  for (const statistic of ["kendall", "spearman"] as const) {
    const tally = new Tally();
    for (let d = 0; d < settings.correlations; ++d) {
      const rng = createRandom(settings.seed, 800000 + n * 10000 + d);
      const x = Array.from({length: n}, () => rng.normal());
      const y = x.map((v) => r * v + Math.sqrt(1 - r * r) * rng.normal());
      const ci = correlationInterval(x, y, {statistic, reps: 1000, seed: d, confidence: settings.confidence});
      tally.add(ci.lower, ci.upper, truths[statistic]);
      tally.endDataset();
    }
    cells.push(tally.cell(`correlationInterval (${statistic === "kendall" ? "Kendall τ-b" : "Spearman ρ"})`, "bivariate normal, r = 0.6", n, "pairs"));
  }
  return cells;
}

function rankCells(settings: OtherSettings, tasks: number, runs: number): OtherCell[] {
  const systems = 8;
  const cells: OtherCell[] = [];
  for (const method of ["borda", "mean"] as const) {
    const tally = new Tally();
    for (let d = 0; d < settings.rankings; ++d) {
      const rng = createRandom(settings.seed, 900000 + tasks * 1000 + runs * 100000 + d);
      const perRun: number[][][] = Array.from({length: systems}, () => []);
      const task = Array.from({length: tasks}, () => rng.normal());
      for (let s = 0; s < systems; ++s) {
        for (let t = 0; t < tasks; ++t) {
          const cell = 0.15 * s + task[t] + 0.5 * rng.normal();
          perRun[s].push(Array.from({length: runs}, () => cell + 0.5 * rng.normal()));
        }
      }
      const scores = perRun.map((row) => row.map((cell) => cell.reduce((a, b) => a + b, 0) / cell.length));
      const result = rankIntervals(scores, {method, reps: 500, seed: d, runs: perRun, confidence: settings.confidence});
      // System s has true position systems − s (higher μ is better).
      for (const r of result) tally.add(r.lower, r.upper, systems - r.system);
      tally.endDataset();
    }
    cells.push(tally.cell(`rankIntervals (${method}, with runs)`, `8 systems, ${tasks} tasks × ${runs} runs`, tasks, "tasks"));
  }
  return cells;
}

function curveCells(settings: OtherSettings, seeds: number): OtherCell[] {
  const cells: OtherCell[] = [];
  const families: [string, (rng: Random) => number, number][] = [
    ["normal", (rng) => rng.normal(), 0],
    ["log-normal σ = 0.5", (rng) => Math.exp(0.5 * rng.normal()), Math.exp(0.125)]
  ];
  const variants: [string, number][] = [["exact t", tQuantile(1 - (1 - settings.confidence) / 2, seeds - 1)]];
  if (seeds > 11 && seeds <= 31) variants.push(["former table (2.042)", 2.042]);
  for (const [family, draw, truth] of families) {
    for (const [variant, t] of variants) {
      const tally = new Tally();
      for (let d = 0; d < settings.curves; ++d) {
        const rng = createRandom(settings.seed, 950000 + seeds * 100000 + d);
        const values = Array.from({length: seeds}, () => draw(rng));
        const mean = values.reduce((a, b) => a + b, 0) / seeds;
        const sd = Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / (seeds - 1));
        const half = (t * sd) / Math.sqrt(seeds);
        tally.add(mean - half, mean + half, truth);
        tally.endDataset();
      }
      cells.push(tally.cell(`learning-curve band ci95 (${variant})`, family, seeds, "seeds"));
    }
  }
  return cells;
}

/** Runs every part; `onCell` sees each cell as it is finished. */
export function runOtherStudy(settings: OtherSettings, onCell: (cell: OtherCell) => void = () => {}): OtherCell[] {
  const cells: OtherCell[] = [];
  const emit = (list: OtherCell[]) => {
    for (const c of list) {
      cells.push(c);
      onCell(c);
    }
  };
  for (const seeds of [3, 5, 10, 20]) emit(curveCells(settings, seeds));
  for (const n of [10, 20, 50]) emit(correlationCells(settings, n));
  for (const [tasks, runs] of [[10, 3], [10, 5], [30, 3]]) emit(rankCells(settings, tasks, runs));
  for (const samples of [200, 1000]) emit(plackettLuceCells(settings, samples));
  emit(arenaCells(settings, 1350, "sparse arena: 1,350 battles (5 %)"));
  emit(arenaCells(settings, 27000, "dense arena: 27,000 battles"));
  return cells;
}
