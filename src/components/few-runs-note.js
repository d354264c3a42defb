import {html} from "npm:htl";

/**
 * The run counts below which the coverage study (page "Do the intervals cover?", data/coverage/coverage.json)
 * measured a 95% stratified-bootstrap interval falling short of its level: the default (`auto`, per statistic
 * the best-measured method), the expanded and the studentized interval need 5 runs per task, the percentile
 * interval (rliable's) and the other arch methods 10 or more. The median of task means is flagged at any run
 * count (see {@link MEDIAN_NOTE}).
 */
export const RUNS_NEEDED = {auto: 5, expanded: 5, studentized: 5, percentile: 10, basic: 10, bc: 10, bca: 10, norm: 10};

/**
 * The warning for an interval on the median of task means: with few skewed runs per task that estimate is
 * biased by about its own standard error and the bootstrap does not see the bias, so no interval method
 * reached 95% in the coverage study (page "Do the intervals cover?", section on the median).
 */
export const MEDIAN_NOTE =
  "The median's interval is a rough guide only: with few runs per task the median of task means is biased (low on skewed scores) by about its own standard error, and in the coverage study no interval method kept a 95% promise for it. Prefer the IQM.";

/**
 * The warning that goes next to an interval figure, in words: `null` when every algorithm has enough runs
 * per task for `method` (see {@link RUNS_NEEDED}), otherwise a paragraph naming the run count and what the
 * study measured. `runCounts` maps each algorithm to its (smallest) number of runs per task.
 *
 * @example fewRunsText({DER: 3}, "percentile") // "Built from 3 runs per task (DER): …"
 */
export function fewRunsText(runCounts, method = "auto") {
  const entries = Object.entries(runCounts ?? {}).filter(([, n]) => Number.isFinite(n));
  if (!entries.length) return null;
  const needed = RUNS_NEEDED[method] ?? 10;
  const short = entries.filter(([, n]) => n < needed);
  if (!short.length) return null;
  const fewest = Math.min(...short.map(([, n]) => n));
  const who = short.length === entries.length ? "" : ` (${short.map(([a, n]) => `${a}: ${n}`).join(", ")})`;
  const expected =
    method === "auto" || method === "expanded" || method === "studentized"
      ? `the coverage study measured the ${method === "auto" ? "default" : method} 95% interval short of 95% in some settings with 3 runs per task (down to about 85–90% on the most skewed scores), against close to 95% from 5 runs on`
      : `the coverage study measured ${method} 95% intervals at about 80–90% coverage with 3–5 runs per task; the default (auto) comes closer to 95%`;
  return `Built from ${fewest} run${fewest === 1 ? "" : "s"} per task${who}, fewer than the ${needed} this interval needs to keep its level: ${expected}. Read these bars as narrower than their label says.`;
}

/**
 * The warning for an interval on the mean: on strongly skewed scores the mean's default (expanded)
 * interval stayed below 95% in the coverage study even with 10 runs per task, the truth lying above the
 * interval more often than below (a mean of a few log-normal runs is usually below its expectation).
 */
export const MEAN_NOTE =
  "On strongly skewed scores the mean's interval misses more often than it says even with 10 runs per task, mostly by lying below the true mean; the IQM's interval keeps its level better.";

/**
 * Runs per task from which the optimality gap's default (expanded) interval kept its level in every cell
 * of the coverage study; with 5 runs of strongly skewed scores on 5 tasks it still fell short, the truth
 * lying above the interval (a gap below 1 is driven by the low runs a few-run mean underweights).
 */
export const OPTIMALITY_GAP_RUNS = 10;

/** The warning for an interval on the optimality gap built from fewer than {@link OPTIMALITY_GAP_RUNS} runs per task. */
export const OPTIMALITY_GAP_NOTE =
  `With fewer than ${OPTIMALITY_GAP_RUNS} runs per task on strongly skewed scores, the optimality gap's interval missed more often than it says in the coverage study.`;

/**
 * {@link fewRunsText} as a warning paragraph for a page, or an empty string when there is nothing to say.
 *
 * With `{median: true}` (the figure shows a median of task means) it adds {@link MEDIAN_NOTE}, with
 * `{mean: true}` {@link MEAN_NOTE}, whatever the run count; with `{optimalityGap: true}`
 * {@link OPTIMALITY_GAP_NOTE} when some algorithm has fewer than {@link OPTIMALITY_GAP_RUNS} runs per task.
 *
 * @example display(fewRunsNote({TDMPC2: 3}, "auto", {median: true, mean: true, optimalityGap: true}))
 */
export function fewRunsNote(runCounts, method = "auto", {median = false, mean = false, optimalityGap = false} = {}) {
  const counts = Object.values(runCounts ?? {}).filter((n) => Number.isFinite(n));
  const gapShort = optimalityGap && counts.some((n) => n < OPTIMALITY_GAP_RUNS);
  const text = [fewRunsText(runCounts, method), median ? MEDIAN_NOTE : null, mean ? MEAN_NOTE : null, gapShort ? OPTIMALITY_GAP_NOTE : null].filter(Boolean).join(" ");
  return text ? html`<p class="warning" style="border-left: 3px solid #d6604d; padding-left: 0.6em;"><small>⚠ ${text} See <a href="./coverage">Do the intervals cover?</a></small></p>` : "";
}
