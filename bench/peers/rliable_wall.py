"""rliable's get_interval_estimates on the side-by-side input (the Atari 100k score dictionary the side-by-side harness writes), timed in CPU
and wall seconds: the harness's rliable call, with the wall clock added for bench/rl.bench.ts's worker-thread case
(rliable runs on one thread, so its wall time is what a user waits).
usage: PYTHONPATH=PATH/TO/arch:PATH/TO/rliable python3 bench/peers/rliable_wall.py INPUT.json REPS"""
import json, sys, time
import numpy as np
from rliable import library as rly, metrics

d = {k: np.asarray(v) for k, v in json.load(open(sys.argv[1])).items()}
reps = int(sys.argv[2])
np.random.seed(0)
c0, t0 = time.process_time(), time.perf_counter()
rly.get_interval_estimates(d, lambda x: np.array([metrics.aggregate_iqm(x)]), reps=reps)
cpu, wall = time.process_time() - c0, time.perf_counter() - t0
print(json.dumps({"tool": "rliable", "reps": reps, "us_per_rep": round(cpu / reps * 1e6, 2), "wall_us_per_rep": round(wall / reps * 1e6, 2)}))
