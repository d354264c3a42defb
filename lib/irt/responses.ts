import {BenchstatsError} from "../core/errors.js";

/** A respondents × items response matrix: rows of 0/1, with NaN (or null) marking "not administered". */
export type IrtResponses = ReadonlyArray<ArrayLike<number | null | undefined>>;

/** Sentinel for a missing response in the packed matrix. */
export const MISSING = 255;

/**
 * Responses packed for the EM engine (internal): a dense byte matrix plus sparse index lists, so that
 * sums over "items this respondent answered correctly" and "respondents who answered this item
 * correctly" cost O(number of correct responses) rather than O(N·J).
 */
export interface PackedResponses {
  nRows: number;
  nItems: number;
  /** nRows × nItems, row-major: 0, 1 or MISSING. */
  x: Uint8Array;
  /** Frequency weight of each row (1 unless the caller passed pattern frequencies). */
  weight: Float64Array;
  /** True when no response is missing. */
  complete: boolean;
  /** CSR lists: items row i answered correctly are corrIdx[corrStart[i] .. corrStart[i+1]). */
  corrStart: Int32Array;
  corrIdx: Int32Array;
  /** CSC lists: rows that answered item j correctly. */
  itemCorrStart: Int32Array;
  itemCorrIdx: Int32Array;
  /** CSR lists of missing items per row (empty when complete). */
  missStart: Int32Array;
  missIdx: Int32Array;
  /** CSC lists of rows observed on item j (only built when some response is missing). */
  itemObsStart: Int32Array;
  itemObsIdx: Int32Array;
  /** Weighted counts per item: observed responses and correct responses. */
  itemObserved: Float64Array;
  itemCorrect: Float64Array;
  /** Weighted number of observed responses per row. */
  rowObserved: Float64Array;
}

/**
 * Validates a response matrix and packs it. Throws a BenchstatsError naming the row and column of the
 * first value that is not 0, 1, NaN or null, or a ragged row.
 */
export function packResponses(
  responses: IrtResponses,
  caller: string,
  options: {nItems?: number; weights?: ArrayLike<number>} = {}
): PackedResponses {
  if (!Array.isArray(responses) && !(responses && typeof (responses as {length?: unknown}).length === "number")) {
    throw new BenchstatsError("type", `${caller}: responses must be an array of rows (respondents × items)`);
  }
  const nRows = responses.length;
  if (nRows === 0) throw new BenchstatsError("empty", `${caller}: responses has no rows`);
  const first = responses[0];
  if (!first || typeof first.length !== "number") {
    throw new BenchstatsError("type", `${caller}: each row of responses must be an array of 0/1/NaN`, {field: "responses", row: 0});
  }
  const nItems = options.nItems ?? first.length;
  if (nItems === 0) throw new BenchstatsError("empty", `${caller}: responses has no items (columns)`);
  const x = new Uint8Array(nRows * nItems);
  const weight = new Float64Array(nRows);
  const w = options.weights;
  if (w !== undefined && w.length !== nRows) {
    throw new BenchstatsError("shape", `${caller}: weights has ${w.length} entries but responses has ${nRows} rows`, {field: "weights"});
  }
  let nCorrect = 0;
  let nMissing = 0;
  for (let i = 0; i < nRows; ++i) {
    const row = responses[i];
    if (!row || row.length !== nItems) {
      throw new BenchstatsError(
        "shape",
        `${caller}: expected ${nItems} responses per row, got ${row ? row.length : String(row)}`,
        {field: "responses", row: i}
      );
    }
    const wi = w === undefined ? 1 : w[i];
    if (!(wi >= 0) || !Number.isFinite(wi)) {
      throw new BenchstatsError("range", `${caller}: weights must be finite and ≥ 0, got ${wi}`, {field: "weights", row: i});
    }
    weight[i] = wi;
    const off = i * nItems;
    for (let j = 0; j < nItems; ++j) {
      const v = row[j];
      if (v === 1) {
        x[off + j] = 1;
        ++nCorrect;
      } else if (v === 0) {
        x[off + j] = 0;
      } else if (v === null || v === undefined || Number.isNaN(v)) {
        x[off + j] = MISSING;
        ++nMissing;
      } else {
        throw new BenchstatsError(
          "value",
          `${caller}: responses must be 0, 1 or NaN (not administered), got ${String(v)}`,
          {field: "responses", row: i, column: j}
        );
      }
    }
  }
  const corrStart = new Int32Array(nRows + 1);
  const corrIdx = new Int32Array(nCorrect);
  const itemCorrStart = new Int32Array(nItems + 1);
  const itemCorrIdx = new Int32Array(nCorrect);
  const missStart = new Int32Array(nRows + 1);
  const missIdx = new Int32Array(nMissing);
  const itemObserved = new Float64Array(nItems);
  const itemCorrect = new Float64Array(nItems);
  const rowObserved = new Float64Array(nRows);
  const itemObsCount = new Int32Array(nItems);
  let c = 0;
  let m = 0;
  for (let i = 0; i < nRows; ++i) {
    corrStart[i] = c;
    missStart[i] = m;
    const off = i * nItems;
    const wi = weight[i];
    for (let j = 0; j < nItems; ++j) {
      const v = x[off + j];
      if (v === MISSING) {
        missIdx[m++] = j;
        continue;
      }
      ++itemObsCount[j];
      itemObserved[j] += wi;
      rowObserved[i] += wi;
      if (v === 1) {
        corrIdx[c++] = j;
        itemCorrect[j] += wi;
        ++itemCorrStart[j + 1];
      }
    }
  }
  corrStart[nRows] = c;
  missStart[nRows] = m;
  for (let j = 0; j < nItems; ++j) itemCorrStart[j + 1] += itemCorrStart[j];
  const fill = itemCorrStart.slice(0, nItems);
  for (let i = 0; i < nRows; ++i) {
    for (let k = corrStart[i]; k < corrStart[i + 1]; ++k) itemCorrIdx[fill[corrIdx[k]]++] = i;
  }
  const complete = nMissing === 0;
  let itemObsStart = new Int32Array(0);
  let itemObsIdx = new Int32Array(0);
  if (!complete) {
    itemObsStart = new Int32Array(nItems + 1);
    for (let j = 0; j < nItems; ++j) itemObsStart[j + 1] = itemObsStart[j] + itemObsCount[j];
    itemObsIdx = new Int32Array(itemObsStart[nItems]);
    const pos = itemObsStart.slice(0, nItems);
    for (let i = 0; i < nRows; ++i) {
      const off = i * nItems;
      for (let j = 0; j < nItems; ++j) if (x[off + j] !== MISSING) itemObsIdx[pos[j]++] = i;
    }
  }
  return {
    nRows, nItems, x, weight, complete, corrStart, corrIdx, itemCorrStart, itemCorrIdx, missStart, missIdx,
    itemObsStart, itemObsIdx, itemObserved, itemCorrect, rowObserved
  };
}
