// The package's two entries: the main one (lib/index.ts) stays small and holds every stable name users'
// scripts call; the bootstrap engine and the building blocks live behind `benchstats/engine`
// (lib/engine.ts). The main entry's sections follow the areas of lib/areas.ts.
import {readFileSync} from "node:fs";
import {describe, expect, it} from "vitest";
import * as main from "../../lib/index.js";
import * as engine from "../../lib/engine.js";
import {API_AREAS} from "../../lib/areas.js";

/** The stable names of the design (docs/design.md, "Stable API names") and of the issues' checks. */
const STABLE = [
  "createRandom", "BenchstatsError", "LIMITS", "quantile",
  "aggregateMean", "aggregateMedian", "aggregateIqm", "aggregateOptimalityGap", "probabilityOfImprovement",
  "scoreDistribution", "averageScoreDistribution", "intervalEstimates", "intervalEstimatesParallel", "performanceProfiles",
  "probabilityOfImprovementIntervals", "ciAwareRanks", "runsToScoreMatrices", "runsToScoreCurves", "scoresToScoreMatrices",
  "finalRunRows", "minMaxNormalizeRuns", "minMaxScore",
  "kendallTau", "spearman", "pearson", "correlationInterval",
  "kemeny", "kemenyFromCosts", "borda", "copeland", "rankIntervals", "benchmarkAgreement",
  "plackettLuce", "bradleyTerry", "bradleyTerryFit", "onlineElo", "groupSamples", "samplesToTop1", "samplesToPairs", "samplesToBattles",
  "lengthControlledWinRate", "preferenceDispersion", "verbosityGap", "lengthRule", "createOnlineRating", "replayTopK",
  "fitIrt", "irtAbilities",
  "summarizeSamples", "pairedDifference", "mcnemarTest", "pairedPermutationTest", "pairedBootstrap", "adjustPValues",
  "minimumDetectableEffect", "itemsNeeded", "runsNeeded",
  "separability", "agreementWithConfidence", "pairRankBrier", "seedVariance", "signalToNoise", "monotonicity",
  "gpuEventTable", "temporalBreakdown", "idleTimeBreakdown", "kernelBreakdown", "commCompOverlap", "kernelLaunchStats",
  "queueLengthSummary", "memoryBandwidthSummary", "memoryBandwidthSeries", "timeBlockedOnFullQueue", "cuptiCounters",
  "traceDiff", "traceDiffGroups", "shortenName", "criticalPath", "kernelEfficiency", "stragglers", "energyPerStep", "devicePeaks"
];

/** Names of the bootstrap engine and other internals that must not sit beside the user's names. */
const ENGINE_ONLY = [
  "storeBlock", "blockReps", "blockCount", "runBootstrapBlock", "IndexStream", "statisticSpec", "GpuEventTableBuilder", "select", "positions",
  "planIntervalEstimates", "finishIntervalEstimates", "runPlanParallel"
];

describe("the main entry, benchstats", () => {
  const values = Object.keys(main);

  it("exports at most 100 values, each a function, a class or a documented constant", () => {
    expect(values.length).toBeLessThanOrEqual(100);
    for (const name of values) expect(["function", "object"], name).toContain(typeof (main as Record<string, unknown>)[name]);
  });

  it("exports every stable name", () => {
    expect(STABLE.filter((name) => !(name in main))).toEqual([]);
  });

  it("leaves the engine's names to benchstats/engine", () => {
    expect(ENGINE_ONLY.filter((name) => name in main)).toEqual([]);
    expect(ENGINE_ONLY.filter((name) => !(name in engine))).toEqual([]);
    expect(Object.keys(engine).filter((name) => name in main)).toEqual([]);
  });

  it("lists explicit names (no `export *`), area by area in the order of API_AREAS", () => {
    const text = readFileSync(new URL("../../lib/index.ts", import.meta.url), "utf8");
    expect(text).not.toMatch(/export\s+(type\s+)?\*/);
    const folders = [...text.matchAll(/from\s+"\.\/([\w-]+)\//g)].map((m) => m[1]);
    const order = API_AREAS.map((area) => area.id);
    const positions = folders.map((folder) => order.indexOf(folder));
    expect(positions.filter((p) => p < 0)).toEqual([]);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    expect(new Set(folders)).toEqual(new Set(order));
  });
});
