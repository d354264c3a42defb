// The I-LSR fit's loops in WebAssembly (lsr-kernel.wat): the LSR chain's rates, its stationary
// distribution and the log-likelihood, over one set of compiled choice events copied into the module's
// memory once per fit. Same bits as the JavaScript functions they stand for (tests); when WebAssembly
// is unavailable (or turned off) the caller runs those instead.
import type {ChoiceEvents} from "./choice-events.js";
import {wasmModule} from "../core/wasm-module.js";
import {lsrKernelBytes} from "./lsr-kernel-wasm.js";

let enabled = true;

/** Turns the WebAssembly kernel off (JavaScript only) or back on; for tests and comparisons. @internal */
export function useWasmLsrKernel(on: boolean): void {
  enabled = on;
}

interface LsrExports {
  memory: WebAssembly.Memory;
  rates: (...args: number[]) => void;
  stationary: (rates: number, n: number, alpha: number, a: number, b: number, x: number) => number;
  logLik: (offsets: number, members: number, choices: number, weight: number, events: number, w: number, theta: number, top: number) => number;
}

/** The kernel of one fit: each call works on the events it was made for. */
export interface LsrKernel {
  /** The LSR rates at strengths `w` (lsrRates), a view into the module's memory valid until the next call. */
  rates(w: Float64Array): Float64Array;
  /** stationaryDistribution(rates, n, true, alpha) of the rates last returned by `rates`; null when not unique. */
  stationary(alpha: number): Float64Array | null;
  /** logLikelihood's narrow case: θ = `params`, w = e^(θ − top), all within 600 of `top`. */
  logLik(params: Float64Array, w: Float64Array, top: number): number;
}


/**
 * Copies the events into a fresh instance's memory and returns its kernel, or undefined without
 * WebAssembly (or when the memory cannot grow that far).
 *
 * @example const kernel = lsrKernel(compileChoices({nItems: 3, rankings: [[0, 1, 2]]}));
 */
export function lsrKernel(events: ChoiceEvents): LsrKernel | undefined {
  const module = enabled ? wasmModule(lsrKernelBytes) : null;
  if (!module) return undefined;
  const {nItems: n, offsets, members, choices, weight} = events;
  let end = 0;
  const take = (bytes: number) => {
    const at = end;
    end += Math.ceil(bytes / 16) * 16;
    return at;
  };
  const weightAt = take(8 * weight.length);
  const wAt = take(8 * n);
  const thetaAt = take(8 * n);
  const chainAt = take(8 * n * n);
  const aAt = take(8 * n * n);
  const bAt = take(8 * n);
  const xAt = take(8 * n);
  const suffixAt = take(8 * Math.max(events.maxLength, 1));
  const offsetsAt = take(4 * offsets.length);
  const membersAt = take(4 * members.length);
  const choicesAt = take(4 * choices.length);
  let exports: LsrExports;
  try {
    exports = new WebAssembly.Instance(module, {m: {log: Math.log}}).exports as unknown as LsrExports;
    const pages = Math.ceil(end / 65536);
    const have = exports.memory.buffer.byteLength / 65536;
    if (pages > have) exports.memory.grow(pages - have);
  } catch {
    return undefined;
  }
  const buffer = exports.memory.buffer;
  new Float64Array(buffer, weightAt, weight.length).set(weight);
  new Int32Array(buffer, offsetsAt, offsets.length).set(offsets);
  new Int32Array(buffer, membersAt, members.length).set(members);
  new Int32Array(buffer, choicesAt, choices.length).set(choices);
  const w = new Float64Array(buffer, wAt, n);
  const theta = new Float64Array(buffer, thetaAt, n);
  const chain = new Float64Array(buffer, chainAt, n * n);
  const x = new Float64Array(buffer, xAt, n);
  const records = weight.length;
  return {
    rates(strengths) {
      w.set(strengths);
      exports.rates(offsetsAt, membersAt, choicesAt, weightAt, records, wAt, chainAt, suffixAt, n);
      return chain;
    },
    stationary(alpha) {
      return exports.stationary(chainAt, n, alpha, aAt, bAt, xAt) === 0 ? x.slice() : null;
    },
    logLik(params, strengths, top) {
      theta.set(params);
      w.set(strengths);
      return exports.logLik(offsetsAt, membersAt, choicesAt, weightAt, records, wAt, thetaAt, top);
    }
  };
}
