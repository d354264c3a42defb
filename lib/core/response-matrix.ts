import {BenchstatsError} from "./errors.js";

/** The byte that marks a cell of a {@link ResponseMatrix} as not administered (not measured). */
export const NOT_ADMINISTERED = 255;

/**
 * A compact respondents × items matrix of binary results, one byte per cell: `data[i·nItems + j]` is
 * respondent i's result on item j, 0 (wrong), 1 (right) or 255 (not administered). In a benchmark
 * pool the respondents are models. 10⁸ cells take 100 MB, where `number[][]` would take 800 MB and
 * more; fitIrt, irtAbilities and matrixToGroupedTop1 read it in place, without copying.
 *
 * Size cap: `data` is one Uint8Array, so nRespondents·nItems is limited by the JavaScript engine's
 * typed-array length (2³² − 1 bytes in Node 20); consumers document their own limits.
 *
 * @example
 * // 2 models × 3 items: model 0 right on items 0 and 2, model 1 not given item 2
 * const m: ResponseMatrix = {nRespondents: 2, nItems: 3, data: Uint8Array.of(1, 0, 1, 0, 1, 255)};
 */
export interface ResponseMatrix {
  nRespondents: number;
  nItems: number;
  data: Uint8Array;
}

/** True when `x` is a {@link ResponseMatrix} (an object with a Uint8Array `data`), not an array of rows. */
export function isResponseMatrix(x: unknown): x is ResponseMatrix {
  return typeof x === "object" && x !== null && !Array.isArray(x) && (x as {data?: unknown}).data instanceof Uint8Array;
}

/**
 * Checks the shape of a {@link ResponseMatrix}: positive integer dimensions and `data.length` equal to
 * their product. The cell values are checked by the consumers while they read them (one pass over
 * 10⁸ bytes instead of two); they throw {@link invalidResponseCell} on a byte other than 0, 1 or 255.
 */
export function checkResponseMatrix(m: ResponseMatrix, caller: string, field = "responses"): void {
  const {nRespondents, nItems, data} = m;
  for (const [name, v] of [["nRespondents", nRespondents], ["nItems", nItems]] as const) {
    if (!Number.isInteger(v) || v < 1) {
      throw new BenchstatsError("shape", `${caller}: ${field}.${name} must be a positive integer, got ${String(v)}`, {field});
    }
  }
  if (data.length !== nRespondents * nItems) {
    throw new BenchstatsError(
      "shape",
      `${caller}: ${field}.data has ${data.length} bytes, expected nRespondents × nItems = ${nRespondents} × ${nItems} = ${nRespondents * nItems}`,
      {field}
    );
  }
}

/** The error for the byte at `index` of a {@link ResponseMatrix} that is not 0, 1 or 255, naming its row and column. */
export function invalidResponseCell(m: ResponseMatrix, index: number, caller: string, field = "responses"): BenchstatsError {
  const row = Math.floor(index / m.nItems);
  const column = index - row * m.nItems;
  return new BenchstatsError(
    "value",
    `${caller}: ${field}.data must hold 0, 1 or 255 (not administered), got ${m.data[index]}`,
    {field, row, column}
  );
}
