// The example "new benchmark" of BenchBench (examples/my_bench.csv): the page's default upload.
import {readFileSync} from "node:fs";
import {dataPath} from "../../loaders/data-dir.js";

process.stdout.write(readFileSync(dataPath("bat", "example_my_bench.csv"), "utf8"));
