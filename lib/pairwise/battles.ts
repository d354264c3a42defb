import {arrayArg, objectArg, reject, stringArg} from "../core/check.js";
import {compareText} from "../core/order.js";
import {BenchstatsError} from "../core/errors.js";
import {isColumnarTable, tableColumns, type ColumnarTable, type LabelColumn} from "../core/columns.js";

/** One row of a tidy `battles` table (docs/design.md). Extra columns (judge, tstamp, features…) are allowed. */
export interface BattleRow {
  model_a: string;
  model_b: string;
  winner: "a" | "b" | "tie" | string;
  [column: string]: unknown;
}

/** A battles table: row objects or the columnar form (extra columns hold covariate features). */
export type BattlesTable = ColumnarTable | readonly BattleRow[];

/**
 * A covariate for style / length control: a numeric feature of each side's answer. The regressor is
 * the difference `a − b` (`transform: "difference"`) or FastChat's normalised difference
 * `(a − b)/(a + b + 1)` (`"ratio"`, default), then standardised to mean 0 and SD 1 over the battles.
 */
export interface Covariate {
  name: string;
  /** Column name or accessor giving side a's feature. */
  a: string | ((row: BattleRow) => number);
  /** Column name or accessor giving side b's feature. */
  b: string | ((row: BattleRow) => number);
  transform?: "ratio" | "difference";
}

/** How Bradley–Terry treats a tie: half a win each way, dropped, or an outcome of its own (two models). */
export type TieHandling = "half" | "drop" | "davidson" | "rao-kupper";

/** Battles as logistic-regression rows: P(a beats b) = σ(θ_a − θ_b + γ·z); outcome y ∈ {1, ½, 0}. */
export interface BattleDesign {
  models: string[];
  a: Int32Array;
  b: Int32Array;
  y: Float64Array;
  weight: Float64Array;
  /** k covariates, row-major N×k (standardised); empty when k = 0. */
  z: Float64Array;
  covariates: {name: string; mean: number; sd: number}[];
  /** Battles each model took part in (after dropping ties when asked). */
  count: Int32Array;
}

export interface DesignOptions {
  /**
   * `half` (default): a tie is half a win each way (FastChat); `drop`: ties are removed; `davidson` and
   * `rao-kupper` keep ties as their own outcome (y = ½ marks them) for the tie models of `tie-models.ts`.
   */
  ties?: TieHandling;
  covariates?: readonly Covariate[];
  /** Fixed model order; default: models sorted by name (UTF-16 code units). */
  models?: readonly string[];
  /** Merge identical (a, b, outcome) rows into one weighted row (only without covariates). Default true. */
  dedupe?: boolean;
}

/**
 * Validates a battles table and turns it into weighted logistic-regression rows. Every problem throws
 * a `BenchstatsError` naming the row and column: a missing model name, a model against itself, a
 * winner outside `a | b | tie`, a missing or non-numeric covariate.
 *
 * The design is canonical: models sorted by name (unless `models` fixes them) and rows sorted by
 * (model_a, model_b, outcome, covariates), so the same battles in any row order — or pre-aggregated into
 * weighted rows (`battleCounts`) — give the same design, and a seeded bootstrap over it the same draws.
 */
