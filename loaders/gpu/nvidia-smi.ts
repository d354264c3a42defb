import {BenchstatsError} from "../../lib/core/errors.js";
import {fileLines} from "./lines.js";
import {metricValue} from "./metrics.js";
import type {GpuMetricRow} from "./metrics.js";

/** Options of {@link readNvidiaSmiCsv}. */
export interface NvidiaSmiOptions {
  /** Field names for a log written with `noheader` (as passed to `--query-gpu`, units optional: `memory.used [MiB]`). */
  fields?: string[];
}

const IDENTITY = new Set(["timestamp", "index", "name", "pci.bus_id", "uuid", "serial"]);

/**
 * Reads an `nvidia-smi --query-gpu=... --format=csv[,noheader][,nounits]` log (methods/formats.md §1c) into
 * {@link GpuMetricRow}s, streamed line by line.
 *
 * The header names each field with its unit in brackets (`memory.used [MiB]`); cells are separated by ", "
 * and carry the unit unless `nounits` (`40960 MiB`), which is stripped. `N/A`, `[N/A]` and `[Not Supported]`
 * become NaN. A header line repeated mid-file (logging restarted with `-f`) is skipped; a different header
 * is an error. Each row is one GPU at one tick; a new sample starts when a GPU (index, else
 * bus id) appears again.
 *
 * @throws BenchstatsError with file and line for a row whose cell count differs from the header's.
 * @example
 * const rows = await readNvidiaSmiCsv("gpu.csv");
 * rows.filter((r) => r.metric === "utilization.gpu");
 */
export async function readNvidiaSmiCsv(path: string, options: NvidiaSmiOptions = {}): Promise<GpuMetricRow[]> {
  let header: {metric: string; unit: string}[] | null = options.fields ? options.fields.map(parseHeaderCell) : null;
  let headerLine = "";
  const rows: GpuMetricRow[] = [];
  let sample = -1;
  let seenInSample = new Set<string>();
  for await (const {line, text} of fileLines(path)) {
    if (text.trim() === "") continue;
    const cells = text.split(",").map((c) => c.trim());
    if (!header) {
      if (!cells.some((c) => /^[a-z_]+(\.[a-z_.0-9]+)?( \[.*\])?$/.test(c)) || !cells.includes("timestamp") && !cells.some((c) => c.includes("."))) {
        throw new BenchstatsError("format", "expected an nvidia-smi --query-gpu CSV header such as \"timestamp, index, utilization.gpu [%]\" (or pass {fields} for noheader logs)", {file: path, line});
      }
      header = cells.map(parseHeaderCell);
      headerLine = text.trim();
      continue;
    }
    if (headerLine && text.trim() === headerLine) continue; // logging restarted: the header repeats
    if (cells.length !== header.length) {
      const isHeader = cells.every((c) => /^[a-z_.0-9]+( \[.*\])?$/.test(c));
      throw new BenchstatsError("shape", isHeader
        ? "a different header appears mid-file; split the log where the query fields changed"
        : `expected ${header.length} comma-separated cells as in the header, found ${cells.length}`, {file: path, line});
    }
    const field = (name: string) => {
      const k = header!.findIndex((h) => h.metric === name);
      return k >= 0 ? cells[k] : undefined;
    };
    const stamp = field("timestamp") ?? "";
    const gpuId = field("index") ?? field("pci.bus_id") ?? field("uuid") ?? "";
    // One row per GPU per tick (the GPUs of a tick are stamped a few ms apart): a GPU seen again starts a new sample.
    if (sample < 0 || gpuId === "" || seenInSample.has(gpuId)) {
      sample++;
      seenInSample = new Set();
    }
    seenInSample.add(gpuId);
    const gpu = gpuId || "0";
    header.forEach((h, k) => {
      if (h.metric === "timestamp" || h.metric === "index") return;
      const textCell = cells[k];
      rows.push({timestamp: stamp, sample, gpu, metric: h.metric, unit: h.unit, value: IDENTITY.has(h.metric) ? NaN : metricValue(textCell, h.unit), text: textCell});
    });
  }
  if (!header) throw new BenchstatsError("empty", "no header and no rows: is this an nvidia-smi CSV log?", {file: path});
  return rows;
}

function parseHeaderCell(cell: string): {metric: string; unit: string} {
  const m = /^(.*?)\s*\[(.*)\]$/.exec(cell.trim());
  return m ? {metric: m[1], unit: m[2]} : {metric: cell.trim(), unit: ""};
}
