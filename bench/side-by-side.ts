// Side-by-side speed against the peer tools, shared by rl, pairwise, irt and gpu benches.
//
// A speed ratio against a peer means little when the two figures come from different days and loads
// (the project's machine is shared: the load average here is often 10 or more on 2 cores). So when the
// peers' sources are present (`../shared/peers` beside the repository, or BENCHSTATS_PEERS), each bench
// runs the peer and benchstats on the same input, alternating, in fresh processes, exactly as
// `bash ../shared/peers/sidebyside/run.sh` does, and prints the ratio of the medians from that one run.
// Without them it prints how to get them. The peer side needs Debian's python3 with numpy, scipy,
// absl for rliable (`apt-get install -y python3-absl`: run.sh does not install it) and pandas, plotly,
// networkx, ijson for HTA; the bench names the Debian packages of whatever is missing.
//
//   node --import tsx bench/rl.bench.ts --peers 3   # 3 alternating rounds (default 2); --no-peers skips
import {execFileSync} from "node:child_process";
import {existsSync, mkdirSync} from "node:fs";
import {loadavg, cpus} from "node:os";
import {join, resolve} from "node:path";
import {fileURLToPath} from "node:url";

const root = resolve(fileURLToPath(import.meta.url), "..", "..");
const python = "/usr/bin/python3";

/** The peers folder (holding sidebyside/), or undefined. */
export function peersDir(): string | undefined {
  const candidates = [process.env.BENCHSTATS_PEERS, resolve(root, "..", "shared", "peers"), resolve(root, "..", "..", "shared", "peers")];
  return candidates.find((dir) => dir && existsSync(join(dir, "sidebyside", "run.sh")));
}

interface SideCase {
  label: string;
  /** JSON field compared (a time: smaller is faster). */
  field: string;
  peer: string[];
  ours: string[];
  /** Extra JSON fields printed beside the times (e.g. logLik). */
  show?: string[];
  /** Peak-memory field on both sides (MiB): prints benchstats' share of the peer's, against `memoryTarget`. */
  memory?: string;
  memoryTarget?: number;
  /** Target of the speed ratio (peer ÷ benchstats), printed with it. */
  target?: number;
  /** A result field both sides must agree on (the same answer, not only the same speed). */
  same?: string;
}

type Group = "rl" | "pl" | "irt" | "gpu";

