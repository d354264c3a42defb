// Worker-thread entry of readKineto's parallel path (Node only). Protocol: {file, rank?} → the file's gpu events
// table (columns transferred, not copied) and its KinetoFileResult, or {error: {code, message, location}}.
import {parentPort} from "node:worker_threads";
import {GpuEventTableBuilder} from "../../lib/gpu/events.js";
import {BenchstatsError} from "../../lib/core/errors.js";
import {fileChunks} from "./bytes.js";
import {KinetoParser} from "./kineto.js";

parentPort!.on("message", async ({file, rank}: {file: string; rank?: number}) => {
  try {
    // One file at a time per worker: memory stays at one file's columns plus the 4 MB chunks in flight.
    const builder = new GpuEventTableBuilder(1 << 16);
    const parser = new KinetoParser(builder, {source: file, rank});
    for await (const chunk of fileChunks(file)) parser.push(chunk);
    const result = parser.end();
    const table = builder.finish([result.info]);
    const columns = [table.rank, table.device, table.stream, table.thread, table.kind, table.name, table.start_us, table.dur_us, table.correlation, ...Object.values(table.args ?? {})];
    parentPort!.postMessage({table, result}, [...new Set(columns.map((c) => c.buffer as ArrayBuffer))]);
  } catch (error) {
    const e = error as BenchstatsError;
    parentPort!.postMessage({error: {code: e instanceof BenchstatsError ? e.code : "parse", message: e?.message ?? String(error), location: e instanceof BenchstatsError ? e.location : undefined}});
  }
});
