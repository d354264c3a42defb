import {intArg, reject} from "../core/check.js";
import {createRandom} from "../core/random.js";

/** Largest bound for which x·n stays exact in a double (x < 2^32). */
const MAX_BOUND = 2097152;

/**
 * A fast, seeded stream of uniform random indices for resampling: the one source of bootstrap draws,
 * shared by every bootstrap path (the WebAssembly counting kernel, its JavaScript fallback and the
 * generic path that materialises resamples), so that all see exactly the same resamples for a seed.
 *
 * The generator is four independent xoshiro128** lanes (Blackman & Vigna 2018) advanced together,
 * initialised from sixteen outputs of `createRandom(seed, stream)`: four lanes are what one 128-bit
 * SIMD register holds, so the WebAssembly kernel (lib/rl/engine/draw-kernel.template.wat) computes a step in a few
 * vector instructions. A step yields four 32-bit words, lane 0 first. For bounds n ≤ 2^16 each word
 * gives two indices, its high 16-bit half first, by Lemire's multiply-shift with rejection ("Fast random
 * integer generation in an interval", 2019): index = ⌊h·n / 2^16⌋, rejected when (h·n mod 2^16) <
 * 2^16 mod n, so every index is exactly uniform. Larger bounds use one 32-bit word per index, same rule.
 * Indices left over in the last step of a `fill` are discarded, so each call starts on a fresh step.
 *
 * @example
 * const s = new IndexStream(42, 0);
 * const idx = new Int32Array(10);
 * s.fill(idx, 10, 10); // ten uniform indices in 0..9, i.e. one bootstrap resample of 10 runs
 */
export class IndexStream {
  /**
   * The lanes' state, word-major: word w of lane k is `state[4·w + k]` (the layout of four 128-bit
   * vectors, one per state word). Kernels that inline the generator read and write it. @internal
   */
  readonly state = new Int32Array(16);

  constructor(seed: number, stream: number) {
    const r = createRandom(seed, stream);
    const st = this.state;
    for (let i = 0; i < 16; ++i) st[i] = r.uint32() | 0;
    // The all-zero state of a lane is absorbing.
    for (let k = 0; k < 4; ++k) if ((st[k] | st[4 + k] | st[8 + k] | st[12 + k]) === 0) st[k] = 1;
  }

  /** Writes `count` independent uniform integers in [0, n) to `out[0..count)`, for 1 ≤ n ≤ 2^21. */
  fill(out: Int32Array, count: number, n: number): void {
    if (!(n >= 1 && n <= MAX_BOUND) || !Number.isInteger(n)) intArg(n, "n", "IndexStream.fill", {min: 1, max: MAX_BOUND});
    if (!(out instanceof Int32Array)) reject("type", "IndexStream.fill", "out", "an Int32Array", out);
    if (!(count >= 0 && count <= out.length) || !Number.isInteger(count)) intArg(count, "count", "IndexStream.fill", {min: 0, max: out.length});
    const st = this.state;
    const halves = n <= 65536;
    const threshold = halves ? 65536 % n : 4294967296 % n;
    let i = 0;
    while (i < count) {
      // A step advances all four lanes; indices past `count` are discarded.
      for (let k = 0; k < 4; ++k) {
        // xoshiro128** step of lane k: result rotl(s1·5, 7)·9, then the state update
        const s0 = st[k];
        const s1 = st[4 + k];
        const s2 = st[8 + k] ^ s0;
        const s3 = st[12 + k] ^ s1;
        const m5 = Math.imul(s1, 5);
        const x = Math.imul((m5 << 7) | (m5 >>> 25), 9);
        st[k] = s0 ^ s3;
        st[4 + k] = s1 ^ s2;
        st[8 + k] = s2 ^ (s1 << 9);
        st[12 + k] = (s3 << 11) | (s3 >>> 21);
        if (halves) {
          const a = Math.imul(x >>> 16, n);
          if ((a & 0xffff) >= threshold && i < count) out[i++] = a >>> 16;
          const b = Math.imul(x & 0xffff, n);
          if ((b & 0xffff) >= threshold && i < count) out[i++] = b >>> 16;
        } else {
          const m = (x >>> 0) * n; // exact: x < 2^32 and n ≤ 2^21 keep the product below 2^53
          if (m % 4294967296 >= threshold && i < count) out[i++] = Math.floor(m / 4294967296);
        }
      }
    }
  }

  /** One uniform integer in [0, n), drawn like {@link IndexStream.fill} with count 1. */
  int(n: number): number {
    const one = this.one;
    this.fill(one, 1, n);
    return one[0];
  }

  private readonly one = new Int32Array(1);
}
