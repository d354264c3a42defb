// Final human-normalised scores of the Atari 100k agents as a tidy runs table (see ./atari100k.ts).
import {dataPath} from "../../loaders/data-dir.js";
import {atari100kRuns, runsToCsv} from "./atari100k.js";

process.stdout.write(runsToCsv(atari100kRuns(dataPath("rl", "atari100k"))));
