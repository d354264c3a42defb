import {BenchstatsError} from "../../lib/core/errors.js";
import type {PowerSample} from "../../lib/gpu/energy.js";
import type {GpuMetricRow} from "../tidy/rows.js";
import type {TidyTable} from "../tidy/table.js";

/** Power fields, in order of preference: nvidia-smi's instantaneous and averaged draw, then dmon's `pwr`. */
const POWER_METRICS = ["power.draw.instant", "power.draw", "power.draw.average", "pwr"];

/** Options of {@link powerSamples}. */
export interface PowerSampleOptions {
  /** The GPU whose readings to take (its `gpu` label: index or bus id); required when the log has several. */
  gpu?: string;
  /** The log's time zone as minutes east of UTC (nvidia-smi and dmon write local time without a zone; default 0 = UTC). */
  utcOffsetMinutes?: number;
}

/**
 * The power readings of one GPU in a metrics table (`readGpuMetrics`: nvidia-smi `--query-gpu` with a power field and
 * `timestamp`, or `dmon -o DT`), as lib's `PowerSample`s on Unix time for `energyPerStep`. Timestamps
 * `YYYY/MM/DD HH:MM:SS.mmm` (nvidia-smi) and `YYYYMMDD HH:MM:SS` (dmon) are read in the zone given by
 * `utcOffsetMinutes`. Readings without a value (`N/A`) are left out.
 *
 * @throws BenchstatsError `shape` for several GPUs without `gpu`; `empty` without a power field; `value` for a
 *   timestamp in another layout.
 * @example
 * energyPerStep(events, powerSamples(await readGpuMetrics("power.csv"), {gpu: "0", utcOffsetMinutes: 60}));
 */
export function powerSamples(metrics: TidyTable<GpuMetricRow>, options: PowerSampleOptions = {}): PowerSample[] {
  const rows = metrics.rows();
  const metric = POWER_METRICS.find((m) => rows.some((r) => r.metric === m && !Number.isNaN(r.value)));
  if (!metric) throw new BenchstatsError("empty", `the metrics log has no power readings (expected one of ${POWER_METRICS.join(", ")})`);
  const gpus = [...new Set(rows.filter((r) => r.metric === metric).map((r) => r.gpu))];
  if (options.gpu === undefined && gpus.length > 1) {
    throw new BenchstatsError("shape", `the metrics log covers GPUs ${gpus.join(", ")}; say which one ran the trace ({gpu})`);
  }
  const gpu = options.gpu ?? gpus[0];
  const offsetMs = (options.utcOffsetMinutes ?? 0) * 60_000;
  const out: PowerSample[] = [];
  for (const r of rows) {
    if (r.metric !== metric || r.gpu !== gpu || Number.isNaN(r.value)) continue;
    out.push({time_us: (parseStamp(r.timestamp) - offsetMs) * 1000, watts: r.value});
  }
  if (out.length === 0) throw new BenchstatsError("empty", `no power readings for GPU ${JSON.stringify(gpu)} (GPUs: ${gpus.join(", ")})`);
  return out;
}

/** Milliseconds since the Unix epoch of a local `YYYY/MM/DD HH:MM:SS(.mmm)` or `YYYYMMDD HH:MM:SS` stamp read as UTC. */
function parseStamp(stamp: string): number {
  const m = /^(\d{4})\/?(\d{2})\/?(\d{2})\s+(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,6}))?$/.exec(stamp.trim());
  if (!m) throw new BenchstatsError("value", `expected a timestamp like 2024/03/15 13:57:59.791 or 20240315 13:57:59, got ${JSON.stringify(stamp)}`);
  const [, y, mo, d, h, mi, s, frac] = m;
  const ms = frac ? Number(frac.padEnd(3, "0").slice(0, 3)) + Number(`0.${frac.slice(3) || "0"}`) : 0;
  return Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s)) + ms;
}
