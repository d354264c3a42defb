import {mkdtempSync, readFileSync, writeFileSync, copyFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {describe, expect, it} from "vitest";
import {BenchstatsError} from "../../lib/core/errors.js";
import {bundledDataDir} from "../../loaders/data-dir.js";
import {ATARI100K_AGENTS, atari100kRuns, derCurveRuns, readAtariReference} from "../../loaders/runs/atari100k.js";
import type {RunRow} from "../../loaders/tidy/rows.js";

const dir = join(bundledDataDir, "rl", "atari100k");
const runs = (await atari100kRuns(dir)).rows();

function perTaskMeans(rows: RunRow[]): number[] {
  const sums = new Map<string, number[]>();
  for (const r of rows) (sums.get(r.task) ?? sums.set(r.task, []).get(r.task)!).push(r.value);
  return [...sums.values()].map((v) => v.reduce((a, b) => a + b, 0) / v.length);
}
const median = (v: number[]) => {
  const s = [...v].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

function scratchCopy(): string {
  const scratch = mkdtempSync(join(tmpdir(), "atari100k-"));
  for (const f of ["atari100k_reference_scores.csv", "DER.json", "DER_10_evals.csv"]) copyFileSync(join(dir, f), join(scratch, f));
  return scratch;
}

async function thrown(fn: () => Promise<unknown>): Promise<BenchstatsError> {
  try {
    await fn();
  } catch (error) {
    expect(error).toBeInstanceOf(BenchstatsError);
    return error as BenchstatsError;
  }
  throw new Error("expected a BenchstatsError");
}

describe("atari100kRuns(dir)", () => {
  it("gives one tidy row per agent, game and run with the bucket's run counts", () => {
    const counts = new Map<string, number>();
    for (const r of runs) counts.set(r.algorithm, (counts.get(r.algorithm) ?? 0) + 1);
    expect(Object.fromEntries(counts)).toEqual({
      CURL: 2600, DER: 2600, DrQ: 2600, "DrQ(ε)": 2600, OTR: 2600, SimPLe: 130, SPR: 2600, PlayVirtual: 390
    });
    expect(Object.keys(runs[0]).sort()).toEqual(["algorithm", "experiment", "metric", "seed", "step", "task", "value"]);
    expect(new Set(runs.map((r) => r.task)).size).toBe(26);
    expect(runs.every((r) => Number.isFinite(r.value) && r.metric === "human_normalized_score")).toBe(true);
  });

  it("human-normalises to the rliable colab's printed SPR median and mean (1e-12)", () => {
    // Colab cell "Load all score dicts", all 100 runs; median/mean over per-task run means.
    const means = perTaskMeans(runs.filter((r) => r.algorithm === "SPR"));
    expect(median(means)).toBeCloseTo(0.39562938291779215, 12);
    expect(means.reduce((a, b) => a + b, 0) / means.length).toBeCloseTo(0.6157957428691673, 12);
  });

  it("keeps raw scores recoverable: (value·(human − random) + random) equals the file's score", async () => {
    const reference = await readAtariReference(dir);
    const raw = JSON.parse(readFileSync(join(dir, "SPR.json"), "utf8")) as Record<string, number[]>;
    const pong = runs.filter((r) => r.algorithm === "SPR" && r.task === "Pong");
    const {min: random, max: human} = reference.Pong;
    pong.forEach((r, i) => expect(r.value * (human - random) + random).toBeCloseTo(raw.Pong[i], 9));
    expect(pong.map((r) => r.seed)).toEqual(raw.Pong.map((_, i) => String(i + 1)));
  });

  it("keeps CURL's already-normalised HNS in seed order", () => {
    const curl = JSON.parse(readFileSync(join(dir, "CURL_10_evals.json"), "utf8")) as {game: string; seed: number; HNS: number}[];
    const alien = curl.filter((r) => r.game === "Alien").sort((a, b) => a.seed - b.seed).map((r) => r.HNS);
    expect(runs.filter((r) => r.algorithm === "CURL" && r.task === "Alien").map((r) => r.value)).toEqual(alien);
  });

  it("lists the paper's seven agents plus PlayVirtual as an extra", () => {
    expect(ATARI100K_AGENTS.filter((a) => a.inPaper).map((a) => a.algorithm)).toEqual(["CURL", "DER", "DrQ", "DrQ(ε)", "OTR", "SimPLe", "SPR"]);
  });
});

describe("derCurveRuns(dir)", async () => {
  const curves = (await derCurveRuns(dir)).rows();
  it("gives 26 games × 100 runs × 10 checkpoints at 10k..100k agent steps", () => {
    expect(curves.length).toBe(26_000);
    expect([...new Set(curves.map((r) => r.step))]).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((i) => i * 10_000));
  });
  it("ends at DER's final scores (iteration 9 = DER.json)", () => {
    const final = curves.filter((r) => r.step === 100_000);
    const der = runs.filter((r) => r.algorithm === "DER");
    // The CSV holds float32 reprs rounded to ~13 significant digits, the JSON full float32 values.
    expect(final.map((r) => [r.task, r.seed])).toEqual(der.map((r) => [r.task, r.seed]));
    final.forEach((r, i) => expect(r.value).toBeCloseTo(der[i].value, 9));
  });
});

// Each case reads real files through DuckDB, twice on the error path (to locate the bad cell): slow on a busy machine.
describe("atari100k readers on bad input", {timeout: 30_000}, () => {
  const reference = (scratch: string) => join(scratch, "atari100k_reference_scores.csv");

  it("names the file, line and field of a non-numeric reference score", async () => {
    const scratch = scratchCopy();
    writeFileSync(reference(scratch), "game,random,human\nAlien,227.8,7127.7\nPong,abc,14.6\n");
    const error = await thrown(() => readAtariReference(scratch));
    expect(error.code).toBe("value");
    expect(error.message).toMatch(/atari100k_reference_scores\.csv:3, min: expected a number .*got "abc"/);
  });

  it("rejects a reference table without a human column", async () => {
    const scratch = scratchCopy();
    writeFileSync(reference(scratch), "game,random\nAlien,227.8\n");
    expect((await thrown(() => readAtariReference(scratch))).message).toMatch(/atari100k_reference_scores\.csv:1: .*missing column\(s\) max/);
  });

  it("rejects equal human and random scores (division by zero), naming the line", async () => {
    const scratch = scratchCopy();
    writeFileSync(reference(scratch), "game,random,human\nPong,1,1\n");
    expect((await thrown(() => readAtariReference(scratch))).message).toMatch(/:2: .*"Pong".*divide by zero/);
  });

  it("names the file, game and run of a non-numeric score in an agent file", async () => {
    const scratch = scratchCopy();
    const der = JSON.parse(readFileSync(join(scratch, "DER.json"), "utf8"));
    der.Pong[3] = "abc";
    writeFileSync(join(scratch, "DER.json"), JSON.stringify(der));
    const error = await thrown(() => atari100kRuns(scratch, ATARI100K_AGENTS.filter((a) => a.algorithm === "DER")));
    expect(error.message).toMatch(/DER\.json, Pong\[3\]: expected a number .*got "abc"/);
  });

  it("reports a game missing from an agent file and a game unknown to the reference table", async () => {
    const scratch = scratchCopy();
    const der = JSON.parse(readFileSync(join(scratch, "DER.json"), "utf8"));
    delete der.Pong;
    writeFileSync(join(scratch, "DER.json"), JSON.stringify(der));
    const only = ATARI100K_AGENTS.filter((a) => a.algorithm === "DER");
    expect((await thrown(() => atari100kRuns(scratch, only))).message).toMatch(/no runs for game "Pong"/);
    der.Pong = [1];
    der.Pongg = [1];
    writeFileSync(join(scratch, "DER.json"), JSON.stringify(der));
    expect((await thrown(() => atari100kRuns(scratch, only))).code).toBe("unknown-task");
  });

  it("rejects invalid JSON with the file name", async () => {
    const scratch = scratchCopy();
    writeFileSync(join(scratch, "DER.json"), "{\"Pong\": [1, 2,");
    const error = await thrown(() => atari100kRuns(scratch, ATARI100K_AGENTS.filter((a) => a.algorithm === "DER")));
    expect(error.message).toContain("DER.json");
  });

  it("reports a DER curve with a missing iteration, and a repeated one at both of its lines", async () => {
    const scratch = scratchCopy();
    const lines = readFileSync(join(dir, "DER_10_evals.csv"), "utf8").trim().split(/\r?\n/);
    writeFileSync(join(scratch, "DER_10_evals.csv"), lines.filter((_, i) => i !== 5).join("\n") + "\n");
    expect((await thrown(() => derCurveRuns(scratch))).message).toMatch(/run 1 has 9 of the 10 iterations/);
    writeFileSync(join(scratch, "DER_10_evals.csv"), [...lines, lines[5]].join("\n") + "\n");
    const repeated = await thrown(() => derCurveRuns(scratch));
    expect(repeated.code).toBe("duplicate");
    expect(repeated.message).toMatch(new RegExp(`DER_10_evals\\.csv:${lines.length + 1}: two values for .* \\(also on line 6\\)`));
  });
});
