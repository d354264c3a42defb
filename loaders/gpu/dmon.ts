import {BenchstatsError} from "../../lib/core/errors.js";
import {fileLines} from "./lines.js";
import {metricValue} from "./metrics.js";
import type {GpuMetricRow} from "./metrics.js";

/**
 * Reads `nvidia-smi dmon` text (methods/formats.md §1c) into {@link GpuMetricRow}s. The columns come from the
 * two `#` header lines (names, then units: `# gpu pwr gtemp …` / `# Idx W C …`), never from fixed positions,
 * because they depend on `-s` and the driver version; `-o DT` adds `Date`/`Time` columns, which become the
 * timestamp. `-` (not available) becomes NaN. Header pairs repeat every screenful and are skipped. Also reads
 * `dcgmi dmon`-style output with the same layout.
 *
 * @throws BenchstatsError with file and line when a data row has more or fewer columns than the header.
 * @example
 * const rows = await readDmon("dmon.txt");
 * rows.filter((r) => r.metric === "sm"); // SM utilisation per GPU per second
 */
export async function readDmon(path: string): Promise<GpuMetricRow[]> {
  let names: string[] | null = null;
  let units: string[] = [];
  let expectUnits = false;
  const rows: GpuMetricRow[] = [];
  let sample = -1;
  let seen = new Set<string>();
  for await (const {line, text} of fileLines(path)) {
    const trimmed = text.trim();
    if (trimmed === "") continue;
    if (trimmed.startsWith("#")) {
      const tokens = trimmed.slice(1).trim().split(/\s+/);
      if (expectUnits) {
        units = tokens;
        expectUnits = false;
        if (units.length !== names!.length) {
          throw new BenchstatsError("format", `dmon: the units line has ${units.length} columns, the names line ${names!.length}`, {file: path, line});
        }
      } else {
        names = tokens;
        expectUnits = true;
      }
      continue;
    }
    if (!names) throw new BenchstatsError("format", "dmon: expected a '# gpu …' header line before data", {file: path, line});
    expectUnits = false;
    const cells = trimmed.split(/\s+/);
    if (cells.length !== names.length) {
      throw new BenchstatsError("shape", `dmon: expected ${names.length} columns (${names.join(" ")}), found ${cells.length}`, {file: path, line});
    }
    const lower = names.map((n) => n.toLowerCase());
    const date = lower.indexOf("date");
    const time = lower.indexOf("time");
    const gpuCol = lower.findIndex((n) => n === "gpu" || n === "idx");
    const stamp = [date >= 0 ? cells[date] : "", time >= 0 ? cells[time] : ""].filter(Boolean).join(" ");
    const gpu = gpuCol >= 0 ? cells[gpuCol] : String(seen.size);
    if (sample < 0 || seen.has(gpu)) {
      sample++;
      seen = new Set();
    }
    seen.add(gpu);
    names.forEach((name, k) => {
      if (k === date || k === time || k === gpuCol) return;
      const unit = units[k] ?? "";
      rows.push({timestamp: stamp, sample, gpu, metric: name, unit: unit === "-" ? "" : unit, value: metricValue(cells[k], ""), text: cells[k]});
    });
  }
  if (!names) throw new BenchstatsError("empty", "dmon: no '# gpu …' header found", {file: path});
  return rows;
}
