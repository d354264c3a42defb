import {createRandom} from "../core/random.js";

/** Largest bound for which x·n stays exact in a double (x < 2^32). */
const MAX_BOUND = 2097152;

/**
 * A fast, seeded stream of uniform random indices for resampling: the one source of bootstrap draws,
 * shared by the fast (counting) and generic (materialising) bootstrap paths so that both see exactly
 * the same resamples for the same seed.
 *
 * The state is xoshiro128** (Blackman & Vigna 2018), initialised from four outputs of
 * `createRandom(seed, stream)`; it is kept in fields and loaded into locals once per `fill` call so
 * that the inner loop is plain 32-bit integer arithmetic. For bounds n ≤ 2^16 each 32-bit output gives
 * two indices, one from each 16-bit half, by Lemire's multiply-shift with rejection ("Fast random
 * integer generation in an interval", 2019): index = ⌊h·n / 2^16⌋, rejected when (h·n mod 2^16) <
 * 2^16 mod n, so every index is exactly uniform. Larger bounds use one 32-bit output per index, same
 * rule. Halves left over at the end of a `fill` are discarded, so each call starts on a fresh word.
 *
 * @example
 * const s = new IndexStream(42, 0);
 * const idx = new Int32Array(10);
 * s.fill(idx, 10, 10); // ten uniform indices in 0..9, i.e. one bootstrap resample of 10 runs
 */
export class IndexStream {
  /** xoshiro128** state words; read and written back by kernels that inline the generator. @internal */
  s0: number;
  /** @internal */
  s1: number;
  /** @internal */
  s2: number;
  /** @internal */
  s3: number;

  constructor(seed: number, stream: number) {
    const r = createRandom(seed, stream);
    this.s0 = r.uint32() | 0;
    this.s1 = r.uint32() | 0;
    this.s2 = r.uint32() | 0;
    this.s3 = r.uint32() | 0;
    if ((this.s0 | this.s1 | this.s2 | this.s3) === 0) this.s0 = 1; // the all-zero state is absorbing
  }

  /** Writes `count` independent uniform integers in [0, n) to `out[0..count)`, for 1 ≤ n ≤ 2^21. */
  fill(out: Int32Array, count: number, n: number): void {
    if (!(n >= 1 && n <= MAX_BOUND)) throw new RangeError(`IndexStream.fill: bound must be in [1, 2^21], got ${n}`);
    let s0 = this.s0;
    let s1 = this.s1;
    let s2 = this.s2;
    let s3 = this.s3;
    let i = 0;
    if (n <= 65536) {
      // Both halves are always computed; a half past `count` lands in out[count] (if there is room)
      // and is ignored, which is the same as discarding it.
      const threshold = 65536 % n;
      const last = out.length > count ? count : count - 1;
      while (i < last) {
        const m5 = Math.imul(s1, 5);
        const x = Math.imul((m5 << 7) | (m5 >>> 25), 9);
        const t = s1 << 9;
        s2 ^= s0;
        s3 ^= s1;
        s1 ^= s2;
        s0 ^= s3;
        s2 ^= t;
        s3 = (s3 << 11) | (s3 >>> 21);
        const a = Math.imul(x >>> 16, n);
        if ((a & 0xffff) >= threshold) out[i++] = a >>> 16;
        const b = Math.imul(x & 0xffff, n);
        if ((b & 0xffff) >= threshold) out[i++] = b >>> 16;
      }
      while (i < count) {
        // Only when `out` has no spare slot: the last index, one half at a time.
        const m5 = Math.imul(s1, 5);
        const x = Math.imul((m5 << 7) | (m5 >>> 25), 9);
        const t = s1 << 9;
        s2 ^= s0;
        s3 ^= s1;
        s1 ^= s2;
        s0 ^= s3;
        s2 ^= t;
        s3 = (s3 << 11) | (s3 >>> 21);
        const a = Math.imul(x >>> 16, n);
        if ((a & 0xffff) >= threshold) out[i++] = a >>> 16;
        else {
          const b = Math.imul(x & 0xffff, n);
          if ((b & 0xffff) >= threshold) out[i++] = b >>> 16;
        }
      }
    } else {
      const threshold = 4294967296 % n;
      while (i < count) {
        const m5 = Math.imul(s1, 5);
        const x = Math.imul((m5 << 7) | (m5 >>> 25), 9) >>> 0;
        const t = s1 << 9;
        s2 ^= s0;
        s3 ^= s1;
        s1 ^= s2;
        s0 ^= s3;
        s2 ^= t;
        s3 = (s3 << 11) | (s3 >>> 21);
        const m = x * n; // exact: x < 2^32 and n ≤ 2^21 keep the product below 2^53
        const low = m % 4294967296;
        if (low >= threshold) out[i++] = Math.floor(m / 4294967296);
      }
    }
    this.s0 = s0;
    this.s1 = s1;
    this.s2 = s2;
    this.s3 = s3;
  }

  /** One uniform integer in [0, n), drawn like {@link IndexStream.fill} with count 1. */
  int(n: number): number {
    const one = this.one;
    this.fill(one, 1, n);
    return one[0];
  }

  private readonly one = new Int32Array(1);
}
