/**
 * Canonical orders of labels. Seeded routines visit groups (tasks, runs, models, scenarios) in one of
 * these orders rather than in the order the rows came, so that shuffling the rows of a table never
 * changes a result at a fixed seed; both orders are the same in every locale and engine.
 */

/**
 * Orders labels by UTF-16 code units: the same order in every locale and engine.
 *
 * @example ["b", "a", "B"].sort(compareText); // ["B", "a", "b"]
 */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

/**
 * Orders labels that are numbers (seeds "2" and "10") by value, other labels by code units after every
 * number; equal values written differently ("1" and "1.0") by code units.
 *
 * @example ["10", "2", "b", "1"].sort(compareLabels); // ["1", "2", "10", "b"]
 */
export function compareLabels(a: string, b: string): number {
  const x = NUMBER.test(a) ? Number(a) : NaN;
  const y = NUMBER.test(b) ? Number(b) : NaN;
  if (x === x && y === y && x !== y) return x < y ? -1 : 1;
  if (x === x && y !== y) return -1;
  if (x !== x && y === y) return 1;
  return compareText(a, b);
}
