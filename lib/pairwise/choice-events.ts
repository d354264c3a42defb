import {arrayArg} from "../core/check.js";
import {BenchstatsError} from "../core/errors.js";
import type {GroupedTop1} from "./grouped-top1.js";
import {eventArena, type ChoiceEvents, type EventArena} from "./lsr-kernel.js";

export type {ChoiceEvents};

/** A Plackett–Luce top-1 observation: `winner` was chosen out of `{winner} ∪ losers`. */
export type Top1 = readonly [winner: number, losers: readonly number[]];
/** A pairwise comparison: `winner` beat `loser`. */
export type Pair = readonly [winner: number, loser: number];
/** A strict ranking: item indices, best first. */
export type Ranking = readonly number[];

/**
 * Choice data in one of choix's three layouts (exactly one of `rankings`, `top1`, `pairs`), or
 * `groupedTop1`: top-1 choices sharing one loser set per group (typed CSR arrays), the compact form
 * of binary samples (see {@link GroupedTop1} and `matrixToGroupedTop1`).
 */
export interface ChoiceData {
  nItems: number;
  rankings?: readonly Ranking[];
  top1?: readonly Top1[];
  pairs?: readonly Pair[];
  groupedTop1?: GroupedTop1;
  /** Optional multiplicity of each datum (each group, for groupedTop1), default 1; used by resampling. */
  weights?: ArrayLike<number>;
}

/**
 * Validates and compiles choice data. Pairwise comparisons are merged into one weighted event per
 * ordered (winner, loser) pair — the win-count matrix, so pairwise fits cost O(n²) per iteration
 * however many comparisons there are; larger choice sets are kept as they come (in sparse data
 * they rarely repeat) in flat typed arrays.
 */
export function compileChoices(data: ChoiceData, fn = "plackettLuce"): ChoiceEvents {
  const {nItems} = data;
  if (!Number.isInteger(nItems) || nItems < 1) {
    throw new BenchstatsError("shape", `${fn}: nItems must be a positive integer, got ${nItems}`);
  }
  const layouts = (["rankings", "top1", "pairs", "groupedTop1"] as const).filter((k) => data[k] !== undefined);
  if (layouts.length !== 1 || layouts[0] === "groupedTop1") {
    throw new BenchstatsError(
      "shape",
      `${fn}: give exactly one of rankings, top1 or pairs (got ${layouts.length ? layouts.join(", ") : "none"})`,
    );
  }
  const layout = layouts[0];
  const list = arrayArg(data[layout], layout, fn);
  const weights = data.weights;
  if (weights && weights.length !== list.length) {
    throw new BenchstatsError("shape", `${fn}: weights has ${weights.length} entries for ${list.length} data`, {
      field: "weights",
    });
  }
  // Room for every record up front (no regrowing): a ranking or top-1 datum of k items is one record
  // of k members.
  let maxLength = 2;
  let eventRoom = 0;
  let memberRoom = 0;
  if (layout !== "pairs") {
    for (let row = 0; row < list.length; ++row) {
      const datum = list[row];
      if (!Array.isArray(datum)) continue;
      const k = layout === "top1" ? (Array.isArray(datum[1]) ? datum[1].length + 1 : 0) : datum.length;
      if (k > maxLength) maxLength = k;
      eventRoom += 1;
      memberRoom += k;
    }
  }
  // Rankings and top-1 data are built straight into the I-LSR kernel's memory (their room is exact).
  const arena = eventRoom > 0 ? eventArena(nItems, Math.max(eventRoom, 1024), Math.max(memberRoom, 4096), maxLength) : undefined;
  const builder = new EventBuilder(nItems, eventRoom, memberRoom, arena);
  const seen = new Int32Array(nItems).fill(-1);
  const bad = (item: unknown, row: number): never => {
    if (typeof item === "number" && Number.isInteger(item) && item >= 0 && item < nItems) {
      throw new BenchstatsError("duplicate", `${fn}: item ${item} appears twice in one datum`, {field: layout, row});
    }
    throw new BenchstatsError("range", `${fn}: item index must be an integer in [0, ${nItems}), got ${String(item)}`, {
      field: layout,
      row,
    });
  };
  // An item passes when it is an integer in [0, nItems) not yet seen in this datum (seen[item] = row).
  const check = (item: unknown, row: number): number => {
    if (typeof item !== "number" || !(item >= 0 && item < nItems) || !Number.isInteger(item) || seen[item] === row) bad(item, row);
    seen[item as number] = row;
    return item as number;
  };
  const scratch = new Int32Array(maxLength);
  for (let row = 0; row < list.length; ++row) {
    const w = weights ? weights[row] : 1;
    if (!(w >= 0) || !Number.isFinite(w)) {
      throw new BenchstatsError("range", `${fn}: weights must be finite and ≥ 0, got ${w}`, {field: "weights", row});
    }
    const datum = list[row];
    if (!Array.isArray(datum)) {
      throw new BenchstatsError("shape", `${fn}: each ${layout} datum must be an array`, {field: layout, row});
    }
    if (layout === "pairs") {
      if (datum.length !== 2) {
        throw new BenchstatsError("shape", `${fn}: a pair is [winner, loser], got length ${datum.length}`, {field: layout, row});
      }
      builder.pair(check(datum[0], row), check(datum[1], row), w);
    } else if (layout === "top1") {
      if (datum.length !== 2 || !Array.isArray(datum[1])) {
        throw new BenchstatsError("shape", `${fn}: a top-1 datum is [winner, losers[]]`, {field: layout, row});
      }
      const losers = datum[1] as unknown[];
      scratch[0] = check(datum[0], row);
      // The check inlined (these loops visit every item of the data once, mostly before the JIT has
      // optimised them); `(item | 0) === item` is the integer test once the range holds (nItems < 2³¹).
      for (let i = 0; i < losers.length; ++i) {
        const item = losers[i] as number;
        if (!(item >= 0 && item < nItems && (item | 0) === item && seen[item] !== row)) bad(item, row);
        seen[item] = row;
        scratch[i + 1] = item;
      }
      builder.record(scratch, losers.length + 1, 1, w);
    } else {
      const k = datum.length;
      for (let i = 0; i < k; ++i) {
        const item = datum[i] as number;
        if (!(item >= 0 && item < nItems && (item | 0) === item && seen[item] !== row)) bad(item, row);
        seen[item] = row;
        scratch[i] = item;
      }
      builder.record(scratch, k, k - 1, w);
    }
  }
  return builder.finish();
}

