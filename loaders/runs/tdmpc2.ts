/**
 * What the TD-MPC2 results (data/runs/tdmpc2, Hansen, Su & Wang, ICLR 2024) mean beyond their columns:
 * the benchmark suite of a task name, and the 0–1 scale that lets tasks of all suites be averaged.
 * The file itself is the long run CSV (`readRuns`, loaders/runs/long-csv.ts).
 */

/** The four state-based algorithms evaluated on all 104 tasks (tdmpc2-pixels covers only 12 DMControl tasks). */
export const TDMPC2_STATE_ALGORITHMS: readonly string[] = ["tdmpc2", "tdmpc", "sac", "dreamerv3"];

/**
 * Benchmark suite of a TD-MPC2 task name (prefix conventions of the tdmpc2 repository's task list).
 *
 * @example
 * tdmpc2Suite("mw-assembly") // "Meta-World"
 */
export function tdmpc2Suite(task: string): string {
  if (task.startsWith("mw-")) return "Meta-World";
  if (task.startsWith("myo-")) return "MyoSuite";
  if (/^(lift|pick|stack|turn)-/.test(task)) return "ManiSkill2";
  return "DMControl";
}

/**
 * Score on a 0–1 scale shared by all suites, so that tasks can be averaged across suites: DMControl episode
 * return / 1000 (its maximum); the other suites' success rate is already a fraction in [0, 1] in the results
 * files (max 1.0 over all 20,506 success rows, although data/runs/SOURCE.md's upstream note says "%").
 * Any other metric has no such scale: NaN.
 *
 * @example
 * tdmpc2NormalizedScore("reward", 850) // 0.85;  tdmpc2NormalizedScore("success", 0.4) // 0.4
 */
export function tdmpc2NormalizedScore(metric: string, value: number): number {
  return metric === "reward" ? value / 1000 : metric === "success" ? value : NaN;
}
