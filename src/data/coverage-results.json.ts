// The coverage study's results (precomputed by bench/coverage.bench.ts and committed under data/coverage/),
// passed through so that the page loads them with FileAttachment.
import {readFileSync} from "node:fs";
import {dataPath} from "../../loaders/data-dir.js";

process.stdout.write(readFileSync(dataPath("coverage", "coverage.json"), "utf8"));
