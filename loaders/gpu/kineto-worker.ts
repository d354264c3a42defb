// Worker-thread entry of the multi-file Kineto readers (Node only; started by kineto-pool.ts). Protocol:
// {type: "read", file, rank?} → {answer: {table, result}}, the file's gpu events table with its columns
// transferred, not copied; {type: "analyse", file, spec} → {answer: RankFileAnswer}, the rows of the per-rank
// analyses only; either may answer {error: {code, message, location}}. One file at a time per worker: memory
// stays at one file's columns plus the 1 MB chunks in flight.
import {parentPort} from "node:worker_threads";
import {sentError} from "./kineto-pool.js";
import {analyseRankFile, readRankFile, type RankFileSpec} from "./rank-file.js";

type Job = {type: "read"; file: string; rank?: number} | {type: "analyse"; file: string; spec: RankFileSpec};

parentPort!.on("message", async (job: Job) => {
  try {
    if (job.type === "analyse") {
      parentPort!.postMessage({answer: await analyseRankFile(job.file, job.spec)});
      return;
    }
    const {table, result} = await readRankFile(job.file, job.rank);
    const columns = [table.rank, table.device, table.stream, table.thread, table.kind, table.name, table.start_us, table.dur_us, table.correlation, ...Object.values(table.args ?? {})];
    parentPort!.postMessage({answer: {table, result}}, [...new Set(columns.map((c) => c.buffer as ArrayBuffer))]);
  } catch (error) {
    parentPort!.postMessage({error: sentError(error)});
  }
});
