import {BenchstatsError} from "../core/errors.js";
import {checkResponseMatrix, invalidResponseCell, NOT_ADMINISTERED, type ResponseMatrix} from "../core/response-matrix.js";
import type {GroupedTop1} from "./grouped-top1.js";

/**
 * Converts a models × items byte matrix of binary results (0 wrong, 1 right, 255 not run; see
 * {@link ResponseMatrix}: the models are its respondents) to grouped Plackett–Luce top-1 data, one
 * group per item: the models right on the item are the winners, the models wrong on it the losers.
 * This is ONEBench's `generate_top1_list` for binary samples — every correct model a top-1 winner
 * over all incorrect ones, as {@link samplesToTop1} expands it — without writing the loser list once
 * per winner: the groups hold one entry per administered cell (4 bytes each; 10⁸ cells → 400 MB
 * where the expansion would hold 10¹⁰ entries). Items nobody got right or nobody got wrong stay as
 * empty groups (they carry no information), so group g is item g.
 *
 * Within a group, models are listed in ascending order. Size cap: at most 2³¹ − 1 winners and
 * 2³¹ − 1 losers in all (Int32 offsets). Throws a `BenchstatsError` naming the model (row) and item
 * (column) of a byte other than 0, 1 or 255.
 *
 * @example
 * // 3 models × 2 items; model 2 not run on item 1
 * const {nItems, groupedTop1} = matrixToGroupedTop1({nRespondents: 3, nItems: 2, data: Uint8Array.of(1, 0, 0, 1, 0, 255)});
 * // item 0: winner 0 over losers [1, 2]; item 1: winner 1 over loser 0
 * plackettLuce({nItems, groupedTop1}, {alpha: 0.01});
 */
export function matrixToGroupedTop1(matrix: ResponseMatrix): {nItems: number; groupedTop1: GroupedTop1 & {winnerOffsets: Int32Array; winners: Int32Array; loserOffsets: Int32Array; losers: Int32Array}} {
  const fn = "matrixToGroupedTop1";
  if (!matrix || typeof matrix !== "object" || !(matrix.data instanceof Uint8Array)) {
    throw new BenchstatsError("type", `${fn}: matrix must be {nRespondents, nItems, data: Uint8Array}`, {field: "matrix"});
  }
  checkResponseMatrix(matrix, fn, "matrix");
  const {nRespondents: nModels, nItems, data} = matrix;
  // Pass 1, row by row as the bytes lie: validate and count winners and losers per item.
  const winnerOffsets = new Int32Array(nItems + 1);
  const loserOffsets = new Int32Array(nItems + 1);
  for (let m = 0; m < nModels; ++m) {
    const off = m * nItems;
    for (let t = 0; t < nItems; ++t) {
      const v = data[off + t];
      if (v === 1) ++winnerOffsets[t + 1];
      else if (v === 0) ++loserOffsets[t + 1];
      else if (v !== NOT_ADMINISTERED) throw invalidResponseCell(matrix, off + t, fn, "matrix");
    }
  }
  let nWinners = 0;
  let nLosers = 0;
  for (let t = 0; t < nItems; ++t) {
    nWinners += winnerOffsets[t + 1];
    nLosers += loserOffsets[t + 1];
    if (nWinners > 0x7fffffff || nLosers > 0x7fffffff) {
      throw new BenchstatsError("size", `${fn}: more than 2^31 − 1 winners or losers in all; split the items`, {field: "matrix"});
    }
    winnerOffsets[t + 1] = nWinners;
    loserOffsets[t + 1] = nLosers;
  }
  // Pass 2: fill; models come in ascending order within each item. Row by row, consecutive bytes
  // scatter their writes over all items' lists (a cache miss per cell); a block of BLOCK models is
  // walked item by item instead, so that each item's entries of the block are written together
  // while the block's rows stay in cache (half the time at 10⁸ cells).
  const winners = new Int32Array(nWinners);
  const losers = new Int32Array(nLosers);
  const wFill = winnerOffsets.slice(0, nItems);
  const lFill = loserOffsets.slice(0, nItems);
  const BLOCK = 256;
  for (let m0 = 0; m0 < nModels; m0 += BLOCK) {
    const m1 = Math.min(m0 + BLOCK, nModels);
    for (let t = 0; t < nItems; ++t) {
      let wf = wFill[t];
      let lf = lFill[t];
      for (let m = m0, off = m0 * nItems + t; m < m1; ++m, off += nItems) {
        const v = data[off];
        if (v === 1) winners[wf++] = m;
        else if (v === 0) losers[lf++] = m;
      }
      wFill[t] = wf;
      lFill[t] = lf;
    }
  }
  return {nItems: nModels, groupedTop1: {winnerOffsets, winners, loserOffsets, losers}};
}