export function battleDesign(battles: BattlesTable, options: DesignOptions = {}, fn = "bradleyTerry"): BattleDesign {
  if (!Array.isArray(battles) && !isColumnarTable(battles)) throw new BenchstatsError("type", `${fn}: battles must be an array of rows or a columnar table`);
  const ties = options.ties ?? "half";
  if (ties !== "half" && ties !== "drop" && ties !== "davidson" && ties !== "rao-kupper") {
    throw new BenchstatsError("option", `${fn}: ties must be "half", "drop", "davidson" or "rao-kupper", got ${String(ties)}`, {field: "ties"});
  }
  const covariates = options.covariates ?? [];
  arrayArg<Covariate>(covariates, "covariates", fn).forEach((cov, c) => {
    objectArg(cov, "covariates", fn, "{name, a, b, transform?}", "option");
    stringArg(cov.name, "covariates.name", fn, {code: "option"});
    for (const side of ["a", "b"] as const) {
      if (typeof cov[side] !== "string" && typeof cov[side] !== "function") reject("option", fn, `covariates.${side}`, "a column name or an accessor function", cov[side], {row: c});
    }
  });
  const k = covariates.length;
  const fixed = options.models !== undefined;
  if (fixed) arrayArg(options.models, "models", fn).forEach((m) => stringArg(m, "models", fn, {code: "option"}));
  const models: string[] = fixed ? [...options.models!] : [];
  const index = new Map(models.map((m, i) => [m, i]));
  const {length, columns} = tableColumns(battles, {labels: ["model_a", "model_b", "winner"], numbers: ["weight"], optional: ["weight"]}, fn);
  // Aggregated battles (one row per pair and outcome, `weight` = how many): the likelihood's weights.
  const rowWeight = columns.weight as Float64Array | undefined;
  const w: number[] = [];
  const modelColumns = {model_a: columns.model_a as LabelColumn, model_b: columns.model_b as LabelColumn};
  const winner = columns.winner as LabelColumn;
  // Outcome per winner code: 1 (a), 0 (b), ½ (tie), −1 (not a verdict).
  const outcomeOf = winner.labels.map((w) => (w === "a" ? 1 : w === "b" ? 0 : w === "tie" ? 0.5 : -1));
  // Model index per code of each column, resolved on first use (−1 = not yet seen).
  const resolved = {model_a: new Int32Array(modelColumns.model_a.labels.length).fill(-1), model_b: new Int32Array(modelColumns.model_b.labels.length).fill(-1)};
  const a: number[] = [];
  const b: number[] = [];
  const y: number[] = [];
  const raw: number[] = [];
  const modelOf = (column: "model_a" | "model_b", r: number): number => {
    const code = modelColumns[column].codes[r];
    const cached = resolved[column][code];
    if (cached >= 0) return cached;
    const name = modelColumns[column].labels[code];
    if (name === "") throw new BenchstatsError("missing", `${fn}: ${column} must be a model name, got ""`, {field: column, row: r});
    let i = index.get(name);
    if (i === undefined) {
      if (fixed) throw new BenchstatsError("range", `${fn}: model ${JSON.stringify(name)} is not in options.models`, {field: column, row: r});
      i = models.length;
      models.push(name);
      index.set(name, i);
    }
    resolved[column][code] = i;
    return i;
  };
  const readers = covariates.map((cov) => [featureReader(battles, cov.a, cov, fn), featureReader(battles, cov.b, cov, fn)] as const);
  for (let r = 0; r < length; ++r) {
    const i = modelOf("model_a", r);
    const j = modelOf("model_b", r);
    if (i === j) throw new BenchstatsError("range", `${fn}: ${models[i]} battles itself`, {field: "model_b", row: r});
    const outcome = outcomeOf[winner.codes[r]];
    if (outcome < 0) {
      throw new BenchstatsError("range", `${fn}: winner must be "a", "b" or "tie", got ${JSON.stringify(winner.labels[winner.codes[r]])}`, {field: "winner", row: r});
    }
    if (outcome === 0.5 && ties === "drop") continue;
    const weight = rowWeight ? (Number.isNaN(rowWeight[r]) ? 1 : rowWeight[r]) : 1;
    if (!(weight >= 0 && weight < Infinity)) throw new BenchstatsError("range", `${fn}: weight must be a finite number ≥ 0, got ${weight}`, {field: "weight", row: r});
    if (weight > 0 && k > 0 && weight !== 1) {
      throw new BenchstatsError("option", `${fn}: covariates need one row per battle (their features differ), not weighted rows`, {field: "weight", row: r});
    }
    a.push(i);
    b.push(j);
    y.push(outcome);
    w.push(weight);
    covariates.forEach((cov, c) => {
      const fa = readers[c][0](r);
      const fb = readers[c][1](r);
      const transform = cov.transform ?? "ratio";
      if (transform === "ratio") {
        if (fa < 0 || fb < 0) {
          throw new BenchstatsError("range", `${fn}: covariate ${cov.name} with transform "ratio" needs features ≥ 0`, {row: r});
        }
        raw.push((fa - fb) / (fa + fb + 1));
      } else if (transform === "difference") raw.push(fa - fb);
      else throw new BenchstatsError("option", `${fn}: covariate transform must be "ratio" or "difference", got ${String(transform)}`);
    });
  }
  canonicalRows(models, a, b, y, w, raw, k, fixed);
  const n = a.length;
  const stats = covariates.map((cov, c) => {
    let mean = 0;
    for (let r = 0; r < n; ++r) mean += raw[r * k + c];
    mean /= n;
    let ss = 0;
    for (let r = 0; r < n; ++r) ss += (raw[r * k + c] - mean) ** 2;
    const sd = Math.sqrt(ss / n);
    if (!(sd > 0)) throw new BenchstatsError("degenerate", `${fn}: covariate ${cov.name} is constant over the battles`);
    return {name: cov.name, mean, sd};
  });
  const z = new Float64Array(n * k);
  for (let r = 0; r < n; ++r) for (let c = 0; c < k; ++c) z[r * k + c] = (raw[r * k + c] - stats[c].mean) / stats[c].sd;
  const count = new Int32Array(models.length);
  for (let r = 0; r < n; ++r) {
    count[a[r]] += w[r];
    count[b[r]] += w[r];
  }
  const design: BattleDesign = {
    models,
    a: Int32Array.from(a),
    b: Int32Array.from(b),
    y: Float64Array.from(y),
    weight: Float64Array.from(w),
    z,
    covariates: stats,
    count,
  };
  return k === 0 && (options.dedupe ?? true) ? dedupeDesign(design) : design;
}

