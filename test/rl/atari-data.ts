// Loads the Atari 100k fixtures (test/fixtures/rl, copied from shared/data/rl) as human-normalised
// runs × games matrices, the way the rliable colab builds them. Plain code, independent of lib/rl.
import {readFileSync} from "node:fs";
import {fileURLToPath} from "node:url";

const dir = fileURLToPath(new URL("../fixtures/rl/", import.meta.url));

export const AGENTS = ["CURL", "DrQ", "DrQ(ε)", "DER", "SimPLe", "OTR", "SPR"] as const;
const FILES: Record<string, string> = {DrQ: "DrQ.json", "DrQ(ε)": "DrQ_eps.json", DER: "DER.json", SimPLe: "SimPLe.json", OTR: "OTRainbow.json", SPR: "SPR.json"};

export function readFixture(name: string): string {
  return readFileSync(dir + name, "utf8");
}

export function referenceTable(): {games: string[]; random: number[]; human: number[]} {
  const lines = readFixture("atari100k_reference_scores.csv").trim().split("\n").slice(1);
  const rows = lines.map((l) => l.split(","));
  return {games: rows.map((r) => r[0]), random: rows.map((r) => Number(r[1])), human: rows.map((r) => Number(r[2]))};
}

/** Human-normalised runs × games matrices for the seven agents (all runs, or the first `runs`). */
export function atariMatrices(runs = Infinity): Record<string, number[][]> {
  const {games, random, human} = referenceTable();
  const out: Record<string, number[][]> = {};
  for (const agent of AGENTS) {
    if (agent === "CURL") {
      const records = JSON.parse(readFixture("CURL_10_evals.json")) as {game: string; seed: number; HNS: number}[];
      const byGame = games.map((g) => records.filter((r) => r.game === g).sort((a, b) => a.seed - b.seed).map((r) => r.HNS));
      out[agent] = transpose(byGame, runs);
    } else {
      const raw = JSON.parse(readFixture(FILES[agent])) as Record<string, number[]>;
      const byGame = games.map((g, j) => raw[g].map((s) => (s - random[j]) / (human[j] - random[j])));
      out[agent] = transpose(byGame, runs);
    }
  }
  return out;
}

function transpose(byGame: number[][], runs: number): number[][] {
  const n = Math.min(runs, byGame[0].length);
  return Array.from({length: n}, (_, r) => byGame.map((col) => col[r]));
}

/** DER's evaluations during training: runs × games × 10 checkpoints, human-normalised. */
export function derCurves(): number[][][] {
  const {games, random, human} = referenceTable();
  const lines = readFixture("DER_10_evals.csv").trim().split("\n").slice(1);
  const out: number[][][] = Array.from({length: 100}, () => games.map(() => new Array<number>(10).fill(NaN)));
  for (const line of lines) {
    const [game, run, iteration, value] = line.split(",");
    const j = games.indexOf(game);
    out[Number(run) - 1][j][Number(iteration)] = (Number(value) - random[j]) / (human[j] - random[j]);
  }
  return out;
}