function cases(group: Group, peers: string, work: string): {prepare: () => void; list: SideCase[]; env: NodeJS.ProcessEnv} {
  const side = join(peers, "sidebyside");
  const py = (script: string, ...args: string[]) => [python, "-W", "ignore", join(side, script), ...args];
  const ts = (script: string, ...args: string[]) => [process.execPath, "--import", "tsx", join(side, script), ...args];
  const sh = (command: string[]) => execFileSync(command[0], command.slice(1), {cwd: root, env: {...process.env, PYTHONPATH: pythonPath}, stdio: "ignore"});
  const pythonPath = [join(peers, "arch"), join(peers, "rliable"), join(peers, "choix"), join(peers, "hta")].join(":");
  if (group === "rl") {
    const input = join(work, "atari.json");
    return {
      env: {PYTHONPATH: pythonPath},
      prepare: () => existsSync(input) || sh(py("atari.py", input)),
      list: [
        ...(["iqm", "all4"] as const).map((c) => ({
          label: `rliable ${c} interval, CPU per replicate (rliable 2,000 reps, benchstats 50,000)`,
          field: "us_per_rep",
          peer: py("rliable_peer.py", input, c, "2000"),
          ours: ts("benchstats_rl.ts", input, c, "50000"),
          target: 30
        })),
        {
          // What a user waits for: rliable on its one thread against intervalEstimatesParallel on 2 worker
          // threads, in a fresh process (the pool's start included), wall time per replicate.
          label: "rliable IQM interval, wall per replicate: rliable (1 thread, 2,000 reps) vs benchstats on 2 worker threads (50,000, fresh process)",
          field: "wall_us_per_rep",
          peer: [python, "-W", "ignore", join(root, "bench", "peers", "rliable_wall.py"), input, "2000"],
          ours: [process.execPath, "--import", "tsx", join(root, "bench", "rl.bench.ts"), "--measure-parallel", input, "50000", "2"],
          show: ["us_per_rep"]
        }
      ]
    };
  }
  if (group === "pl") {
    const input = join(work, "pl.json");
    return {
      env: {PYTHONPATH: pythonPath},
      prepare: () => existsSync(input) || sh(py("choix_peer.py", "gen", input)),
      list: (["ilsr_rankings", "ilsr_top1"] as const).map((c) => ({
        label: `choix ${c}, CPU of the fit (100 models × 100k samples, 95 % missing)`,
        field: "cpu_s",
        peer: py("choix_peer.py", c, input),
        ours: ts("benchstats_pl.ts", c, input)
      }))
    };
  }
  if (group === "irt") {
    const dir = join(work, "irt");
    return {
      env: {},
      prepare: () => existsSync(join(dir, "responses.txt")) || sh(py("irt_simulate.py", dir)),
      list: [{label: "2PL MML 1000 × 2000 vs numpy/scipy L-BFGS, CPU", field: "cpu_s", peer: py("irt_peer.py", dir), ours: ts("benchstats_irt.ts", dir), show: ["logLik"]}]
    };
  }
  const trace = join(work, "trace", "rank0.json");
  return {
    env: {PYTHONPATH: pythonPath},
    prepare: () => {
      mkdirSync(join(work, "trace"), {recursive: true});
      if (!existsSync(trace)) sh(py("gen_kineto.py", trace, "--steps", "10", "--seed", "1"));
    },
    list: [{
      label: "HTA load + temporal breakdown, 155 MB Kineto trace (gen_kineto.py --steps 10 --seed 1), CPU", field: "cpu_s",
      peer: py("hta_peer.py", join(work, "trace")),
      // benchstats in a fresh process of bench/gpu.bench.ts: readGpuEvents + temporalBreakdown, CPU and peak RSS.
      ours: [process.execPath, "--import", "tsx", join(root, "bench", "gpu.bench.ts"), "--measure-quick", trace],
      show: ["maxrss_mib"], memory: "maxrss_mib", memoryTarget: 0.25, target: 20, same: "compute_us"
    }]
  };
}

/** The Python modules each group's peer imports, with the Debian package holding each. */
const PYTHON_MODULES: Record<Group, [module: string, debianPackage: string][]> = {
  rl: [["numpy", "python3-numpy"], ["scipy", "python3-scipy"], ["absl", "python3-absl"]],
  pl: [["numpy", "python3-numpy"], ["scipy", "python3-scipy"]],
  irt: [["numpy", "python3-numpy"], ["scipy", "python3-scipy"]],
  gpu: [["numpy", "python3-numpy"], ["pandas", "python3-pandas"], ["plotly", "python3-plotly"], ["networkx", "python3-networkx"], ["ijson", "python3-ijson"]],
};

