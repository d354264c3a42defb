// The coverage study's paired-difference intervals (precomputed by bench/coverage.bench.ts --part paired and
// committed under data/coverage/), passed through so that the claims report loads them with FileAttachment.
import {readFileSync} from "node:fs";
import {dataPath} from "../../loaders/data-dir.js";

process.stdout.write(readFileSync(dataPath("coverage", "paired-coverage.json"), "utf8"));
