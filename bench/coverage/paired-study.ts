// The paired-difference part of the coverage study: how often the 95 % interval of pairedDifference
// (plain, and clustered CR0 / CR1) covers the true mean difference of two models on simulated item-level
// evals with clustered items (bench/coverage/paired.ts). Run by bench/coverage.bench.ts.
import {pairedDifference} from "../../lib/index.js";
import {pairedStream, samplePaired, truePairedDifference, type PairedScenario} from "./paired.js";

export const PAIRED_METHODS = ["iid", "cluster CR0", "cluster CR1"] as const;
export type PairedMethod = (typeof PAIRED_METHODS)[number];

export interface PairedCell {
  clusters: number;
  perCluster: number;
  /** τ, the SD of a model's affinity for a cluster. */
  affinitySd: number;
  method: PairedMethod;
  truth: number;
  datasets: number;
  coverage: number;
  /** Monte-Carlo standard error of `coverage`: √(c(1 − c)/datasets). */
  mcse: number;
  missHigh: number;
  missLow: number;
  meanWidth: number;
}

export interface PairedStudyOptions {
  datasets: number;
  seed: number;
  clusters: readonly number[];
  perCluster: readonly number[];
  affinitySd: readonly number[];
  /** Called with each finished cell (for printing). */
  onCell?: (cell: PairedCell) => void;
}

/** Abilities and difficulty spreads shared by every cell: a 0.3-logit better model A. */
const BASE = {thetaA: 0.3, thetaB: 0, clusterSd: 1, itemSd: 1};

/** Runs every (clusters, items per cluster, τ) cell with `datasets` simulated evals each. */
export function runPairedStudy(options: PairedStudyOptions): PairedCell[] {
  const cells: PairedCell[] = [];
  let cellIndex = 0;
  for (const affinitySd of options.affinitySd) {
    for (const clusters of options.clusters) {
      for (const perCluster of options.perCluster) {
        const scenario: PairedScenario = {...BASE, clusters, perCluster, affinitySd};
        const truth = truePairedDifference(scenario);
        const tally = PAIRED_METHODS.map(() => ({cover: 0, high: 0, low: 0, width: 0}));
        for (let d = 0; d < options.datasets; ++d) {
          const sample = samplePaired(scenario, pairedStream(options.seed, cellIndex, d));
          const intervals = [
            pairedDifference(sample.x, sample.y),
            pairedDifference(sample.x, sample.y, {clusters: sample.clusters}),
            pairedDifference(sample.x, sample.y, {clusters: sample.clusters, clusterCorrection: "cr1"})
          ];
          intervals.forEach((ci, k) => {
            const t = tally[k];
            if (ci.lower > truth) ++t.high;
            else if (ci.upper < truth) ++t.low;
            else ++t.cover;
            t.width += ci.upper - ci.lower;
          });
        }
        PAIRED_METHODS.forEach((method, k) => {
          const t = tally[k];
          const coverage = t.cover / options.datasets;
          const cell: PairedCell = {
            clusters,
            perCluster,
            affinitySd,
            method,
            truth,
            datasets: options.datasets,
            coverage,
            mcse: Math.sqrt((coverage * (1 - coverage)) / options.datasets),
            missHigh: t.high / options.datasets,
            missLow: t.low / options.datasets,
            meanWidth: t.width / options.datasets
          };
          cells.push(cell);
          options.onCell?.(cell);
        });
        ++cellIndex;
      }
    }
  }
  return cells;
}