const median = (v: number[]) => {
  const s = v.slice().sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/** The last line of a command's output that parses as JSON (HTA's side prints its own JSON object). */
function runJson(command: string[], env: NodeJS.ProcessEnv): Record<string, any> {
  const out = execFileSync(command[0], command.slice(1), {cwd: root, env: {...process.env, ...env}, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"], maxBuffer: 1 << 26});
  const text = out.trim();
  try {
    return JSON.parse(text);
  } catch {
    return JSON.parse(text.split("\n").filter((l) => l.startsWith("{")).pop()!);
  }
}

/** HTA's side reports load and breakdown separately; fold them into cpu_s and maxrss_mib as run.sh does. */
function normalise(group: Group, result: Record<string, any>): Record<string, any> {
  if (group === "gpu" && result.load_cpu_s !== undefined) {
    return {...result, cpu_s: result.load_cpu_s + result.temporal_cpu_s, maxrss_mib: result.maxrss_self_MiB, compute_us: result.temporal?.[0]?.["compute_time(us)"]};
  }
  return result;
}

/**
 * Runs the group's side-by-side cases when the peers are present (rounds from `rounds`, else `--peers N`, default
 * 2; `--no-peers` skips), else prints how to. Prints one line per run and a ratio line per case (and, where the
 * case names them, the memory ratio and whether both sides gave the same answer).
 */
export function sideBySide(group: Group, rounds?: number): void {
  if (process.argv.includes("--no-peers")) return;
  const peers = peersDir();
  console.log(`\nSide by side with the peer tool (${group}):`);
  if (!peers) {
    console.log("  peers not found: put the peer sources at ../shared/peers (sidebyside/run.sh inside) or set BENCHSTATS_PEERS,");
    console.log(`  then rerun this bench, or run \`bash ../shared/peers/sidebyside/run.sh ${group} 3\` from the repository root.`);
    return;
  }
  if (!existsSync(python)) {
    console.log(`  ${python} not found: the peer side needs Debian's python3 with numpy and scipy.`);
    return;
  }
  // run.sh installs numpy, scipy, pandas, statsmodels, plotly, networkx and ijson on first use, but not
  // absl, which rliable imports: name the missing modules and the Debian packages that hold them.
  const missing = PYTHON_MODULES[group].filter(([module]) => {
    try {
      execFileSync(python, ["-c", `import ${module}`], {stdio: "ignore"});
      return false;
    } catch {
      return true;
    }
  });
  if (missing.length) {
    console.log(`  ${python} lacks ${missing.map(([m]) => m).join(", ")}: apt-get install -y ${missing.map(([, pkg]) => pkg).join(" ")}`);
    return;
  }
  const arg = process.argv.indexOf("--peers");
  rounds ??= arg > 0 ? Number(process.argv[arg + 1]) : 2;
  const work = process.env.SIDEBYSIDE_TMP ?? join(root, ".bench", "sidebyside");
  mkdirSync(work, {recursive: true});
  const {prepare, list, env} = cases(group, peers, work);
  prepare();
  console.log(`  ${cpus().length} cores (${cpus()[0]?.model ?? "?"}), load average ${loadavg().map((v) => v.toFixed(1)).join(" ")}; ${rounds} alternating rounds, fresh processes`);
  for (const c of list) {
    const peer: number[] = [];
    const ours: number[] = [];
    const peerMem: number[] = [];
    const oursMem: number[] = [];
    let same = true;
    for (let r = 0; r < rounds; ++r) {
      const p = normalise(group, runJson(c.peer, env));
      const o = runJson(c.ours, env);
      peer.push(p[c.field]);
      ours.push(o[c.field]);
      if (c.memory) {
        peerMem.push(p[c.memory]);
        oursMem.push(o[c.memory]);
      }
      if (c.same && p[c.same] !== o[c.same]) same = false;
      const extra = (x: Record<string, any>) => (c.show ?? []).map((k) => `, ${k} ${x[k]}`).join("");
      console.log(`  round ${r + 1}: peer ${p[c.field]}${extra(p)} | benchstats ${o[c.field]}${extra(o)}`);
    }
    const ratio = median(peer) / median(ours);
    const target = c.target === undefined ? "" : `, target ≥ ${c.target}×: ${ratio >= c.target ? "met" : "not met"}`;
    console.log(`  ${c.label}: peer median ${median(peer)}, benchstats median ${median(ours)} → ${ratio.toFixed(1)}× (load ${loadavg()[0].toFixed(1)}${target})`);
    if (c.memory) {
      const share = median(oursMem) / median(peerMem);
      const mTarget = c.memoryTarget === undefined ? "" : ` (target ≤ ${c.memoryTarget}×: ${share <= c.memoryTarget ? "met" : "not met"})`;
      console.log(`  peak memory: peer median ${median(peerMem).toFixed(0)} MiB, benchstats ${median(oursMem).toFixed(0)} MiB → ${share.toFixed(2)}× the peer's${mTarget}`);
    }
    if (c.same) console.log(`  same ${c.same} on both sides in every round: ${same ? "yes" : "NO"}`);
  }
}
