import {describe, expect, it} from "vitest";
import {createRandom, plackettLuce} from "../../lib/index.js";
import {lsrKernel, useWasmLsrKernel} from "../../lib/pairwise/lsr-kernel.js";
import {compileChoices} from "../../lib/pairwise/choice-events.js";
import {stationaryDistribution} from "../../lib/pairwise/stationary.js";
// @ts-expect-error plain ESM build script (no type declarations)
import {generate} from "../../scripts/build-wasm.mjs";
import {readFileSync} from "node:fs";

// I-LSR's loops run in WebAssembly (lsr-kernel.wat) when it is there; the JavaScript functions they
// stand for run otherwise. Both must give the same bits.
function rankings(nItems: number, count: number, seed: number): number[][] {
  const rng = createRandom(seed);
  const theta = Array.from({length: nItems}, () => 2 * rng.normal());
  return Array.from({length: count}, () => {
    const size = 2 + rng.int(5);
    const set = new Set<number>();
    while (set.size < size) set.add(rng.int(nItems));
    return [...set].map((i) => ({i, key: theta[i] - Math.log(-Math.log(rng.float() || 1e-300))})).sort((a, b) => b.key - a.key).map((k) => k.i);
  });
}

function both<T>(f: () => T): [T, T] {
  try {
    const wasm = f();
    useWasmLsrKernel(false);
    return [wasm, f()];
  } finally {
    useWasmLsrKernel(true);
  }
}

describe("I-LSR in WebAssembly", () => {
  it("is assembled from the committed text (npm run build:wasm is up to date) and runs in Node", async () => {
    const committed = readFileSync(new URL("../../lib/pairwise/lsr-kernel-wasm.ts", import.meta.url), "utf8");
    expect(committed).toBe(await generate(true));
    expect(lsrKernel(compileChoices({nItems: 3, rankings: [[0, 1, 2], [2, 1, 0]]}))).toBeDefined();
  });
  const data = rankings(30, 2000, 5);
  const top1 = data.flatMap((r) => r.slice(0, -1).map((w, i) => [w, r.slice(i + 1)] as [number, number[]]));
  it("gives the JavaScript fit's bits on rankings, top-1 choices and pairs, with and without alpha", () => {
    for (const d of [{nItems: 30, rankings: data}, {nItems: 30, top1}, {nItems: 30, pairs: data.map((r) => [r[0], r[1]] as [number, number])}]) {
      for (const options of [{}, {alpha: 0.05}, {method: "lsr" as const}, {initialParams: Array.from({length: 30}, (_, i) => i / 30)}]) {
        const [wasm, js] = both(() => plackettLuce(d, {tol: 1e-10, ...options}));
        expect(wasm).toEqual(js);
      }
    }
  });
  it("gives the same weighted fits (resampling reweights compiled events)", () => {
    const weights = data.map((_, i) => (i % 3) + 0.5);
    const [wasm, js] = both(() => plackettLuce({nItems: 30, rankings: data, weights}));
    expect(wasm).toEqual(js);
  });
  it("finds no unique stationary distribution where the JavaScript solve throws (two closed classes)", () => {
    const events = compileChoices({nItems: 4, rankings: [[0, 1, 2], [1, 0, 2], [2, 3, 1], [3, 2, 0]].map((r) => r.slice(0, 2))});
    const kernel = lsrKernel(events)!;
    const w = new Float64Array(4).fill(1);
    kernel.rates(w);
    expect(kernel.stationary(0)).toBeNull();
    expect(() => stationaryDistribution(lsrRatesOf(events, w), 4, true, 0)).toThrow(/not unique/);
    expect(kernel.stationary(0.1)).toEqual(stationaryDistribution(lsrRatesOf(events, w), 4, true, 0.1));
  });
});

/** The chain the kernel builds, from its rates view (a copy). */
function lsrRatesOf(events: ReturnType<typeof compileChoices>, w: Float64Array): Float64Array {
  return lsrKernel(events)!.rates(w).slice();
}
