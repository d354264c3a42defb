// Final human-normalised scores of the Atari 100k agents as a tidy runs table, in Parquet (loaders/runs/atari100k.ts).
import {dataPath} from "../../loaders/data-dir.js";
import {atari100kRuns} from "../../loaders/runs/atari100k.js";
import {writeTable} from "../../loaders/tidy/write.js";

await writeTable(await atari100kRuns(dataPath("rl", "atari100k")), "-", "parquet");
