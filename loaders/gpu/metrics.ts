/**
 * One sample of one GPU metric: the tidy long table nvidia-smi and dmon logs load into (a companion to the
 * gpu events table: metrics are sampled time series, not trace events).
 */
export interface GpuMetricRow {
  /** As written by the tool (nvidia-smi: local time `YYYY/MM/DD HH:MM:SS.mmm`; dmon with `-o DT`: date + time), or "" when absent. */
  timestamp: string;
  /** Sample number in the file (0-based), so rows without timestamps still order. */
  sample: number;
  /** GPU index when logged, else the PCI bus id, else the row's position within its sample. */
  gpu: string;
  /** Field name as the tool names it (`utilization.gpu`, `sm`, `pwr`). */
  metric: string;
  /** Unit from the header (`%`, `MiB`, `W`), "" when none. */
  unit: string;
  /** Numeric value, NaN when the tool printed N/A, `-`, or a non-numeric value (see `text`). */
  value: number;
  /** The cell as written (trimmed), for non-numeric fields such as name or pstate. */
  text: string;
}

const MISSING = new Set(["N/A", "[N/A]", "[Not Supported]", "Not Supported", "-", "[Unknown Error]", "Unknown Error", ""]);

/** Parses a metric cell: strips a trailing unit, maps the tools' placeholders to NaN. */
export function metricValue(cell: string, unit: string): number {
  const text = cell.trim();
  if (MISSING.has(text)) return NaN;
  let body = text;
  if (unit && body.endsWith(" " + unit)) body = body.slice(0, -unit.length - 1);
  else {
    const m = /^(-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?)\s*[A-Za-z%/]+$/.exec(body);
    if (m) body = m[1];
  }
  return /^-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?$/.test(body) ? Number(body) : NaN;
}
