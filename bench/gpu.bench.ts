/**
 * GPU trace bench: parse + temporal breakdown of a synthetic ~1 GB Kineto trace.
 *
 *   node --import tsx bench/gpu.bench.ts            # ~1 GB (default)
 *   node --import tsx bench/gpu.bench.ts --mb 200   # smaller trace
 *
 * The trace imitates the generator behind methods/formats.md §1e (the HTA anchor: 397 MB, 1.68 M events, HTA
 * needs 67 s and 1.91 GiB there): ProfilerSteps of launches, each cpu_op → cpu_op → cuda_runtime → GPU
 * kernel / memcpy / memset, ac2g flow pairs, NCCL kernels on a second stream, cudaStreamSynchronize with
 * cuda_sync, 3-decimal µs timestamps. It is written to a temp dir and deleted afterwards. The measurement runs
 * in a child process so its peak RSS covers only reading and analysing. The machine is shared (2 cores, ~8
 * engineers), so wall time can be inflated by contention; CPU time (process.cpuUsage) is printed too.
 * Target: ≥ 100 MB/s and ≤ 1 GB peak RSS.
 */
import {spawnSync} from "node:child_process";
import {mkdtempSync, openSync, rmSync, statSync, writeSync, closeSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {fileURLToPath} from "node:url";
import {createRandom} from "../lib/core/random.js";
import {sideBySide} from "./side-by-side.js";

const args = process.argv.slice(2);

if (args[0] === "--measure") {
  await measure(args[1]);
} else if (args[0] === "--generate") {
  // Writes the synthetic trace only (for profiling): --generate <file> [MB]
  console.log(`${generate(args[1], Number(args[2] ?? 1024) * 1024 * 1024)} events written to ${args[1]}`);
} else {
  const mbIndex = args.indexOf("--mb");
  const targetMb = mbIndex >= 0 ? Number(args[mbIndex + 1]) : 1024;
  const dir = mkdtempSync(join(tmpdir(), "benchstats-gpu-"));
  const file = join(dir, "synthetic_rank0.pt.trace.json");
  try {
    const t0 = performance.now();
    const events = generate(file, targetMb * 1024 * 1024);
    const bytes = statSync(file).size;
    console.log(`generated ${(bytes / 1e6).toFixed(0)} MB, ${events.toLocaleString("en")} events in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    const child = spawnSync(process.execPath, ["--import", "tsx", fileURLToPath(import.meta.url), "--measure", file], {stdio: "inherit"});
    if (child.status !== 0) process.exitCode = 1;
  } finally {
    rmSync(dir, {recursive: true, force: true});
  }
  sideBySide("gpu");
}

async function measure(file: string): Promise<void> {
  const {readKineto} = await import("../loaders/gpu/read-kineto.js");
  const {temporalBreakdown, prepareHtaTrace} = await import("../lib/gpu/index.js");
  const bytes = statSync(file).size;
  const mb = bytes / 1e6;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const table = await readKineto(file);
  const t1 = performance.now();
  const cpu1 = process.cpuUsage(cpu0);
  const prepared = prepareHtaTrace(table);
  const t2 = performance.now();
  const rows = temporalBreakdown(prepared);
  const t3 = performance.now();
  const cpu3 = process.cpuUsage(cpu0);
  const rssMiB = process.resourceUsage().maxRSS / 1024;
  const s = (ms: number) => (ms / 1000).toFixed(2);
  const cpuS = (u: NodeJS.CpuUsage) => ((u.user + u.system) / 1e6).toFixed(2);
  console.log(`file: ${mb.toFixed(0)} MB, ${table.length.toLocaleString("en")} events kept, ${prepared.length.toLocaleString("en")} after HTA's last-step filter`);
  console.log(`parse (stream + tokenize):   wall ${s(t1 - t0)} s, cpu ${cpuS(cpu1)} s  → ${(mb / ((t1 - t0) / 1000)).toFixed(0)} MB/s`);
  console.log(`HTA loading rules:           wall ${s(t2 - t1)} s`);
  console.log(`temporal breakdown:          wall ${s(t3 - t2)} s`);
  console.log(`parse + temporal breakdown:  wall ${s(t3 - t0)} s, cpu ${cpuS(cpu3)} s  → ${(mb / ((t3 - t0) / 1000)).toFixed(0)} MB/s wall, ${(mb / (Number(cpuS(cpu3)))).toFixed(0)} MB/s cpu`);
  console.log(`peak RSS:                    ${rssMiB.toFixed(0)} MiB (${((rssMiB * 1024 * 1024) / bytes).toFixed(2)}× the file)`);
  // Machine-speed reference: a bare byte scan (strings + braces, no values) of the same file, streamed. On a
  // contended machine every figure above slows down with it; the ratio to this floor is the stable number.
  const {fileChunks} = await import("../loaders/gpu/bytes.js");
  const cpuScan0 = process.cpuUsage();
  const scanT0 = performance.now();
  let objects = 0;
  let inString = false;
  for await (const chunk of fileChunks(file)) objects += scanBytes(chunk, inString, (s) => (inString = s));
  const scanCpu = process.cpuUsage(cpuScan0);
  console.log(`bare byte scan (floor):      wall ${s(performance.now() - scanT0)} s, cpu ${cpuS(scanCpu)} s  → ${(mb / Number(cpuS(scanCpu))).toFixed(0)} MB/s cpu (${objects.toLocaleString("en")} objects); parse cpu = ${(Number(cpuS(cpu1)) / Number(cpuS(scanCpu))).toFixed(1)}× the scan`);
  console.log(`reference (HTA, §1e):        397 MB in 67.5 s wall (≈ 5.9 MB/s), peak RSS 1.91 GiB (≈ 5× the file)`);
  console.log(`target:                      ≥ 100 MB/s, ≤ 1024 MiB`);
  console.log(`result row:`, JSON.stringify(rows[0]));
}

/** Counts closing braces outside strings in one chunk; `inString` carries across chunks. */
function scanBytes(buf: Buffer, inString: boolean, setInString: (s: boolean) => void): number {
  let n = 0;
  let escaped = false;
  for (let p = 0; p < buf.length; p++) {
    const b = buf[p];
    if (inString) {
      if (escaped) escaped = false;
      else if (b === 0x5c) escaped = true;
      else if (b === 0x22) inString = false;
    } else if (b === 0x22) inString = true;
    else if (b === 0x7d) n++;
  }
  setInString(inString);
  return n;
}

/** Writes a synthetic single-rank Kineto trace of about `targetBytes`; returns the number of events. */
function generate(file: string, targetBytes: number): number {
  const fd = openSync(file, "w");
  const rng = createRandom(20260407);
  let written = 0;
  let parts: string[] = [];
  let pending = 0;
  const emit = (s: string) => {
    parts.push(s);
    pending += s.length;
    if (pending > 1 << 22) flush();
  };
  const flush = () => {
    const chunk = parts.join("");
    written += writeSync(fd, chunk);
    parts = [];
    pending = 0;
  };
  emit(`{"schemaVersion": 1, "distributedInfo": {"backend": "nccl", "rank": 0, "world_size": 8}, "deviceProperties": [{"id": 0, "name": "NVIDIA H100", "numSms": 132}],\n"traceEvents": [\n`);
  const pid = 4242;
  const tid = 4242;
  let ts = 1_700_000_000_000_000 / 1000; // µs
  let correlation = 1;
  let events = 0;
  let first = true;
  const ev = (s: string) => {
    emit(first ? s : ",\n" + s);
    first = false;
    events++;
  };
  const f3 = (x: number) => x.toFixed(3);
  const kernels = ["volta_sgemm_128x64_nn", "void at::native::vectorized_elementwise_kernel<4, at::native::CUDAFunctor_add<float>>", "void cutlass::Kernel<cutlass_80_tensorop_s1688gemm_128x128_32x3_nn_align4>", "void at::native::reduce_kernel<512, 1>"];
  const launchesPerStep = 40000;
  let step = 0;
  let gpuFree = ts;
  while (written + pending < targetBytes - 4096 || step < 2) {
    const stepStart = ts;
    const stepIndex = step++;
    for (let k = 0; k < launchesPerStep && written + pending < targetBytes - 4096; ++k) {
      const opDur = 8 + rng.float() * 20;
      ev(`{"ph": "X", "cat": "cpu_op", "name": "aten::linear", "pid": ${pid}, "tid": ${tid}, "ts": ${f3(ts)}, "dur": ${f3(opDur)}, "args": {"External id": ${correlation}, "Sequence number": ${correlation}, "Fwd thread id": 0, "Record function id": 0, "Ev Idx": ${events}}}`);
      ev(`{"ph": "X", "cat": "cpu_op", "name": "aten::addmm", "pid": ${pid}, "tid": ${tid}, "ts": ${f3(ts + 1)}, "dur": ${f3(opDur - 2)}, "args": {"External id": ${correlation + 1}, "Ev Idx": ${events}}}`);
      const rt = ts + 2 + rng.float();
      const rtDur = 3 + rng.float() * 5;
      const kind = k % 50 === 0 ? "gpu_memcpy" : k % 97 === 0 ? "gpu_memset" : "kernel";
      const nccl = k % 400 === 0;
      const rtName = kind === "gpu_memcpy" ? "cudaMemcpyAsync" : kind === "gpu_memset" ? "cudaMemsetAsync" : "cudaLaunchKernel";
      ev(`{"ph": "X", "cat": "cuda_runtime", "name": "${rtName}", "pid": ${pid}, "tid": ${tid}, "ts": ${f3(rt)}, "dur": ${f3(rtDur)}, "args": {"External id": ${correlation + 1}, "cbid": 211, "correlation": ${correlation}}}`);
      const stream = nccl ? 20 : 7;
      const gStart = Math.max(gpuFree, rt + rtDur + 1 + rng.float() * 4);
      const gDur = nccl ? 150 + rng.float() * 100 : 2 + rng.float() * 30;
      const gName = kind === "gpu_memcpy" ? "Memcpy HtoD (Pageable -> Device)" : kind === "gpu_memset" ? "Memset (Device)" : nccl ? "ncclKernel_AllReduce_RING_LL_Sum_float(ncclDevComm*, unsigned long, ncclWork*)" : kernels[k % kernels.length];
      const extra = kind === "kernel" ? `"registers per thread": 72, "shared memory": 16384, "blocks per SM": 1.5, "warps per SM": 6, "grid": [160, 1, 1], "block": [128, 1, 1], "est. achieved occupancy %": 9` : `"bytes": 4194304, "memory bandwidth (GB/s)": 12.5`;
      ev(`{"ph": "X", "cat": "${kind}", "name": "${gName}", "pid": 0, "tid": ${stream}, "ts": ${f3(gStart)}, "dur": ${f3(gDur)}, "args": {"External id": ${correlation + 1}, "queued": 0, "device": 0, "context": 1, "stream": ${stream}, "correlation": ${correlation}, ${extra}}}`);
      ev(`{"ph": "s", "id": ${correlation}, "pid": ${pid}, "tid": ${tid}, "ts": ${f3(rt)}, "cat": "ac2g", "name": "ac2g"}`);
      ev(`{"ph": "f", "id": ${correlation}, "pid": 0, "tid": ${stream}, "ts": ${f3(gStart)}, "cat": "ac2g", "name": "ac2g", "bp": "e"}`);
      if (!nccl) gpuFree = gStart + gDur;
      correlation += 2;
      ts += opDur + 1 + rng.float() * 3;
      if (k % 2000 === 1999) {
        // cudaStreamSynchronize with its cuda_sync on the device.
        const syncDur = Math.max(1, gpuFree - ts);
        ev(`{"ph": "X", "cat": "cuda_runtime", "name": "cudaStreamSynchronize", "pid": ${pid}, "tid": ${tid}, "ts": ${f3(ts)}, "dur": ${f3(syncDur)}, "args": {"cbid": 131, "correlation": ${correlation}}}`);
        ev(`{"ph": "X", "cat": "cuda_sync", "name": "Stream Sync", "pid": 0, "tid": 7, "ts": ${f3(ts)}, "dur": ${f3(syncDur)}, "args": {"device": 0, "stream": 7, "correlation": ${correlation}}}`);
        correlation += 2;
        ts += syncDur + 1;
      }
    }
    ev(`{"ph": "X", "cat": "user_annotation", "name": "ProfilerStep#${stepIndex}", "pid": ${pid}, "tid": ${tid}, "ts": ${f3(stepStart)}, "dur": ${f3(ts - stepStart)}, "args": {"External id": ${correlation}}}`);
  }
  emit(`\n],\n"traceName": "synthetic_rank0.pt.trace.json"}\n`);
  flush();
  closeSync(fd);
  return events;
}
