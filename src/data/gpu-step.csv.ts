// The events of one profiler step of the NCCL trace, after HTA's loading rules: GPU kernels, memcpys, memsets and
// syncs per stream, and the CPU runtime calls that launched them, for the page's timeline.
import {gpuEventRows, prepareHtaTrace} from "../../lib/gpu/index.js";
import {TRACES, toCsv} from "./gpu.js";

const events = await TRACES.find((t) => t.id === "nccl")!.read();
const t = prepareHtaTrace(events);
const rows = gpuEventRows(t);
// ProfilerStep#5: the middle step (the last one, #6, is what HTA's filter removes).
const step = rows.find((r) => r.name === "ProfilerStep#5");
if (!step) throw new Error("gpu-step: ProfilerStep#5 not found in the NCCL trace");
const end = step.start_us + step.dur_us;
const inStep = rows.filter((r) => r.start_us < end && r.start_us + r.dur_us > step.start_us && (r.stream !== -1 || r.kind === "cuda_runtime" || r.name === "ProfilerStep#5"));
// PyTorch writes a CPU thread's id into the trace as a signed 32-bit number (-549452224); the lane shows the
// unsigned id it stands for (3745515072), as the operating system and PyTorch's own profiler tables count it.
const unsignedThreadId = (tid: number | undefined) => (tid !== undefined && tid < 0 && tid >= -(2 ** 31) ? tid + 2 ** 32 : tid);
const lane = (r: (typeof rows)[number]) => (r.stream !== -1 ? `GPU stream ${r.stream}` : r.kind === "cuda_runtime" ? `CPU thread ${unsignedThreadId(r.thread)} (runtime)` : "CPU step");
process.stdout.write(toCsv(
  inStep.map((r) => ({...r, lane: lane(r), start_ms: (r.start_us - step.start_us) / 1000, end_ms: (r.start_us + r.dur_us - step.start_us) / 1000})),
  ["lane", "kind", "category", "name", "stream", "start_ms", "end_ms", "dur_us", "correlation"]
));
