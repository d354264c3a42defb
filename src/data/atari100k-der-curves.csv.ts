// DER's ten evaluations during training (human-normalised) as a tidy runs table, for the sample-efficiency curve.
import {dataPath} from "../../loaders/data-dir.js";
import {derCurveRuns, runsToCsv} from "./atari100k.js";

process.stdout.write(runsToCsv(derCurveRuns(dataPath("rl", "atari100k"))));
