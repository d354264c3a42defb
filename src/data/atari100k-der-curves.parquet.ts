// DER's ten evaluations during training (human-normalised) as a tidy runs table in Parquet, for the sample-efficiency curve.
import {dataPath} from "../../loaders/data-dir.js";
import {derCurveRuns} from "../../loaders/runs/atari100k.js";
import {writeTable} from "../../loaders/tidy/write.js";

await writeTable(await derCurveRuns(dataPath("rl", "atari100k")), "-", "parquet");
