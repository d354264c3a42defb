// Mutations of the bundled real files through every reader: each gives a located error or the original
// rows (an undetectable mutation may give other rows, but never a crash, a hang or a bad value).
// Budget: by default (npm test) a third of the (file, mutation) pairs, rotating with the seed, so that three
// seeds cover them all; BENCHSTATS_FUZZ_ROUNDS=n runs n seeded rounds of every pair, from
// BENCHSTATS_FUZZ_SEED (default 1). `npm run test:fuzz` runs a long campaign.
import {describe, expect, it} from "vitest";
import {CORPUS, type CorpusEntry} from "./corpus.js";
import {caseRandom, MUTATIONS} from "./mutations.js";
import {runCase} from "./run-case.js";

const quick = process.env.BENCHSTATS_FUZZ_ROUNDS === undefined;
const rounds = quick ? 1 : Number(process.env.BENCHSTATS_FUZZ_ROUNDS);
const seed = Number(process.env.BENCHSTATS_FUZZ_SEED ?? 1);
const long = rounds > 1;

/** Runs every mutation `rounds` times on `entry`; returns one line per failure. */
async function fuzzEntry(entry: CorpusEntry, index: number): Promise<{failures: string[]; cases: number}> {
  const failures: string[] = [];
  const original = entry.bytes();
  let cases = 0;
  for (let round = 0; round < rounds; ++round) {
    for (let m = 0; m < MUTATIONS.length; ++m) {
      const mutation = MUTATIONS[m];
      if (mutation.layouts && !mutation.layouts.includes(entry.layout)) continue;
      if (quick && (index + m + seed) % 3 !== 0) continue;
      const rng = caseRandom(seed + round, index * MUTATIONS.length + m);
      const bytes = mutation.apply(original, rng, entry.encoding);
      if (bytes === null) continue;
      ++cases;
      const detectable = mutation.detectable && !(entry.booleans && mutation.name === "value true");
      const outcome = await runCase(entry, bytes, detectable, mutation.labelsMayChange);
      if (outcome.kind === "failure") failures.push(`${mutation.name} (round ${round}): ${outcome.reason}`);
    }
  }
  // A file of another kind under this file's name: never rows.
  const others = CORPUS.filter((other) => other.family !== entry.family && !(other.source === entry.source));
  const other = others[(index + seed) % others.length];
  ++cases;
  const outcome = await runCase(entry, other.bytes(), true);
  if (outcome.kind !== "located") failures.push(`wrong kind (${other.name}): ${outcome.kind === "failure" ? outcome.reason : `read as ${outcome.kind}`}`);
  return {failures, cases};
}

describe("readers on mutated real files", () => {
  CORPUS.forEach((entry, index) => {
    it(`${entry.name}: a located error or the original rows`, {timeout: long ? 600_000 : 60_000}, async () => {
      const {failures} = await fuzzEntry(entry, index);
      expect(failures).toEqual([]);
    });
  });
});
