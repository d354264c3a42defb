// Bad calls into lib: every exported function called with arguments of the wrong kind, and the cases a
// hostile review found (caps, enums, NaN options, null rows), must throw a BenchstatsError — never a
// TypeError, a RangeError, a stack overflow, a hang or a result.
import {describe, expect, it} from "vitest";
import * as main from "../../lib/index.js";
import * as engine from "../../lib/engine.js";
import {BenchstatsError, type ErrorCode} from "../../lib/core/errors.js";

/** Both entries of the package: the main one and `benchstats/engine`. */
const lib = {...main, ...engine};

/** Arguments of the wrong kind or shape, tried on every function. */
const BAD: unknown[][] = [
  [],
  [null],
  [undefined, undefined],
  [NaN],
  ["x"],
  [{}],
  [[]],
  [[NaN, NaN]],
  [[1, "a"]],
  [{A: null}],
  [[null]],
  [[{}]],
  [1, null],
  [[1, 2, 3], null],
  [[1, 2, 3], [1, 2, 3], {reps: 1e12}],
  [[1, 2, 3], [1, 2, 3], "bogus"],
  [{A: [[1, 2], [3, 4]]}, null],
  [{A: [[1, 2], [3, 4]]}, () => [1], {reps: -1}],
  [[[1, 2], [3, Infinity]]],
  [{nItems: 1e12, pairs: [[0, 1]]}]
];

/** Functions that start workers (their checks are those of the synchronous versions, tested here). */
const SKIP = new Set(["intervalEstimatesParallel", "runPlanParallel"]);

function call(f: Function, args: unknown[]): unknown {
  const isClass = /^class\b/.test(Function.prototype.toString.call(f));
  return isClass ? new (f as new (...a: unknown[]) => unknown)(...args) : f(...args);
}

/** What escaped from `thunk`: undefined when it returned or threw a BenchstatsError. */
function escaped(thunk: () => unknown): string | undefined {
  try {
    thunk();
  } catch (error) {
    if (!(error instanceof BenchstatsError)) return `${(error as Error)?.constructor?.name}: ${(error as Error)?.message}`;
  }
  return undefined;
}

/** Asserts that `thunk` throws a BenchstatsError (with `code` when given) whose message matches `pattern`. */
function expectRefused(thunk: () => unknown, code?: ErrorCode, pattern?: RegExp): void {
  let error: unknown;
  try {
    thunk();
  } catch (e) {
    error = e;
  }
  expect(error, "no error").toBeInstanceOf(BenchstatsError);
  if (code) expect((error as BenchstatsError).code).toBe(code);
  if (pattern) expect((error as BenchstatsError).message).toMatch(pattern);
}

describe("every lib function on arguments of the wrong kind", () => {
  it("throws nothing but BenchstatsErrors", () => {
    const escapes: string[] = [];
    for (const [name, f] of Object.entries(lib)) {
      if (typeof f !== "function" || SKIP.has(name)) continue;
      for (const args of BAD) {
        const what = escaped(() => call(f, args));
        if (what) escapes.push(`${name}(${args.map((a) => (typeof a === "function" ? "fn" : JSON.stringify(a))).join(", ")}): ${what}`);
      }
    }
    expect(escapes).toEqual([]);
  });
});

// Small well-formed inputs, so that each case below fails on the one argument it names.
const runs = (shift: number) => Array.from({length: 5}, (_, r) => Array.from({length: 4}, (_, t) => ((r * 7 + t * 3 + shift) % 11) / 10));
const dict = {A: runs(0), B: runs(2), C: runs(5)};
const x = [1, 2, 3, 4, 5, 6];
const y = [2, 1, 4, 3, 6, 5];
const table = [
  [0.9, 0.8, 0.7],
  [0.5, 0.6, 0.4],
  [0.1, 0.2, 0.3]
];
const battles = [
  {model_a: "a", model_b: "b", winner: "a"},
  {model_a: "b", model_b: "c", winner: "a"},
  {model_a: "c", model_b: "a", winner: "a"},
  {model_a: "a", model_b: "c", winner: "b"},
  {model_a: "b", model_b: "a", winner: "tie"}
] as const;
const scoreRows = ["s1", "s2", "s3", "aggregate"].flatMap((scenario, s) =>
  ["m1", "m2", "m3", "m4", "m5", "m6"].map((model, m) => ({model, scenario, score: ((m * (s + 2)) % 7) + m / 10, source: scenario}))
);

