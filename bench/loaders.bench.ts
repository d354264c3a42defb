// Loader throughput and memory: synthetic run logs of realistic shape, each case in its own process so that
// peak RSS (process.resourceUsage().maxRSS) belongs to that case alone.
//
//   node --import tsx bench/loaders.bench.ts            # all cases (files generated once under .bench/loaders/)
//   node --import tsx bench/loaders.bench.ts --size 64  # MB per generated file (default 64)
//
// Cases: TensorBoard tfevents (PyTorch SummaryWriter-style simple_value scalars), long run CSV, W&B history JSONL;
// the JavaScript-parsed formats also streamed as row objects (counted, not kept), and each read whole with
// readRuns (the columnar table kept: the memory a page's data loader pays; the CSV through DuckDB). Reference
// figures printed alongside: a raw fs read of the same file (the I/O ceiling) and a whole-string split of the
// same CSV. The machine is shared (2 cores,
// ~8 engineers), so wall time may be inflated by contention; CPU time is the steadier figure.
import {spawnSync} from "node:child_process";
import {closeSync, createReadStream, existsSync, mkdirSync, openSync, statSync, writeSync} from "node:fs";
import {join, resolve} from "node:path";
import {fileURLToPath} from "node:url";
import {parseArgs} from "node:util";
import {crc32c} from "@aws-crypto/crc32c";
import {readRuns, tensorboardRows, wandbJsonlRows} from "../loaders/index.js";

const {values} = parseArgs({options: {size: {type: "string"}, case: {type: "string"}}});
const sizeMB = Number(values.size ?? 64);
const root = resolve(fileURLToPath(import.meta.url), "..", "..");
const dir = join(root, ".bench", "loaders");
const files = {
  tfevents: join(dir, `events.out.tfevents.${sizeMB}mb`),
  csv: join(dir, `runs-long-${sizeMB}mb.csv`),
  jsonl: join(dir, `wandb-history-${sizeMB}mb.jsonl`)
};

// ---------- generators (deterministic) ----------
const mask = (c: number) => ((((c >>> 15) | (c << 17)) >>> 0) + 0xa282ead8) >>> 0;

function varint(v: number, out: number[]) {
  while (v >= 0x80) {
    out.push((v % 128) | 0x80);
    v = Math.floor(v / 128);
  }
  out.push(v);
}

/** Event{wall_time, step, summary{value{tag, simple_value}}} framed as a TFRecord. */
function tfRecord(step: number, tag: Uint8Array, value: number, wallTime: number): Uint8Array {
  const valueMsg: number[] = [0x0a];
  varint(tag.length, valueMsg);
  valueMsg.push(...tag, 0x15);
  const f32 = new Uint8Array(4);
  new DataView(f32.buffer).setFloat32(0, value, true);
  valueMsg.push(...f32);
  const summary: number[] = [0x0a];
  varint(valueMsg.length, summary);
  summary.push(...valueMsg);
  const event: number[] = [0x09];
  const f64 = new Uint8Array(8);
  new DataView(f64.buffer).setFloat64(0, wallTime, true);
  event.push(...f64, 0x10);
  varint(step, event);
  event.push(0x2a);
  varint(summary.length, event);
  event.push(...summary);
  const payload = Uint8Array.from(event);
  const record = new Uint8Array(16 + payload.length);
  const view = new DataView(record.buffer);
  view.setUint32(0, payload.length, true);
  view.setUint32(8, mask(crc32c(record.subarray(0, 8))), true);
  record.set(payload, 12);
  view.setUint32(12 + payload.length, mask(crc32c(payload)), true);
  return record;
}

