// The generic path of a bootstrap block: any statistic, called on each materialised resample (one
// runs × tasks matrix per sample and layer, buffers reused across replicates). It draws the same
// indices as the counting paths, and the plain aggregates sum in their order, so a built-in statistic
// gives the same bits on either path (the forceGeneric tests compare them).
import type {IndexStream} from "../../bootstrap/index-stream.js";
import {BenchstatsError} from "../../core/errors.js";
import {drawTasks, evaluate, maxTaskRuns, type BootstrapPlan, type PlanEntry} from "./plan.js";

/** `reps` replicates of the entry's statistics, output-major into `out` (see runBootstrapBlock). */
export function genericBlock(plan: BootstrapPlan, entry: PlanEntry, stream: IndexStream, reps: number, out: Float64Array): void {
  const {samples} = entry;
  const tasks = samples[0].tasks;
  const layers = plan.layers;
  const perLayer = plan.outputsPerLayer;
  const rowsOf = samples.map(maxTaskRuns);
  // matrices[layer][sample]: reused runs × tasks buffers.
  const matrices: number[][][][] = [];
  for (let l = 0; l < layers; ++l) {
    matrices.push(samples.map((_, s) => Array.from({length: rowsOf[s]}, () => new Array<number>(tasks).fill(NaN))));
  }
  const idx = new Int32Array(rowsOf.reduce((a, b) => Math.max(a, b), 1));
  const sel = Int32Array.from({length: tasks}, (_, t) => t);
  const where = `a bootstrap resample of scores["${entry.key}"]`;
  for (let rep = 0; rep < reps; ++rep) {
    drawTasks(plan, stream, sel, tasks);
    for (let t = 0; t < tasks; ++t) {
      const m = sel[t];
      for (let s = 0; s < samples.length; ++s) {
        const sample = samples[s];
        const off = sample.offsets[m];
        const n = sample.offsets[m + 1] - off;
        const cells = sample.offsets[sample.tasks];
        if (!plan.perCell) stream.fill(idx, n, n);
        for (let l = 0; l < layers; ++l) {
          if (plan.perCell) stream.fill(idx, n, n);
          const mat = matrices[l][s];
          const base = l * cells + off;
          for (let j = 0; j < n; ++j) mat[j][t] = sample.values[base + idx[j]];
          for (let j = n; j < rowsOf[s]; ++j) mat[j][t] = NaN;
        }
      }
    }
    for (let l = 0; l < layers; ++l) {
      const values = evaluate(plan.statistics, plan.generic, matrices[l], where);
      if (values.length !== perLayer) {
        throw new BenchstatsError("statistic", `the statistic returned ${values.length} values on ${where} but ${perLayer} on the original scores; it must return as many values for every resample`);
      }
      for (let k = 0; k < perLayer; ++k) out[(l * perLayer + k) * reps + rep] = values[k];
    }
  }
}
