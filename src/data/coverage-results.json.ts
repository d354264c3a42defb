// The coverage study's results (precomputed by bench/coverage.bench.ts and committed under data/coverage/),
// passed to the page as one JSON: the rl part's fields at the top, the paired-difference and "other" parts
// (ratings, ranks, correlations, curve bands) under `paired` and `other`.
//
// The rl part gains the cells of the default method "auto": for each statistic, a copy of the cells of the
// method `AUTO_INTERVAL_METHODS` picks for it (field `chosen`), so the page reads the default's coverage
// from the same table the library uses. The study's "studentized" cells already fall back to "expanded"
// where the bootstrap-t is undefined, as "auto" does.
import {readFileSync} from "node:fs";
import {AUTO_INTERVAL_METHODS} from "../../lib/engine.js";
import {dataPath} from "../../loaders/data-dir.js";

const read = (file: string) => JSON.parse(readFileSync(dataPath("coverage", file), "utf8"));
const KIND: Record<string, keyof typeof AUTO_INTERVAL_METHODS> = {
  IQM: "iqm",
  mean: "mean",
  median: "median",
  "optimality gap": "optimalityGap",
  "P(X > Y)": "probabilityOfImprovement"
};
type Cell = {statistic: string; method: string; [k: string]: unknown};
const rl = read("coverage.json");
const chosen = (statistic: string) => AUTO_INTERVAL_METHODS[KIND[statistic] ?? "other"];
const auto = (rl.cells as Cell[]).filter((d) => d.method === chosen(d.statistic)).map((d) => ({...d, method: "auto", chosen: d.method}));
process.stdout.write(
  JSON.stringify({
    ...rl,
    settings: {...rl.settings, methods: ["auto", ...rl.settings.methods]},
    cells: [...auto, ...rl.cells],
    paired: read("paired-coverage.json"),
    other: read("other-coverage.json")
  })
);
