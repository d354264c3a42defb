import {BenchstatsError} from "../../lib/core/errors.js";
import {fileLines} from "./lines.js";
import {metricValue, unitRange} from "./metrics.js";
import {rangeProblem} from "../tidy/cells.js";
import {TidyTableBuilder} from "../tidy/builder.js";
import {checkTextFile} from "../tidy/file-checks.js";
import type {GpuMetricRow} from "../tidy/rows.js";
import type {TidyTable} from "../tidy/table.js";

/**
 * Reads `nvidia-smi dmon` text into the `gpu-metrics` table, streamed line by line.
 * The columns come from the two `#` header lines (names, then units: `# gpu pwr gtemp …` / `# Idx W C …`),
 * never from fixed positions, because they depend on `-s` and the driver version; `-o DT` adds `Date`/`Time`
 * columns, which become the timestamp. `-` (not available) becomes NaN. Header pairs repeat every screenful
 * and are skipped. Also reads `dcgmi dmon`-style output with the same layout.
 *
 * @throws BenchstatsError with file and line for an empty file, a header with a NUL or other control byte,
 *   a units line that does not match the names, a data row with more or fewer columns than the header, a
 *   cell that is neither a number nor `-`, a value outside its unit's range (a percentage above 100, a
 *   negative power), a file without data rows, and a last line without its line break (cut off).
 * @example
 * const metrics = await readDmon("dmon.txt");
 * metrics.rows().filter((r) => r.metric === "sm"); // SM utilisation per GPU per second
 */
export async function readDmon(path: string): Promise<TidyTable<GpuMetricRow>> {
  // dmon ends every line with a line break: a last line without one was cut off, maybe mid-value.
  await checkTextFile(path, {what: "nvidia-smi dmon output"});
  let names: string[] | null = null;
  let units: string[] = [];
  let expectUnits = false;
  const builder = new TidyTableBuilder<GpuMetricRow>("gpu-metrics", {source: path});
  let sample = -1;
  let seen = new Set<string>();
  let lines = 0;
  for await (const {line, text} of fileLines(path)) {
    lines = line;
    const trimmed = text.trim();
    if (trimmed === "") continue;
    if (trimmed.startsWith("#")) {
      // A NUL or other control byte in a header would become part of a column name: a corrupt file.
      const control = /[\u0000-\u0008\u000e-\u001f]/.exec(trimmed);
      if (control) throw new BenchstatsError("parse", `dmon: the header holds the control byte 0x${control[0].charCodeAt(0).toString(16).padStart(2, "0")} (a corrupt file?)`, {file: path, line});
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
      const unit = units[k] === "-" ? "" : (units[k] ?? "");
      const value = metricValue(cells[k], "");
      if (value === undefined) throw new BenchstatsError("value", `dmon: expected a number or - (not available), got ${JSON.stringify(cells[k])}`, {file: path, line, field: name});
      if (value === Infinity || value === -Infinity) throw new BenchstatsError("value", `dmon: expected a finite number, got ${JSON.stringify(cells[k])}`, {file: path, line, field: name});
      const outside = rangeProblem(value, unitRange(unit));
      if (outside) throw new BenchstatsError("value", `dmon: ${outside}`, {file: path, line, field: name});
      builder.add({timestamp: stamp, sample, gpu, metric: name, unit, value, text: cells[k]}, {file: path, line});
    });
  }
  if (!names) throw new BenchstatsError("empty", "dmon: no '# gpu …' header found", {file: path, line: 1});
  if (builder.size === 0) throw new BenchstatsError("empty", "dmon: a header but no data rows", {file: path, line: lines + 1});
  return builder.finish();
}
