import {describe, expect, it} from "vitest";
import {columnarFromRows} from "../../lib/core/columns.js";
import {samplesToBattleColumns} from "../../lib/pairwise/battle-columns.js";
import {samplesToBattles, type SampleRow} from "../../lib/pairwise/samples.js";
import {bradleyTerryFit} from "../../lib/pairwise/bradley-terry.js";
import {onlineElo} from "../../lib/pairwise/online-elo.js";

const rows: SampleRow[] = [];
for (let i = 0; i < 40; ++i) {
  for (const model of ["m1", "m2", "m3", "m4"]) {
    if ((i + model.length * model.charCodeAt(1)) % 7 === 0) continue; // some missing measurements
    rows.push({model, item: i, value: (i * 13 + model.charCodeAt(1) * 5) % 4});
  }
}

describe("samplesToBattleColumns", () => {
  it("is the columnar form of samplesToBattles", () => {
    const spec = {labels: ["model_a", "model_b", "winner"], numbers: []};
    expect(samplesToBattleColumns(rows)).toEqual(columnarFromRows(samplesToBattles(rows), spec, "test"));
  });

  it("gives Bradley–Terry and Elo the same results as the battle rows", () => {
    const table = samplesToBattleColumns(rows);
    const battles = samplesToBattles(rows);
    expect(bradleyTerryFit(table, {reps: 0})).toEqual(bradleyTerryFit(battles, {reps: 0}));
    expect(onlineElo(table)).toEqual(onlineElo(battles));
  });

  it("handles samples with a single model (no battles)", () => {
    expect(samplesToBattleColumns([{model: "a", item: 1, value: 1}]).length).toBe(0);
  });
});
