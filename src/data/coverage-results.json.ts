// The coverage study's results (precomputed by bench/coverage.bench.ts and committed under data/coverage/),
// passed to the page as one JSON: the rl part's fields at the top, the paired-difference and "other" parts
// (ratings, ranks, correlations, curve bands) under `paired` and `other`.
import {readFileSync} from "node:fs";
import {dataPath} from "../../loaders/data-dir.js";

const read = (file: string) => JSON.parse(readFileSync(dataPath("coverage", file), "utf8"));
process.stdout.write(JSON.stringify({...read("coverage.json"), paired: read("paired-coverage.json"), other: read("other-coverage.json")}));
