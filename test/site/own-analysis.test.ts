import {describe, expect, it} from "vitest";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const component = (name: string): Promise<any> => import(`../../src/components/${name}.js`);
const {completeMatrices, runCounts, plural, fileSize} = await component("own-analysis");

describe("completeMatrices: what the own-data page does with algorithms that ran only some tasks", () => {
  // As in the bundled TD-MPC2 table: one algorithm ran 12 of 39 tasks (here 1 of 4).
  const tasks = ["a", "b", "c", "d"];
  const scores = {
    full: [[1, 2, 3, 4], [2, 3, 4, 5]],
    partial: [[1, NaN, NaN, NaN], [2, NaN, NaN, NaN]],
    almost: [[1, 2, 3, NaN], [1, 2, 3, NaN]]
  };
  it("drops the algorithm that ran under half the tasks and names it with its coverage", () => {
    const result = completeMatrices(scores, tasks);
    expect(result.dropped).toEqual([{algorithm: "partial", covered: 1, of: 4}]);
  });
  it("then keeps the tasks every remaining algorithm ran, so no algorithm has a task without runs", () => {
    const result = completeMatrices(scores, tasks);
    expect(result.tasks).toEqual(["a", "b", "c"]);
    expect(result.droppedTasks).toEqual(["d"]);
    expect(result.matrices.full).toEqual([[1, 2, 3], [2, 3, 4]]);
    for (const matrix of Object.values(result.matrices) as number[][][]) {
      for (let j = 0; j < result.tasks.length; ++j) expect(matrix.some((run) => Number.isFinite(run[j]))).toBe(true);
    }
  });
  it("leaves a complete table as it is", () => {
    const result = completeMatrices({x: [[1, 2]], y: [[3, 4]]}, ["t", "u"]);
    expect(result).toEqual({matrices: {x: [[1, 2]], y: [[3, 4]]}, tasks: ["t", "u"], dropped: [], droppedTasks: []});
  });
});

describe("the own-data page's words", () => {
  it("never writes undefined–undefined or 5–5 runs", () => {
    expect(runCounts({})).toBe("no runs");
    expect(runCounts({a: [[1], [2], [3], [4], [5]], b: [[1], [2], [3], [4], [5]]})).toBe("5 runs each");
    expect(runCounts({a: [[1]], b: [[1], [2], [3]]})).toBe("1–3 runs each");
    expect(runCounts({a: [[1]]})).toBe("1 run each");
  });
  it("pluralises", () => {
    expect(plural(1, "pairwise disagreement")).toBe("1 pairwise disagreement");
    expect(plural(2, "pairwise disagreement")).toBe("2 pairwise disagreements");
  });
  it("shows an empty file as 0 B and only a store folder as folder", () => {
    expect(fileSize(0)).toBe("0 B");
    expect(fileSize(0, {folder: true})).toBe("folder");
    expect(fileSize(412345)).toBe("412 kB");
    expect(fileSize(1500)).toBe("1.50 kB");
  });
});