/**
 * Accumulates records in typed arrays (sized by the caller, grown if that was short); pairs go to a
 * win-count table first: dense n × n for up to 1,024 items, else a map.
 */
class EventBuilder {
  private offsets: Int32Array;
  private members: Int32Array;
  private weight: Float64Array;
  private choices: Int32Array;
  private count = 0;
  private maxLength = 0;
  private size = 0;
  private readonly pairWins: Map<number, number> | null;
  private readonly densePairs: Float64Array | null;
  constructor(private readonly n: number, events = 1024, members = 4096, private readonly arena?: EventArena) {
    this.offsets = arena?.offsets ?? new Int32Array(Math.max(events, 1024) + 1);
    this.weight = arena?.weight ?? new Float64Array(Math.max(events, 1024));
    this.choices = arena?.choices ?? new Int32Array(Math.max(events, 1024));
    this.members = arena?.members ?? new Int32Array(Math.max(members, 4096));
    this.densePairs = n <= 1024 ? new Float64Array(n * n) : null;
    this.pairWins = this.densePairs ? null : new Map();
  }

  pair(winner: number, loser: number, w: number): void {
    if (w === 0) return;
    const key = winner * this.n + loser;
    if (this.densePairs) this.densePairs[key] += w;
    else this.pairWins!.set(key, (this.pairWins!.get(key) ?? 0) + w);
  }

  /** Adds the record `items[0 .. k)` of `choices` successive choices (1 ≤ choices ≤ k − 1). */
  record(items: Int32Array, k: number, choices: number, w: number): void {
    if (k < 2 || w === 0) return;
    if (k === 2) return this.pair(items[0], items[1], w);
    this.push(items, k, choices, w);
  }

  private push(items: ArrayLike<number>, k: number, choices: number, w: number): void {
    if (this.count + 2 > this.offsets.length) {
      this.offsets = grow(this.offsets, this.offsets.length * 2);
      this.weight = grow(this.weight, this.weight.length * 2);
      this.choices = grow(this.choices, this.choices.length * 2);
    }
    if (this.size + k > this.members.length) this.members = grow(this.members, Math.max(this.members.length * 2, this.size + k));
    const members = this.members;
    const size = this.size;
    for (let i = 0; i < k; ++i) members[size + i] = items[i];
    if (k > this.maxLength) this.maxLength = k;
    this.size += k;
    this.choices[this.count] = choices;
    this.weight[this.count++] = w;
    this.offsets[this.count] = this.size;
  }

  finish(): ChoiceEvents {
    // Pairs in ascending key order (winner·n + loser), whichever table held them.
    const pair = [0, 0];
    const add = (key: number, w: number) => {
      pair[0] = Math.floor(key / this.n);
      pair[1] = key % this.n;
      this.push(pair, 2, 1, w);
    };
    if (this.densePairs) {
      for (let key = 0; key < this.densePairs.length; ++key) if (this.densePairs[key] !== 0) add(key, this.densePairs[key]);
    } else {
      for (const key of [...this.pairWins!.keys()].sort((a, b) => a - b)) add(key, this.pairWins!.get(key)!);
    }
    return {
      nItems: this.n,
      offsets: this.offsets.subarray(0, this.count + 1),
      members: this.members.subarray(0, this.size),
      choices: this.choices.subarray(0, this.count),
      weight: this.weight.subarray(0, this.count),
      maxLength: this.maxLength,
      ...(this.arena ? {arena: this.arena} : {}),
    };
  }
}

function grow<T extends Int32Array | Float64Array>(array: T, length: number): T {
  const out = new (array.constructor as {new (n: number): T})(length);
  out.set(array);
  return out;
}