function generate() {
  mkdirSync(dir, {recursive: true});
  const target = sizeMB * 1024 * 1024;
  const tags = ["charts/episodic_return", "charts/episodic_length", "losses/value_loss", "losses/policy_loss", "losses/entropy", "charts/SPS"].map((t) => new TextEncoder().encode(t));
  if (!existsSync(files.tfevents)) {
    const fd = openSync(files.tfevents, "w");
    let written = 0;
    for (let step = 0; written < target; step += 100) {
      const chunk: Uint8Array[] = [];
      for (let k = 0; k < tags.length; k++) chunk.push(tfRecord(step, tags[k], Math.sin(step * 1e-4 + k) * 100, 1.7e9 + step * 0.01));
      for (const c of chunk) written += writeSync(fd, c);
    }
    closeSync(fd);
  }
  if (!existsSync(files.csv)) {
    const fd = openSync(files.csv, "w");
    let written = writeSync(fd, "experiment,algorithm,task,seed,step,metric,value\n");
    let buffer = "";
    outer: for (let task = 0; ; task++) {
      for (const algorithm of ["tdmpc2", "tdmpc", "sac", "dreamerv3"]) {
        for (let seed = 1; seed <= 5; seed++) {
          for (let step = 0; step <= 4_000_000; step += 50_000) {
            buffer += `bench,${algorithm},task-${task},${seed},${step},reward,${(Math.sin(step * 1e-6 + seed + task) * 500 + 500).toFixed(1)}\n`;
            if (buffer.length > 1 << 20) {
              written += writeSync(fd, buffer);
              buffer = "";
              if (written >= target) break outer;
            }
          }
        }
      }
    }
    closeSync(fd);
  }
  if (!existsSync(files.jsonl)) {
    const fd = openSync(files.jsonl, "w");
    let written = 0;
    let buffer = "";
    for (let step = 0; written < target; step += 100) {
      const record: Record<string, number> = {_step: step, _runtime: step * 0.01, _timestamp: 1.7e9 + step * 0.01};
      record["charts/SPS"] = 1000 + (step % 97);
      record["losses/value_loss"] = Math.cos(step * 1e-4);
      if (step % 1000 === 0) record["charts/episodic_return"] = Math.sin(step * 1e-5) * 100;
      buffer += JSON.stringify(record) + "\n";
      if (buffer.length > 1 << 20) {
        written += writeSync(fd, buffer);
        buffer = "";
      }
    }
    closeSync(fd);
  }
}

// ---------- cases (each runs in a child process) ----------
const cases: Record<string, () => Promise<{file: string; rows: number}>> = {
  "fs read (I/O ceiling), tfevents": async () => {
    let bytes = 0;
    for await (const chunk of createReadStream(files.tfevents)) bytes += (chunk as Buffer).length;
    return {file: files.tfevents, rows: bytes};
  },
  "tensorboardRows, streamed": async () => {
    let rows = 0;
    for await (const _ of tensorboardRows(files.tfevents)) rows++;
    return {file: files.tfevents, rows};
  },
  "split the whole CSV string (non-streaming floor)": async () => {
    // Not a loader: the whole file as one string split on newlines and commas, the least work any CSV reader
    // can do (and what the loaders must not do with large files); the gap to it is the streaming + validation cost.
    const text = (await import("node:fs")).readFileSync(files.csv, "utf8");
    let rows = 0;
    for (const line of text.split("\n")) if (line.split(",").length > 1) rows++;
    return {file: files.csv, rows: rows - 1};
  },
  "readRuns(long CSV), table kept": async () => {
    const table = await readRuns(files.csv);
    return {file: files.csv, rows: table.length};
  },
  "readRuns(tfevents), table kept": async () => {
    const table = await readRuns(files.tfevents);
    return {file: files.tfevents, rows: table.length};
  },
  "readRuns(W&B JSONL), table kept": async () => {
    const table = await readRuns(files.jsonl);
    return {file: files.jsonl, rows: table.length};
  },
  "wandbJsonlRows, streamed": async () => {
    let rows = 0;
    for await (const _ of wandbJsonlRows(files.jsonl)) rows++;
    return {file: files.jsonl, rows};
  }
};

if (values.case) {
  const run = cases[values.case];
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const {file, rows} = await run();
  const wall = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const cpuS = (cpu.user + cpu.system) / 1e6;
  const mb = statSync(file).size / 1024 / 1024;
  const rss = process.resourceUsage().maxRSS / 1024; // kB → MB
  console.log(
    `${values.case.padEnd(42)} ${mb.toFixed(0).padStart(4)} MB  ${String(rows).padStart(10)} ${values.case.startsWith("fs") ? "bytes" : "rows "}  wall ${wall.toFixed(2).padStart(6)} s (${(mb / wall).toFixed(0).padStart(4)} MB/s)  cpu ${cpuS.toFixed(2).padStart(6)} s (${(mb / cpuS).toFixed(0).padStart(4)} MB/s)  peak RSS ${rss.toFixed(0).padStart(5)} MB`
  );
} else {
  generate();
  console.log(`loaders bench: ${sizeMB} MB synthetic files in ${dir}; node ${process.version}; wall may be inflated by contention on a shared machine`);
  for (const name of Object.keys(cases)) {
    const result = spawnSync(process.execPath, ["--import", "tsx", fileURLToPath(import.meta.url), "--size", String(sizeMB), "--case", name], {stdio: "inherit"});
    if (result.status !== 0) process.exitCode = 1;
  }
}
