/**
 * Seeded pseudo-random numbers: xoshiro128** (Blackman & Vigna, 2018) seeded through splitmix32.
 *
 * All arithmetic is on 32-bit integers (`Math.imul`, `>>>`), so a seed gives the same sequence in
 * Node and in every browser. The state is four 32-bit words; the period is 2^128 − 1.
 * Reference: https://prng.di.unimi.it/xoshiro128starstar.c
 */
import {intArg, numberArg} from "./check.js";

/** A seeded source of random numbers. Never shared between threads: derive one per stream. */
export interface Random {
  /** Next raw 32-bit output as an unsigned integer in [0, 2^32). */
  uint32(): number;
  /** Uniform float in [0, 1) with 53 random bits (two 32-bit draws). */
  float(): number;
  /** Uniform integer in [0, n) without modulo bias, for 1 ≤ n ≤ 2^32 (Lemire's method with rejection). */
  int(n: number): number;
  /** Standard normal deviate (polar Box–Muller; the spare value is cached). */
  normal(): number;
  /** The seed this generator was created with. */
  readonly seed: number;
}

const TWO32 = 4294967296;

/** splitmix32 step (Steele, Lea & Flood 2014, 32-bit variant): a good mixer for seeding. */
function splitmix32(state: {s: number}): number {
  state.s = (state.s + 0x9e3779b9) | 0;
  let z = state.s;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

function seedWords(seed: number, stream: number): number[] {
  numberArg(seed, "seed", "createRandom");
  intArg(stream, "stream", "createRandom", {min: 0, max: 2 ** 32 - 1});
  // Fold the seed's integer part (up to 2^53) and the stream index into the splitmix state.
  const lo = seed >>> 0;
  const hi = Math.floor(Math.abs(seed) / TWO32) >>> 0;
  const state = {s: lo ^ Math.imul(hi, 0x27d4eb2f)};
  splitmix32(state);
  state.s ^= Math.imul(stream >>> 0, 0x165667b1) ^ (seed < 0 ? 0x5bd1e995 : 0);
  const words = [splitmix32(state), splitmix32(state), splitmix32(state), splitmix32(state)];
  if ((words[0] | words[1] | words[2] | words[3]) === 0) words[0] = 1; // the all-zero state is absorbing
  return words;
}

/**
 * Creates a seeded generator.
 *
 * `seed` is any finite number (its integer part up to 2^53 and its sign are used); `stream`, an integer in
 * [0, 2^32), selects one of 2^32 independent streams for the same seed; bootstrap engines give each
 * block of replicates its own stream so that results do not depend on how blocks are spread over
 * workers.
 *
 * @example
 * const rng = createRandom(42);
 * rng.int(6);   // an integer in 0..5
 * rng.float();  // a float in [0, 1)
 */
export function createRandom(seed: number = 0, stream: number = 0): Random {
  let [a, b, c, d] = seedWords(seed, stream);
  let spare = NaN;

  function uint32(): number {
    const result = Math.imul(rotl(Math.imul(b, 5), 7), 9) >>> 0;
    const t = b << 9;
    c ^= a;
    d ^= b;
    b ^= c;
    a ^= d;
    c ^= t;
    d = rotl(d, 11);
    return result;
  }

  function int(n: number): number {
    if (!(n >= 1 && n <= TWO32) || !Number.isInteger(n)) {
      intArg(n, "n", "Random.int", {min: 1, max: TWO32});
    }
    if (n <= 2097152) {
      // Lemire (2019): m = x·n is exact below 2^53; reject the few low words that would bias.
      let m = uint32() * n;
      let low = m % TWO32;
      if (low < n) {
        const threshold = (TWO32 - n) % n;
        while (low < threshold) {
          m = uint32() * n;
          low = m % TWO32;
        }
      }
      return Math.floor(m / TWO32);
    }
    // Large n: rejection sampling on 53-bit floats keeps exactness.
    const limit = Math.floor(9007199254740992 / n) * n;
    for (;;) {
      const x = uint32() * 2097152 + (uint32() >>> 11);
      if (x < limit) return x % n;
    }
  }

  function float(): number {
    return ((uint32() >>> 5) * 67108864 + (uint32() >>> 6)) / 9007199254740992;
  }

  function normal(): number {
    if (!Number.isNaN(spare)) {
      const z = spare;
      spare = NaN;
      return z;
    }
    let u: number, v: number, s: number;
    do {
      u = 2 * float() - 1;
      v = 2 * float() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s === 0);
    const f = Math.sqrt((-2 * Math.log(s)) / s);
    spare = v * f;
    return u * f;
  }

  return {uint32, int, float, normal, seed};
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}
