// The I-LSR fit's loops in WebAssembly (lsr-kernel.wat): the LSR chain's rates, its stationary
// distribution and the log-likelihood, over compiled choice events in the module's memory. Same bits
// as the JavaScript functions they stand for (tests); when WebAssembly is unavailable (or turned off)
// the caller runs those instead. compileChoices builds the events straight into an arena of that
// memory when it can (fresh memory costs a page fault per 4 KB touched: a copy would pay twice).
import {wasmModule} from "../core/wasm-module.js";
import {lsrKernelBytes} from "./lsr-kernel-wasm.js";

let enabled = true;

/** Turns the WebAssembly kernel off (JavaScript only) or back on; for tests and comparisons. @internal */
export function useWasmLsrKernel(on: boolean): void {
  enabled = on;
}

interface LsrExports {
  rates: (...args: number[]) => void;
  stationary: (rates: number, n: number, alpha: number, a: number, b: number, x: number) => number;
  logLik: (offsets: number, members: number, choices: number, weight: number, events: number, w: number, theta: number, top: number) => number;
}

/**
 * Choice data compiled to weighted records in CSR form (pairs merged into win counts). Record e holds
 * the items `members[offsets[e] .. offsets[e+1])` and stands for `choices[e]` successive top-1
 * choices: position i < choices[e] is chosen over the suffix from i on, with multiplicity `weight[e]`.
 * A top-1 datum is one choice (its winner first); a ranking of k items is k − 1 choices over nested
 * suffix sets (the Plackett–Luce likelihood of a ranking is that product, and choix's LSR and MM sums
 * for rankings are the same sums), stored once as its k items rather than as k − 1 choice sets, so a
 * step takes the suffix sums Σ_{j≥i} w in O(k); a pair is a one-choice record of two items. One
 * representation serves all three layouts. Built by `compileChoices` (choice-events.ts, which re-exports
 * it); declared here, where the kernel reads it, so that both modules share one declaration without an
 * import cycle.
 */
export interface ChoiceEvents {
  nItems: number;
  offsets: Int32Array;
  members: Int32Array;
  choices: Int32Array;
  weight: Float64Array;
  /** The largest record (for scratch arrays of suffix sums). */
  maxLength: number;
  /** The WebAssembly memory the arrays were built in, when they were (the kernel runs on them there). */
  arena?: EventArena;
}

/** Byte offsets of an arena's regions: the events' arrays, then the kernel's scratch. */
interface Layout {
  weight: number;
  offsets: number;
  members: number;
  choices: number;
  w: number;
  theta: number;
  chain: number;
  a: number;
  b: number;
  x: number;
  suffix: number;
  bytes: number;
}

/**
 * A WebAssembly memory holding room for `events` records of `members` members in all over `nItems`
 * items (records of at most `maxLength`), as typed arrays, plus the kernel's scratch.
 */
export interface EventArena {
  memory: WebAssembly.Memory;
  offsets: Int32Array;
  members: Int32Array;
  choices: Int32Array;
  weight: Float64Array;
  nItems: number;
  maxLength: number;
  layout: Layout;
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

function layoutFor(n: number, events: number, members: number, maxLength: number): Layout {
  let end = 0;
  const take = (bytes: number) => {
    const at = end;
    end += Math.ceil(bytes / 16) * 16;
    return at;
  };
  const layout = {
    weight: take(8 * events), offsets: take(4 * (events + 1)), members: take(4 * members), choices: take(4 * events),
    w: take(8 * n), theta: take(8 * n), chain: take(8 * n * n), a: take(8 * n * n), b: take(8 * n), x: take(8 * n), suffix: take(8 * Math.max(maxLength, 1)),
    bytes: 0
  };
  layout.bytes = end;
  return layout;
}

/**
 * An arena for events of these sizes, or undefined without WebAssembly (or when the memory cannot be
 * had). compileChoices fills its arrays; {@link lsrKernel} then runs on them where they are.
 *
 * @example const arena = eventArena(100, 93287, 490198, 12);
 */
export function eventArena(nItems: number, events: number, members: number, maxLength: number): EventArena | undefined {
  if (!enabled || !wasmModule(lsrKernelBytes)) return undefined;
  const layout = layoutFor(nItems, events, members, maxLength);
  let memory: WebAssembly.Memory;
  try {
    memory = new WebAssembly.Memory({initial: Math.max(1, Math.ceil(layout.bytes / 65536))});
  } catch {
    return undefined;
  }
  const {buffer} = memory;
  return {
    memory, nItems, maxLength, layout,
    weight: new Float64Array(buffer, layout.weight, events),
    offsets: new Int32Array(buffer, layout.offsets, events + 1),
    members: new Int32Array(buffer, layout.members, members),
    choices: new Int32Array(buffer, layout.choices, events)
  };
}

/** True when the events' arrays are the arena's (compiled in place, not regrown or replaced). */
function inArena(events: ChoiceEvents, arena: EventArena): boolean {
  const {layout, memory} = arena;
  const at = (array: Int32Array | Float64Array, offset: number) => array.buffer === memory.buffer && array.byteOffset === offset;
  return events.nItems === arena.nItems && events.maxLength <= arena.maxLength && at(events.weight, layout.weight) &&
    at(events.offsets, layout.offsets) && at(events.members, layout.members) && at(events.choices, layout.choices);
}

/**
 * The kernel over these events: on their arena when compileChoices built them in one, else on a fresh
 * arena they are copied into; undefined without WebAssembly.
 *
 * @example const kernel = lsrKernel(compileChoices({nItems: 3, rankings: [[0, 1, 2]]}));
 */
export function lsrKernel(events: ChoiceEvents): LsrKernel | undefined {
  const module = enabled ? wasmModule(lsrKernelBytes) : null;
  if (!module) return undefined;
  const {nItems: n, offsets, members, choices, weight} = events;
  let arena = events.arena && inArena(events, events.arena) ? events.arena : undefined;
  if (!arena) {
    arena = eventArena(n, weight.length, members.length, events.maxLength);
    if (!arena) return undefined;
    arena.weight.set(weight);
    arena.offsets.set(offsets);
    arena.members.set(members);
    arena.choices.set(choices);
  }
  let exports: LsrExports;
  try {
    exports = new WebAssembly.Instance(module, {m: {log: Math.log, memory: arena.memory}}).exports as unknown as LsrExports;
  } catch {
    return undefined;
  }
  const {layout, memory} = arena;
  const w = new Float64Array(memory.buffer, layout.w, n);
  const theta = new Float64Array(memory.buffer, layout.theta, n);
  const chain = new Float64Array(memory.buffer, layout.chain, n * n);
  const x = new Float64Array(memory.buffer, layout.x, n);
  const records = weight.length;
  return {
    rates(strengths) {
      w.set(strengths);
      exports.rates(layout.offsets, layout.members, layout.choices, layout.weight, records, layout.w, layout.chain, layout.suffix, n);
      return chain;
    },
    stationary(alpha) {
      return exports.stationary(layout.chain, n, alpha, layout.a, layout.b, layout.x) === 0 ? x.slice() : null;
    },
    logLik(params, strengths, top) {
      theta.set(params);
      w.set(strengths);
      return exports.logLik(layout.offsets, layout.members, layout.choices, layout.weight, records, layout.w, layout.theta, top);
    }
  };
}