/**
 * Reads a covariate's feature of battle r: a column (numbers, or text holding numbers) of rows or of a
 * columnar table, or an accessor (given the row object; built on demand for a columnar table). A missing
 * or non-finite feature throws, naming the row.
 */
function featureReader(battles: BattlesTable, spec: Covariate["a"], cov: Covariate, fn: string): (r: number) => number {
  const fail = (v: unknown, r: number): never => {
    throw new BenchstatsError("missing", `${fn}: covariate ${cov.name} needs a finite number, got ${JSON.stringify(v)}`, {
      field: typeof spec === "string" ? spec : cov.name,
      row: r,
    });
  };
  const toNumber = (v: unknown, r: number): number => {
    const x = typeof v === "number" ? v : typeof v === "string" && v.trim() !== "" ? Number(v) : NaN;
    return Number.isFinite(x) ? x : fail(v, r);
  };
  if (Array.isArray(battles)) {
    const rows = battles as readonly BattleRow[];
    return typeof spec === "function" ? (r) => toNumber(spec(rows[r]), r) : (r) => toNumber(rows[r][spec], r);
  }
  const table = battles as ColumnarTable;
  if (typeof spec === "string") {
    const column = table.columns[spec];
    if (column === undefined) throw new BenchstatsError("columns", `${fn}: covariate ${cov.name}: the battles have no column "${spec}"`, {field: spec});
    return column instanceof Float64Array ? (r) => toNumber(column[r], r) : (r) => toNumber(column.labels[column.codes[r]], r);
  }
  const names = Object.keys(table.columns);
  const rowAt = (r: number): BattleRow => {
    const row: Record<string, unknown> = {};
    for (const name of names) {
      const column = table.columns[name]!;
      row[name] = column instanceof Float64Array ? column[r] : column.labels[column.codes[r]];
    }
    return row as BattleRow;
  };
  return (r) => toNumber(spec(rowAt(r)), r);
}

