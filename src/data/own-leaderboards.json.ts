// The leaderboards of the data folder (BENCHSTATS_DATA, or the bundled data/) as systems × tasks tables, for
// the "Write your own analysis page" report's rankings; files that could not be read are listed with why.
import {dataDir} from "../../loaders/data-dir.js";
import {discoverData} from "../../loaders/discover.js";
import {readLeaderboards} from "../../loaders/leaderboards.js";

const root = dataDir();
process.stdout.write(JSON.stringify(await readLeaderboards(root, await discoverData(root))));
