import {BenchstatsError} from "../core/errors.js";
import {matrixColumns, type MatrixColumns, type ScoreMatrix} from "./matrix.js";

/**
 * Probability of improvement P(X > Y): the average over tasks of the probability that a random run of
 * X scores higher than a random run of Y on that task, ties counting ½:
 * P_t = (#{(i, j): x_i > y_j} + ½ #{x_i = y_j}) / (n_x n_y) = U_t / (n_x n_y), the Mann-Whitney U
 * statistic of the task normalised; P(X > Y) = (1/T) Σ_t P_t. A task where X's and Y's run vectors are
 * identical gives exactly ½.
 *
 * rliable's `probability_of_improvement` (scipy `mannwhitneyu(x, y, alternative="greater").statistic`);
 * missing runs (NaN) are left out of each task's counts. X and Y may have different run counts but must
 * have the same tasks. P(X > Y) + P(Y > X) = 1.
 *
 * @example probabilityOfImprovement([[1], [3]], [[2], [2]]); // (1 + 0) / 4 + … = 0.5
 */
export function probabilityOfImprovement(scoresX: ScoreMatrix, scoresY: ScoreMatrix): number {
  const per = perTask(scoresX, scoresY);
  let s = 0;
  for (let t = 0; t < per.length; ++t) s += per[t];
  return s / per.length;
}

/**
 * The per-task probabilities P_t of {@link probabilityOfImprovement}, one per task.
 *
 * @example probabilityOfImprovementPerTask([[1, 5]], [[0, 5]]); // [1, 0.5]
 */
export function probabilityOfImprovementPerTask(scoresX: ScoreMatrix, scoresY: ScoreMatrix): number[] {
  return Array.from(perTask(scoresX, scoresY));
}

function perTask(scoresX: ScoreMatrix, scoresY: ScoreMatrix): Float64Array {
  const x = matrixColumns(scoresX, "scoresX");
  const y = matrixColumns(scoresY, "scoresY");
  if (x.tasks !== y.tasks) {
    throw new BenchstatsError("shape", `probabilityOfImprovement: scoresX has ${x.tasks} tasks but scoresY has ${y.tasks}; both must be runs × tasks over the same tasks`);
  }
  const out = new Float64Array(x.tasks);
  for (let t = 0; t < x.tasks; ++t) out[t] = taskProbability(x, y, t);
  return out;
}

function taskProbability(x: MatrixColumns, y: MatrixColumns, t: number): number {
  const x0 = x.offsets[t];
  const nx = x.offsets[t + 1] - x0;
  const y0 = y.offsets[t];
  const ny = y.offsets[t + 1] - y0;
  if (nx === ny) {
    let same = true;
    for (let i = 0; i < nx && same; ++i) same = x.values[x0 + i] === y.values[y0 + i];
    if (same) return 0.5;
  }
  let greater = 0;
  let ties = 0;
  for (let i = 0; i < nx; ++i) {
    const xi = x.values[x0 + i];
    for (let j = 0; j < ny; ++j) {
      const yj = y.values[y0 + j];
      if (xi > yj) ++greater;
      else if (xi === yj) ++ties;
    }
  }
  return (greater + 0.5 * ties) / (nx * ny);
}
