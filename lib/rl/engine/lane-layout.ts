import {trimLane} from "../aggregates.js";

/**
 * The value groups (distinct values) of a plan's entries laid out for the counting path's trimmed-mean
 * walk. Each entry's groups are split by {@link trimLane} into four ascending lane lists, and list
 * position i of all four lanes shares slot i: four counts side by side (one 128-bit vector) and four
 * values (two). The walk then takes a slot per step, the lanes in two f64x2 accumulators, and adds
 * exactly the terms of trimmedMeanOfSorted in its order. Lists shorter than the entry's longest end in
 * padding (value 0, never counted).
 */
export interface LaneLayout {
  /** Entry e's slots are slotBase[e] .. slotBase[e + 1]. */
  slotBase: Int32Array;
  /** Per slot, the four lanes' values. */
  slotValues: Float64Array;
  /** Per group (entry e's are groupBase[e] .. groupBase[e + 1], ascending), its count's index 4·slot + lane. */
  countIndex: Int32Array;
  /**
   * Per entry e, rows groupBase[e] + e .. groupBase[e + 1] + e of four: row r = groupBase[e] + e + m holds,
   * per lane, how many of the entry's groups before its group m are in that lane (where m's part of the
   * lane list starts); the entry's last row holds the lists' lengths.
   */
  below: Int32Array;
}

/** Lays out the groups `groupValues` (entry e's ascending at groupBase[e] .. groupBase[e + 1]). */
export function laneLayout(groupValues: Float64Array, groupBase: Int32Array): LaneLayout {
  const entries = groupBase.length - 1;
  const groups = groupValues.length;
  const slotBase = new Int32Array(entries + 1);
  const countIndex = new Int32Array(groups);
  const below = new Int32Array(4 * (groups + entries));
  for (let e = 0; e < entries; ++e) {
    const lengths = [0, 0, 0, 0];
    for (let m = groupBase[e]; m < groupBase[e + 1]; ++m) {
      below.set(lengths, 4 * (m + e));
      const lane = trimLane(groupValues[m]);
      countIndex[m] = 4 * (slotBase[e] + lengths[lane]) + lane;
      lengths[lane]++;
    }
    below.set(lengths, 4 * (groupBase[e + 1] + e));
    slotBase[e + 1] = slotBase[e] + Math.max(...lengths);
  }
  const slotValues = new Float64Array(4 * slotBase[entries]);
  for (let m = 0; m < groups; ++m) slotValues[countIndex[m]] = groupValues[m];
  return {slotBase, slotValues, countIndex, below};
}

/**
 * A layout of `groups` counts in group order (count index = group), for draw loops that only count
 * (no trimmed-mean walk), such as probability of improvement's.
 */
export function plainLayout(groups: number): LaneLayout {
  const slots = Math.ceil(groups / 4);
  return {
    slotBase: Int32Array.from([0, slots]),
    slotValues: new Float64Array(4 * slots),
    countIndex: Int32Array.from({length: groups}, (_, m) => m),
    below: new Int32Array(4 * (groups + 1))
  };
}
