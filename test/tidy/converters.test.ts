// lib's converters read the columnar TidyTable directly and give what they give on row objects.
import {readFileSync} from "node:fs";
import {describe, expect, it} from "vitest";
import {bradleyTerry, groupSamples, onlineElo, runsToScoreCurves, runsToScoreMatrices, samplesToTop1, scoresToScoreMatrices} from "../../lib/index.js";
import {wideToSamples} from "../../lib/engine.js";
import {readTable} from "../../loaders/tidy/read.js";
import {TidyTable} from "../../loaders/tidy/table.js";
import {bundled} from "../loaders/helpers.js";
import {derCurveRuns} from "../../loaders/runs/atari100k.js";

describe("lib converters on columnar tables", () => {
  it("runsToScoreMatrices and runsToScoreCurves: the same matrices from a TidyTable as from its rows (DER's Atari 100k curves)", async () => {
    const table = await derCurveRuns(bundled("rl", "atari100k"));
    const rows = table.rows();
    expect(runsToScoreMatrices(table)).toEqual(runsToScoreMatrices(rows));
    expect(runsToScoreMatrices(table, {step: 50_000})).toEqual(runsToScoreMatrices(rows, {step: 50_000}));
    const curves = runsToScoreCurves(table);
    expect(curves).toEqual(runsToScoreCurves(rows));
    expect(curves.steps).toHaveLength(10);
    expect(curves.curves.DER).toHaveLength(100);
  });

  it("runsToScoreMatrices: the same located error from both forms on TD-MPC2's repeated log rows", async () => {
    const table = await readTable(bundled("runs", "tdmpc2", "tdmpc2_results_long.csv"), "runs");
    const rows = table.rows() as never;
    const error = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        return e as Error;
      }
      throw new Error("expected an error");
    };
    const fromTable = error(() => runsToScoreMatrices(table, {metric: "reward"}));
    expect(fromTable.message).toMatch(/a second value for algorithm "tdmpc", task "pendulum-swingup", seed 3, step 3000000 \(first at row 32108\)/);
    expect(error(() => runsToScoreMatrices(rows, {metric: "reward"})).message).toBe(fromTable.message);
  });

  it("groupSamples and samplesToTop1: identical groups from columns and rows (ChemBench items)", () => {
    const text = readFileSync(bundled("samples", "chembench", "chembench_models_x_items.csv"), "utf8").trim().split("\n");
    const header = text[0].split(",");
    const wide = text.slice(1).map((line) => Object.fromEntries(line.split(",").map((cell, j) => [header[j], j === 0 ? cell : cell === "" ? NaN : Number(cell)])));
    const rows = wideToSamples(wide, {benchmark: "chembench"});
    const table = TidyTable.fromRows("samples", rows);
    expect(groupSamples(table)).toEqual(groupSamples(rows));
    expect(samplesToTop1(table)).toEqual(samplesToTop1(rows));
    // Row order decides first-seen order, not the dictionary order: reversed labels give the same groups.
    const model = table.labels("model");
    const reversed = [...model.labels].reverse();
    const recoded = new TidyTable("samples", table.length, {...table.columns, model: {codes: Uint16Array.from(model.codes, (c) => model.labels.length - 1 - c), labels: reversed}});
    expect(groupSamples(recoded)).toEqual(groupSamples(rows));
  });

  it("bradleyTerry and onlineElo: the same ratings from a TidyTable as from rows (Chatbot Arena human votes)", async () => {
    const path = bundled("battles", "chatbot_arena_20models.csv");
    const raw = await readTable(path, "battles", {rename: {winner_human: "winner"}, checkValues: false});
    const verdict: Record<string, string> = {model_a: "a", model_b: "b", tie: "tie", "tie (bothbad)": "tie"};
    const rows = raw.rows().map((r) => ({model_a: String(r.model_a), model_b: String(r.model_b), winner: verdict[String(r.winner)] as "a" | "b" | "tie"}));
    const table = TidyTable.fromRows("battles", rows);
    expect(bradleyTerry(table, {reps: 0})).toEqual(bradleyTerry(rows, {reps: 0}));
    expect(onlineElo(table)).toEqual(onlineElo(rows));
  });

  it("scoresToScoreMatrices: columns and rows agree, repeated rows becoming runs", () => {
    const rows = [
      {model: "m", benchmark: "b", task: "x", score: 1},
      {model: "m", benchmark: "b", task: "x", score: 2},
      {model: "n", benchmark: "b", task: "y", score: 3}
    ];
    expect(scoresToScoreMatrices(TidyTable.fromRows("scores", rows))).toEqual(scoresToScoreMatrices(rows));
  });

  it("names the column a columnar table lacks", () => {
    expect(() => groupSamples({length: 1, columns: {model: {codes: Uint8Array.of(0), labels: ["a"]}, value: Float64Array.of(1)}})).toThrow(/no "item" column/);
  });
});
