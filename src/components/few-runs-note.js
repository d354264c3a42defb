import {html} from "npm:htl";

/**
 * The run counts below which the coverage study (page "Do the intervals cover?", data/coverage/coverage.json)
 * measured a 95% stratified-bootstrap interval falling short of its level: the expanded interval (the
 * default) needs 5 runs per task, the percentile interval (rliable's) and the other arch methods 10 or more.
 */
export const RUNS_NEEDED = {expanded: 5, percentile: 10, basic: 10, bc: 10, bca: 10, norm: 10};

/**
 * The warning that goes next to an interval figure, in words: `null` when every algorithm has enough runs
 * per task for `method` (see {@link RUNS_NEEDED}), otherwise a paragraph naming the run count and what the
 * study measured. `runCounts` maps each algorithm to its (smallest) number of runs per task.
 *
 * @example fewRunsText({DER: 3}, "percentile") // "Built from 3 runs per task (DER): …"
 */
export function fewRunsText(runCounts, method = "expanded") {
  const entries = Object.entries(runCounts ?? {}).filter(([, n]) => Number.isFinite(n));
  if (!entries.length) return null;
  const needed = RUNS_NEEDED[method] ?? 10;
  const short = entries.filter(([, n]) => n < needed);
  if (!short.length) return null;
  const fewest = Math.min(...short.map(([, n]) => n));
  const who = short.length === entries.length ? "" : ` (${short.map(([a, n]) => `${a}: ${n}`).join(", ")})`;
  const expected =
    method === "expanded"
      ? "the coverage study measured the default (expanded) 95% interval at about 91–93% coverage for IQM, mean and optimality gap with 3 runs per task (85% in the worst cells), against about 95% for IQM and optimality gap from 5 runs on"
      : `the coverage study measured ${method} 95% intervals at about 80–90% coverage with 3–5 runs per task; the expanded interval (the default) comes closer to 95%`;
  return `Built from ${fewest} run${fewest === 1 ? "" : "s"} per task${who}, fewer than the ${needed} this interval needs to keep its level: ${expected}. Read these bars as narrower than their label says.`;
}

/**
 * {@link fewRunsText} as a warning paragraph for a page, or an empty string when there is nothing to say.
 *
 * @example display(fewRunsNote({TDMPC2: 3}, "expanded"))
 */
export function fewRunsNote(runCounts, method = "expanded") {
  const text = fewRunsText(runCounts, method);
  return text ? html`<p class="warning" style="border-left: 3px solid #d6604d; padding-left: 0.6em;"><small>⚠ ${text} See <a href="./coverage">Do the intervals cover?</a></small></p>` : "";
}