/**
 * Puts the design rows in canonical order, in place: model indices renumbered in name order (unless the
 * caller fixed the models), then rows sorted by (a, b, y, covariate features), equal rows kept in input
 * order (they are interchangeable).
 */
/**
 * Row indices sorted by (a, b, y), ties in row order, by a stable counting sort over the m·m·3 keys;
 * null when an outcome is not 0, ½ or 1 or the keys would outnumber the rows by far.
 */
function countingOrder(a: number[], b: number[], y: number[], m: number): number[] | null {
  const n = a.length;
  const buckets = m * m * 3;
  if (buckets > 4 * n + 65536) return null;
  const key = new Int32Array(n);
  for (let r = 0; r < n; ++r) {
    const outcome = y[r] === 0 ? 0 : y[r] === 0.5 ? 1 : y[r] === 1 ? 2 : -1;
    if (outcome < 0) return null;
    key[r] = (a[r] * m + b[r]) * 3 + outcome;
  }
  const start = new Int32Array(buckets + 1);
  for (let r = 0; r < n; ++r) start[key[r] + 1]++;
  for (let t = 0; t < buckets; ++t) start[t + 1] += start[t];
  const order = new Array<number>(n);
  for (let r = 0; r < n; ++r) order[start[key[r]]++] = r;
  return order;
}

function canonicalRows(models: string[], a: number[], b: number[], y: number[], w: number[], raw: number[], k: number, fixed: boolean): void {
  if (!fixed) {
    const byName = models.map((_, i) => i).sort((i, j) => compareText(models[i], models[j]));
    const renumber = new Int32Array(models.length);
    byName.forEach((old, i) => (renumber[old] = i));
    const sorted = byName.map((i) => models[i]);
    sorted.forEach((name, i) => (models[i] = name));
    for (let r = 0; r < a.length; ++r) (a[r] = renumber[a[r]]), (b[r] = renumber[b[r]]);
  }
  // Without covariates the key is (a, b, y) with y ∈ {0, ½, 1}: a stable counting sort gives the
  // comparator's order (ties by row index) in linear time.
  const order = (k === 0 ? countingOrder(a, b, y, models.length) : null) ?? a.map((_, r) => r).sort((p, q) => {
    const d = a[p] - a[q] || b[p] - b[q] || y[p] - y[q];
    if (d !== 0) return d;
    for (let c = 0; c < k; ++c) if (raw[p * k + c] !== raw[q * k + c]) return raw[p * k + c] - raw[q * k + c];
    return p - q;
  });
  const permute = (list: number[], width = 1) => {
    const copy = list.slice();
    order.forEach((from, to) => {
      for (let c = 0; c < width; ++c) list[to * width + c] = copy[from * width + c];
    });
  };
  permute(a);
  permute(b);
  permute(y);
  permute(w);
  if (k > 0) permute(raw, k);
}

/** Merges identical (a, b, outcome) rows into one row weighted by its count (FastChat PR #3523). */
export function dedupeDesign(d: BattleDesign): BattleDesign {
  const n = d.models.length;
  const slot = new Map<number, number>();
  const a: number[] = [];
  const b: number[] = [];
  const y: number[] = [];
  const weight: number[] = [];
  for (let r = 0; r < d.a.length; ++r) {
    const key = (d.a[r] * n + d.b[r]) * 3 + d.y[r] * 2;
    const s = slot.get(key);
    if (s !== undefined) weight[s] += d.weight[r];
    else {
      slot.set(key, a.length);
      a.push(d.a[r]);
      b.push(d.b[r]);
      y.push(d.y[r]);
      weight.push(d.weight[r]);
    }
  }
  return {...d, a: Int32Array.from(a), b: Int32Array.from(b), y: Float64Array.from(y), weight: Float64Array.from(weight), z: new Float64Array(0)};
}
