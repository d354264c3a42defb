import {BenchstatsError} from "../core/errors.js";
import {checkResponseMatrix, invalidResponseCell, isResponseMatrix, NOT_ADMINISTERED, type ResponseMatrix} from "../core/response-matrix.js";

/** A respondents × items response matrix: rows of 0/1, with NaN (or null) marking "not administered". */
export type IrtResponses = ReadonlyArray<ArrayLike<number | null | undefined>>;

/** Sentinel for a missing response in the packed matrix (the {@link ResponseMatrix} code). */
export const MISSING = NOT_ADMINISTERED;

/**
 * Responses packed for the EM engine (internal): the dense byte matrix, read in place, plus the
 * missing cells listed per item. Sums over "items this respondent answered correctly" are taken by
 * scanning the row's bytes: an index list of correct cells would cost 4 bytes per correct cell
 * (200 MB at 10⁸ cells with half of them correct) to save a byte compare per cell.
 */
export interface PackedResponses {
  nRows: number;
  nItems: number;
  /** nRows × nItems, row-major: 0, 1 or MISSING. The caller's array when it passed a ResponseMatrix. */
  x: Uint8Array;
  /** Frequency weight of each row (1 unless the caller passed pattern frequencies). */
  weight: Float64Array;
  /** True when no response is missing. */
  complete: boolean;
  /** Number of missing responses per row. */
  rowMissing: Int32Array;
  /** CSC lists: the rows missing item j are itemMissIdx[itemMissStart[j] .. itemMissStart[j+1]), ascending. */
  itemMissStart: Int32Array;
  itemMissIdx: Int32Array;
  /** Weighted counts per item: observed responses and correct responses. */
  itemObserved: Float64Array;
  itemCorrect: Float64Array;
}

/**
 * Validates a response matrix (rows of 0/1/NaN or a {@link ResponseMatrix}) and packs it. Throws a
 * BenchstatsError naming the row and column of the first value that is not 0, 1 or missing, or a
 * ragged row. A ResponseMatrix is used in place (not copied); its missing cells are listed with
 * Int32 offsets (4 bytes each), so at most 2³¹ − 1 cells may be missing.
 */
export function packResponses(
  responses: IrtResponses | ResponseMatrix,
  caller: string,
  options: {nItems?: number; weights?: ArrayLike<number>} = {}
): PackedResponses {
  let matrix: ResponseMatrix;
  if (isResponseMatrix(responses)) {
    checkResponseMatrix(responses, caller);
    matrix = responses;
  } else {
    matrix = rowsToBytes(responses, caller, options.nItems);
  }
  const {nRespondents: nRows, nItems, data: x} = matrix;
  const weight = new Float64Array(nRows);
  const w = options.weights;
  if (w !== undefined && w.length !== nRows) {
    throw new BenchstatsError("shape", `${caller}: weights has ${w.length} entries but responses has ${nRows} rows`, {field: "weights"});
  }
  for (let i = 0; i < nRows; ++i) {
    const wi = w === undefined ? 1 : w[i];
    if (!(wi >= 0) || !Number.isFinite(wi)) {
      throw new BenchstatsError("range", `${caller}: weights must be finite and ≥ 0, got ${wi}`, {field: "weights", row: i});
    }
    weight[i] = wi;
  }
  // Pass 1: validate the bytes, count missing cells per row and item, weighted counts per item.
  const rowMissing = new Int32Array(nRows);
  const itemMissStart = new Int32Array(nItems + 1);
  const itemObserved = new Float64Array(nItems);
  const itemCorrect = new Float64Array(nItems);
  let nMissing = 0;
  for (let i = 0; i < nRows; ++i) {
    const off = i * nItems;
    const wi = weight[i];
    let m = 0;
    for (let j = 0; j < nItems; ++j) {
      const v = x[off + j];
      if (v === 0) itemObserved[j] += wi;
      else if (v === 1) {
        itemObserved[j] += wi;
        itemCorrect[j] += wi;
      } else if (v === MISSING) {
        ++itemMissStart[j + 1];
        ++m;
      } else throw invalidResponseCell(matrix, off + j, caller);
    }
    rowMissing[i] = m;
    nMissing += m;
    if (nMissing > 0x7fffffff) {
      throw new BenchstatsError("size", `${caller}: more than 2^31 − 1 missing responses; drop unadministered rows or items first`, {field: "responses"});
    }
  }
  // Pass 2: the rows missing each item, ascending (only rows with a missing cell are scanned).
  for (let j = 0; j < nItems; ++j) itemMissStart[j + 1] += itemMissStart[j];
  const itemMissIdx = new Int32Array(nMissing);
  const fill = itemMissStart.slice(0, nItems);
  for (let i = 0; i < nRows; ++i) {
    if (rowMissing[i] === 0) continue;
    const off = i * nItems;
    for (let j = 0; j < nItems; ++j) if (x[off + j] === MISSING) itemMissIdx[fill[j]++] = i;
  }
  return {nRows, nItems, x, weight, complete: nMissing === 0, rowMissing, itemMissStart, itemMissIdx, itemObserved, itemCorrect};
}

/** Array rows (0, 1, NaN/null/undefined) to one byte per cell; throws on a ragged row or another value. */
function rowsToBytes(responses: IrtResponses, caller: string, width: number | undefined): ResponseMatrix {
  if (!Array.isArray(responses) && !(responses && typeof (responses as {length?: unknown}).length === "number")) {
    throw new BenchstatsError("type", `${caller}: responses must be an array of rows (respondents × items) or a ResponseMatrix`);
  }
  const nRows = responses.length;
  if (nRows === 0) throw new BenchstatsError("empty", `${caller}: responses has no rows`);
  const first = responses[0];
  if (!first || typeof first.length !== "number") {
    throw new BenchstatsError("type", `${caller}: each row of responses must be an array of 0/1/NaN`, {field: "responses", row: 0});
  }
  const nItems = width ?? first.length;
  if (nItems === 0) throw new BenchstatsError("empty", `${caller}: responses has no items (columns)`);
  const x = new Uint8Array(nRows * nItems);
  for (let i = 0; i < nRows; ++i) {
    const row = responses[i];
    if (!row || row.length !== nItems) {
      throw new BenchstatsError(
        "shape",
        `${caller}: expected ${nItems} responses per row, got ${row ? row.length : String(row)}`,
        {field: "responses", row: i}
      );
    }
    const off = i * nItems;
    for (let j = 0; j < nItems; ++j) {
      const v = row[j];
      if (v === 1) x[off + j] = 1;
      else if (v === 0) x[off + j] = 0;
      else if (v === null || v === undefined || Number.isNaN(v)) x[off + j] = MISSING;
      else {
        throw new BenchstatsError(
          "value",
          `${caller}: responses must be 0, 1 or NaN (not administered), got ${String(v)}`,
          {field: "responses", row: i, column: j}
        );
      }
    }
  }
  return {nRespondents: nRows, nItems, data: x};
}
