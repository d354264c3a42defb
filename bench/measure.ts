/**
 * Times `f` `repeats` times and prints the median wall and CPU (user + system) time next to the
 * reference figure it is compared with. CPU time is the figure to trust on a shared machine.
 */
export function measure<T>(label: string, reference: string, f: () => T, repeats = 3, unit: "ms" | "s" = "ms"): T {
  let result!: T;
  const walls: number[] = [];
  const cpus: number[] = [];
  for (let r = 0; r < repeats; ++r) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    result = f();
    walls.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpus.push((c.user + c.system) / 1000);
  }
  const median = (a: number[]) => a.slice().sort((x, y) => x - y)[Math.floor(a.length / 2)];
  const format = (ms: number) => (unit === "s" ? (ms / 1000).toFixed(2).padStart(7) : ms.toFixed(1).padStart(9));
  console.log(`${label.padEnd(58)} wall ${format(median(walls))} ${unit}  cpu ${format(median(cpus))} ${unit}  (median of ${repeats}; ${reference})`);
  return result;
}
