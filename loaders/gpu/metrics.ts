/**
 * Cells of GPU metric logs (nvidia-smi, dmon): the tools' placeholders for "no value", the value of a cell
 * with its unit, and the range each unit allows. The row type is `GpuMetricRow` (loaders/tidy/rows.ts).
 */
import type {NumberRule} from "../tidy/cells.js";

export type {GpuMetricRow} from "../tidy/rows.js";

/** What nvidia-smi and dmon print for a value they do not have: read as NaN, kept in `text`. */
export const MISSING_CELLS: ReadonlySet<string> = new Set(["N/A", "[N/A]", "[Not Supported]", "Not Supported", "-", "[Unknown Error]", "Unknown Error", ""]);

/** Ranges of the units the tools print: a percentage in [0, 100]; power, clocks and memory are never negative. */
export const UNIT_RANGES: Readonly<Record<string, NumberRule>> = {
  "%": {min: 0, max: 100, what: "a percentage"},
  W: {min: 0, what: "a power in W"},
  MHz: {min: 0, what: "a clock in MHz"},
  MiB: {min: 0, what: "memory in MiB"},
  MB: {min: 0, what: "memory in MB"}
};

/**
 * The range unit `unit` allows, or undefined for units without one (°C).
 *
 * @example unitRange("%"); // {min: 0, max: 100, what: "a percentage"}
 */
export function unitRange(unit: string): NumberRule | undefined {
  return UNIT_RANGES[unit];
}

/**
 * Parses a metric cell: a placeholder gives NaN, a number (a trailing unit stripped) its value, anything
 * else undefined (text, for the caller to judge).
 *
 * @example metricValue("40960 MiB", "MiB"); // 40960
 * @example metricValue("-", ""); // NaN
 */
export function metricValue(cell: string, unit: string): number | undefined {
  const text = cell.trim();
  if (MISSING_CELLS.has(text)) return NaN;
  let body = text;
  if (unit && body.endsWith(" " + unit)) body = body.slice(0, -unit.length - 1);
  else {
    const m = /^(-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?)\s*[A-Za-z%/]+$/.exec(body);
    if (m) body = m[1];
  }
  return /^-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?$/.test(body) ? Number(body) : undefined;
}
