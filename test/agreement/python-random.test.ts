import {readFileSync} from "node:fs";
import {describe, expect, it} from "vitest";
import {PythonRandom} from "../../lib/agreement/python-random.js";

const golden = JSON.parse(readFileSync(new URL("../fixtures/ranking/python_random.json", import.meta.url), "utf8"));

describe("PythonRandom (CPython's MT19937 random module)", () => {
  for (const c of golden.cases) {
    it(`reproduces CPython ${golden.python} for seed ${c.seed}`, () => {
      const rng = new PythonRandom(c.seed);
      expect(Array.from({length: 5}, () => rng.getrandbits(32))).toEqual(c.getrandbits32);
      rng.seed(c.seed);
      for (const s of c.samples) {
        expect(rng.sample(Array.from({length: s.n}, (_, i) => i), s.k)).toEqual(s.sample);
      }
      expect(Array.from({length: 20}, () => rng.choice([0, 1]))).toEqual(c.choices);
      expect([1, 2, 3, 7, 100, 1000].map((m) => rng.randrange(m))).toEqual(c.randranges);
    });
  }
});