describe("the bad calls of issue 16", () => {
  it("caps reps, experiments, items, taus and quadrature nodes (code limit), before any work", () => {
    expectRefused(() => lib.intervalEstimates(dict, lib.aggregateMean, {reps: 2e9}), "limit", /LIMITS\.reps/);
    expectRefused(() => lib.performanceProfiles(dict, [0, 0.5], {reps: 1e9}), "limit");
    expectRefused(() => lib.correlationInterval(x, y, {reps: 1e9}), "limit");
    expectRefused(() => lib.rankIntervals(table, {reps: 1e9}), "limit");
    expectRefused(() => lib.bradleyTerry(battles, {reps: 1e9}), "limit");
    expectRefused(() => lib.benchmarkAgreement(scoreRows, {nExps: 1e9}), "limit");
    expectRefused(() => lib.plackettLuce({nItems: 1e9, pairs: [[0, 1]]}), "limit");
    expectRefused(() => lib.performanceProfiles(dict, Array.from({length: 1e6}, (_, i) => i / 1e6)), "limit", /taus/);
    expectRefused(() => lib.irtQuadrature({points: 1e7}), "limit", /quadraturePoints/);
  });

  it("refuses null where data belongs, with the argument's name", () => {
    expectRefused(() => lib.kendallTau(null as never, y), "type", /x/);
    expectRefused(() => lib.spearman(x, null as never), "type", /y/);
    expectRefused(() => lib.pearson(null as never, null as never), "type");
    expectRefused(() => lib.kemeny(null as never), "type");
    expectRefused(() => lib.plackettLuce(null as never), "type");
    expectRefused(() => lib.temporalBreakdown(null as never), "type");
    expectRefused(() => lib.temporalBreakdown([{rank: 0, stream: 7, name: "k", start_us: 0, dur_us: 1}] as never), "type", /gpuEventTable/);
    expectRefused(() => lib.benchmarkAgreement([...scoreRows, null] as never), "type", /row/);
  });

  it("refuses options of the wrong kind or outside their values", () => {
    expectRefused(() => lib.probabilityOfImprovementIntervals(dict, {pairs: "A,B" as never}), "option", /pairs/);
    expectRefused(() => lib.onlineElo(battles, {k: NaN}), "option", /\bk\b/);
    expectRefused(() => lib.bradleyTerry(battles, {anchor: {model: "a", rating: NaN}}), "option", /anchor/);
    expectRefused(() => lib.kendallTau(x, y, {nanPolicy: "bogus" as never}), "option", /nanPolicy/);
    expectRefused(() => lib.performanceProfiles(dict, [0, 0.5], {average: "bogus" as never}), "option", /average/);
    expectRefused(() => lib.fitIrt({nRespondents: 2, nItems: 2, data: Uint8Array.of(1, 0, 0, 1)}, {tolerance: NaN}), "option", /tolerance/);
    expectRefused(() => lib.kemeny(table, {maxOrders: -1}), "option", /maxOrders/);
    expectRefused(() => lib.benchmarkAgreement(scoreRows, {nExps: -1}), "option", /nExps/);
    expectRefused(() => lib.benchmarkAgreement(scoreRows.filter((r) => r.scenario === "s1" || r.scenario === "aggregate")), "degenerate");
    expectRefused(() => lib.plackettLuce({nItems: 3, pairs: [[0, 1], [1, 2], [2, 0]]}, {initialParams: [NaN, 0, 0]}), "value", /initialParams/);
    expectRefused(() => lib.rankIntervals(table, {confidence: 1.5}), "option", /confidence/);
  });

  it("refuses bad values in the data: infinite or negative durations, an all-missing table, a statistic of varying length", () => {
    const event = {rank: 0, device: 0, stream: 7, kind: "kernel", name: "k", start_us: 0, dur_us: 1, correlation: 1};
    expectRefused(() => lib.gpuEventTable([{...event, dur_us: -50}]), "value", /dur_us/);
    expectRefused(() => lib.gpuEventTable([{...event, dur_us: Infinity}]), "value");
    expectRefused(() => lib.gpuEventTable([{...event, start_us: -Infinity}]), "value");
    expectRefused(() => lib.kemeny([[NaN, NaN], [NaN, NaN], [NaN, NaN]]), "degenerate");
    let calls = 0;
    expectRefused(() => lib.intervalEstimates(dict, () => (++calls % 2 ? [1] : [1, 2]), {reps: 10}), "statistic");
  });
});
