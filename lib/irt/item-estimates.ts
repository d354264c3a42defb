/**
 * The fitted items of an IRT calibration (internal, see fit.ts): the item rows (estimated, constant
 * or unobserved) and their standard errors from the inverse negative Hessian, with b = −d/a by the
 * delta method.
 */
import {inverseSpd} from "../core/linear-algebra.js";
import type {EmState} from "./em-state.js";
import type {IrtItem} from "./model.js";
import type {MarginalDerivatives} from "./observed-information.js";
import type {PackedResponses} from "./responses.js";

export function buildItems(state: EmState, data: PackedResponses, noVariation: number[], unobserved: number[]): IrtItem[] {
  const J = state.a.length;
  const items: IrtItem[] = new Array(J);
  const nanSe = () => ({a: NaN, d: NaN, b: NaN, g: NaN});
  for (let j = 0; j < J; ++j) {
    if (state.active[j]) {
      const a = state.model === "rasch" ? 1 : state.a[j];
      const d = state.d[j];
      items[j] = {a, d, b: -d / a, g: state.model === "3pl" ? state.g[j] : 0, estimated: true, se: nanSe()};
    }
  }
  for (const j of noVariation) {
    const allCorrect = data.itemCorrect[j] === data.itemObserved[j];
    const a = state.model === "rasch" ? 1 : state.model === "1pl" ? state.a[0] : 0;
    items[j] = {a, d: allCorrect ? Infinity : -Infinity, b: allCorrect ? -Infinity : Infinity, g: 0, estimated: false, se: nanSe()};
  }
  for (const j of unobserved) items[j] = {a: NaN, d: NaN, b: NaN, g: NaN, estimated: false, se: nanSe()};
  return items;
}

/** Standard errors from the inverse negative Hessian (full or per block); b by the delta method. */
export function fillStandardErrors(
  state: EmState, items: IrtItem[], der: MarginalDerivatives
): {positiveDefinite: boolean; varianceSe: number} {
  const {layout} = der;
  const K = layout.size;
  const J = state.a.length;
  const p = layout.local;
  let positiveDefinite = true;
  let varianceSe = NaN;
  // cov(k, l) accessor over either the full inverse or per-item block inverses.
  let covFull: Float64Array | null = null;
  const covBlocks: (Float64Array | null)[] = new Array(J).fill(null);
  let sharedVar = NaN;
  if (der.hessian) {
    const negH = new Float64Array(K * K);
    for (let k = 0; k < K * K; ++k) negH[k] = -der.hessian[k];
    covFull = inverseSpd(negH, K);
    if (!covFull) positiveDefinite = false;
  } else {
    for (let j = 0; j < J; ++j) {
      const block = der.blocks[j];
      if (!block) continue;
      let negB: Float64Array;
      let n = p;
      if (state.model === "1pl") {
        negB = Float64Array.of(-block[3]);
        n = 1;
      } else {
        negB = new Float64Array(p * p);
        for (let k = 0; k < p * p; ++k) negB[k] = -block[k];
      }
      const inv = inverseSpd(negB, n);
      if (!inv) positiveDefinite = false;
      covBlocks[j] = inv;
    }
    if (layout.sharedSlopeIndex >= 0 || layout.varianceIndex >= 0) {
      sharedVar = der.sharedHessian < 0 ? -1 / der.sharedHessian : NaN;
      if (!(sharedVar > 0)) positiveDefinite = false;
    }
  }
  for (let j = 0; j < J; ++j) {
    if (!state.active[j]) continue;
    const item = items[j];
    // Local covariance of (a, d[, γ]) for this item in its model's terms.
    let varA = NaN;
    let varD = NaN;
    let covAD = 0;
    let varGamma = NaN;
    if (covFull) {
      const ia = state.model === "rasch" ? -1 : layout.index[j * p];
      const id = state.model === "rasch" ? layout.index[j] : layout.index[j * p + 1];
      varD = covFull[id * K + id];
      if (ia >= 0) {
        varA = covFull[ia * K + ia];
        covAD = covFull[ia * K + id];
      }
      if (state.model === "3pl") {
        const ig = layout.index[j * p + 2];
        varGamma = covFull[ig * K + ig];
      }
    } else if (covBlocks[j]) {
      const c = covBlocks[j]!;
      if (state.model === "rasch" || state.model === "1pl") {
        varD = c[0];
        if (state.model === "1pl") varA = sharedVar;
      } else {
        varA = c[0];
        covAD = c[1];
        varD = c[p + 1];
        if (state.model === "3pl") varGamma = c[2 * p + 2];
      }
    }
    const a = item.a;
    const d = item.d;
    item.se.d = Math.sqrt(varD);
    if (state.model === "rasch") {
      item.se.b = Math.sqrt(varD);
    } else {
      item.se.a = Math.sqrt(varA);
      // b = −d/a: ∂b/∂a = d/a², ∂b/∂d = −1/a.
      const ga = d / (a * a);
      const gd = -1 / a;
      item.se.b = Math.sqrt(ga * ga * varA + gd * gd * varD + 2 * ga * gd * covAD);
    }
    if (state.model === "3pl") item.se.g = item.g * (1 - item.g) * Math.sqrt(varGamma);
  }
  if (layout.varianceIndex >= 0) {
    const vi = layout.varianceIndex;
    varianceSe = covFull ? Math.sqrt(covFull[vi * K + vi]) : Math.sqrt(sharedVar);
  }
  return {positiveDefinite, varianceSe};
}
