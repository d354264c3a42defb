// Progress on stderr for long computations (bootstraps): a redrawn line on a terminal, sparse lines in logs.

export type ProgressCallback = (done: number, total: number) => void;

/**
 * Returns a progress callback that reports `label: 42% (21000/50000)` on stderr. On a terminal the line
 * is redrawn at most every 100 ms; otherwise (CI logs) a line is printed at each 10% step. `quiet`
 * silences it. Call the returned `end()` when the work is done.
 */
export function createProgress(label: string, quiet: boolean, stream: NodeJS.WriteStream = process.stderr): {
  update: ProgressCallback;
  end(): void;
} {
  const tty = Boolean(stream.isTTY);
  let lastTime = 0;
  let lastDecile = -1;
  let drawn = false;
  function update(done: number, total: number): void {
    if (quiet || !(total > 0)) return;
    const fraction = Math.min(1, done / total);
    const text = `${label}: ${Math.floor(fraction * 100)}% (${done}/${total})`;
    if (tty) {
      const now = Date.now();
      if (now - lastTime < 100 && done < total) return;
      lastTime = now;
      stream.write(`\r${text}\u001b[K`);
      drawn = true;
    } else {
      const decile = Math.floor(fraction * 10);
      if (decile === lastDecile) return;
      lastDecile = decile;
      stream.write(text + "\n");
    }
  }
  function end(): void {
    if (tty && drawn) stream.write("\n");
  }
  return {update, end};
}
