// `benchstats poi`: probability of improvement P(X > Y) between algorithms, with bootstrap intervals.
import {REPS} from "../../lib/bootstrap/index.js";
import {BenchstatsError, intervalEstimates, probabilityOfImprovement, type IntervalMethod} from "../../lib/index.js";
import {DEFAULT_INTERVAL_METHOD, INTERVAL_METHODS} from "../../lib/engine.js";
import {choiceOption, intOption, numberOption, seedOption, stringOption, UsageError} from "../args.js";
import type {Command} from "../command.js";
import type {OutputRow} from "../output.js";
import {loadScoreMatrices, RUNS_HELP, RUNS_OPTIONS} from "../runs-input.js";

export const poi: Command = {
  name: "poi",
  summary: "probability of improvement P(X > Y) between algorithms, with bootstrap intervals",
  help: `Usage: benchstats poi <runs...> [--versus A | --pairs X:Y,…] [--reps N] [--seed S]

rliable's probability of improvement: per task the Mann-Whitney probability that a run of X beats a
run of Y (ties count ½; identical run vectors give 0.5), averaged over tasks. X's and Y's runs are
resampled independently (rliable's StratifiedIndependentBootstrap). X and Y need the same tasks.

  --versus A       compare A with every other algorithm (P(A > other))
  --pairs L        explicit pairs X:Y, comma-separated (default: every pair, in input order)
  --method M       ${INTERVAL_METHODS.join(", ")} (default ${DEFAULT_INTERVAL_METHOD}; percentile is rliable's)
  --reps N         bootstrap replicates (default ${REPS.curves})
  --confidence C   interval level (default 0.95)

${RUNS_HELP}

Output: one row per pair: x, y, point (P(x > y)), lower, upper.`,
  options: {
    versus: {type: "string"},
    pairs: {type: "string"},
    method: {type: "string"},
    reps: {type: "string"},
    confidence: {type: "string"},
    ...RUNS_OPTIONS
  },
  async run({values, positionals, progress, note}) {
    if (!positionals.length) throw new UsageError("poi needs at least one runs file");
    const method: IntervalMethod = choiceOption(values, "method", INTERVAL_METHODS, DEFAULT_INTERVAL_METHOD);
    const reps = intOption(values, "reps", REPS.curves, 2);
    const {algorithms, matrices} = await loadScoreMatrices(positionals, values);
    const known = (name: string, field: string) => {
      if (!algorithms.includes(name)) throw new BenchstatsError("option", `algorithm "${name}" not in the input (has ${algorithms.join(", ")})`, {field});
      return name;
    };
    let pairs: [string, string][];
    const versus = stringOption(values, "versus");
    const pairText = stringOption(values, "pairs");
    if (versus && pairText) throw new UsageError("give --versus or --pairs, not both");
    if (versus) pairs = algorithms.filter((a) => a !== known(versus, "--versus")).map((a) => [versus, a]);
    else if (pairText) {
      pairs = pairText.split(",").map((p) => {
        const [x, y, extra] = p.split(":").map((s) => s.trim());
        if (!x || !y || extra !== undefined) throw new BenchstatsError("option", `expected pairs X:Y, got "${p}"`, {field: "--pairs"});
        return [known(x, "--pairs"), known(y, "--pairs")];
      });
    } else pairs = algorithms.flatMap((x, i) => algorithms.slice(i + 1).map((y) => [x, y] as [string, string]));
    if (!pairs.length) throw new BenchstatsError("option", "need at least two algorithms to compare", {file: positionals.join(", ")});
    // Keys are indices: algorithm names may contain any character.
    const dict = Object.fromEntries(pairs.map(([x, y], i) => [String(i), [matrices[x], matrices[y]] as [number[][], number[][]]]));
    note(`${pairs.length} pair(s), ${reps} replicates each`);
    const bar = progress("bootstrap");
    const result = intervalEstimates(dict, probabilityOfImprovement, {
      reps,
      method,
      confidence: numberOption(values, "confidence", 0.95, 0, 1),
      seed: seedOption(values),
      onProgress: bar.update,
      onWarning: (message, key) => note(`warning (${pairs[Number(key)].join(" vs ")}): ${message}`)
    });
    bar.end();
    return pairs.map(([x, y], i): OutputRow => ({x, y, point: result[i].point[0], lower: result[i].lower[0], upper: result[i].upper[0]}));
  }
};
