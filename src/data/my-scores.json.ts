// The data of the README's "Write your own analysis page" example (src/my-agents.md): Atari 100k scores of
// two bundled agents, DER and SPR, human-normalised, as {agent: runs × games} — the shape rliable's
// functions take. Replace it with your own loader or file at src/data/my-scores.json.
import {readFileSync} from "node:fs";
import {dataPath} from "../../loaders/data-dir.js";
import {readReference} from "../../loaders/reference.js";

const reference = await readReference(dataPath("rl", "atari100k", "atari100k_reference_scores.csv"));
const scores: Record<string, number[][]> = {};
for (const agent of ["DER", "SPR"]) {
  const runs = JSON.parse(readFileSync(dataPath("rl", "atari100k", `${agent}.json`), "utf8")) as Record<string, number[]>;
  const games = Object.keys(runs).filter((game) => game in reference).sort();
  const nRuns = Math.max(...games.map((game) => runs[game].length));
  scores[agent] = Array.from({length: nRuns}, (_, r) =>
    games.map((game) => {
      const {min, max} = reference[game];
      const value = runs[game][r];
      return value === undefined ? NaN : (value - min) / (max - min);
    })
  );
}
process.stdout.write(JSON.stringify(scores));
