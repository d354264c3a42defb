import type {ErrorLocation} from "../../lib/core/errors.js";

/**
 * How every reader reports what it leaves out on purpose (an Arena-Hard game whose verdict could not be
 * parsed, a battle with an invalid verdict read with `{invalid: "skip"}`, a W&B media cell, a TensorBoard
 * file cut inside its last record): one message per file and reason, with the count, through the caller's
 * `onWarning`. Without one, the message becomes a Node process warning (printed on stderr), so nothing is
 * dropped unannounced.
 */
export interface WarningOptions {
  /** Receives each message (`file:line: skipped 3 …: why`). Default: `process.emitWarning`. */
  onWarning?: (message: string) => void;
}

/**
 * Sends `message`, prefixed with its location, to `options.onWarning` or, without one, to
 * `process.emitWarning` (type `BenchstatsWarning`).
 *
 * @example
 * warn(options, "skipped 2 games whose verdict is not A>B, A>>B, A=B, …", {file});
 */
export function warn(options: WarningOptions, message: string, location: ErrorLocation): void {
  const where = [location.file !== undefined ? location.file + (location.line !== undefined ? `:${location.line}` : "") : undefined, location.offset !== undefined ? `byte ${location.offset}` : undefined]
    .filter(Boolean)
    .join(", ");
  const text = where ? `${where}: ${message}` : message;
  if (options.onWarning) options.onWarning(text);
  else process.emitWarning(text, "BenchstatsWarning");
}

/**
 * Counts skipped things per reason and reports each reason once, with its count and first location, when
 * the file is done: `skipped 12 games (first at line 4): …`.
 *
 * @example
 * const skipped = new SkipCounter();
 * skipped.add("games whose verdict could not be parsed (they count 0 weight, as in arena-hard-auto)", {file, line});
 * skipped.report(options, file);
 */
export class SkipCounter {
  private readonly reasons = new Map<string, {count: number; first: ErrorLocation}>();

  /** Notes one skipped thing of `reason` at `location`. */
  add(reason: string, location: ErrorLocation, count = 1): void {
    const entry = this.reasons.get(reason);
    if (entry) entry.count += count;
    else this.reasons.set(reason, {count, first: location});
  }

  /** How many were skipped, over all reasons. */
  get total(): number {
    let n = 0;
    for (const {count} of this.reasons.values()) n += count;
    return n;
  }

  /** One warning per reason, through {@link warn}. */
  report(options: WarningOptions, file: string): void {
    for (const [reason, {count, first}] of this.reasons) {
      const at = first.line !== undefined ? ` (first at line ${first.line})` : first.offset !== undefined ? ` (first at byte ${first.offset})` : first.row !== undefined ? ` (first at record ${first.row})` : "";
      warn(options, `skipped ${count} ${reason}${at}`, {file});
    }
  }
}
