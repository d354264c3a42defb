import type {ErrorLocation} from "../../lib/core/errors.js";
import {TidyTableBuilder} from "../tidy/builder.js";
import type {RunRow} from "../tidy/rows.js";
import type {TidyTable} from "../tidy/table.js";

/** The labels one run log gives all its values. */
export interface RunIdentity {
  experiment: string;
  algorithm: string;
  task: string;
  seed: string;
}

/**
 * A `runs` table built value by value by the streaming run readers (TensorBoard, W&B history JSONL): the
 * run's labels are set once, each value comes with its step, metric, wall time and location, and goes to
 * the columns through the builder's handles (no row object a value). `algorithm` and `task` may stay `""`:
 * run logs do not name them, and callers fill them (readRuns' options, the CLI's file names).
 *
 * @example
 * const runs = new RunTableWriter("events.out.tfevents.1", {experiment: "run1", algorithm: "", task: "", seed: ""}, "offset");
 * runs.add(1000, "loss", 0.5, 1700000000, 0);
 * runs.finish().length; // 1
 */
export class RunTableWriter {
  private readonly builder: TidyTableBuilder<RunRow>;
  private readonly set: {[K in keyof RunIdentity]: (text: string) => void} & {step: (v: number) => void; metric: (text: string) => void; value: (v: number) => void};
  // wall_time only when the log has one (rows before its first appearance keep NaN).
  private setWallTime: ((value: number) => void) | undefined;
  /** One location object for every value (only its position changes): no allocation a value. */
  private readonly at: ErrorLocation;

  /** `positions` says whether the positions given to {@link add} are lines (text logs) or byte offsets. */
  constructor(source: string, private readonly identity: RunIdentity, positions: "line" | "offset") {
    this.at = {file: source, [positions]: 0};
    this.builder = new TidyTableBuilder<RunRow>("runs", {source, emptyAllowed: ["algorithm", "task"]});
    const b = this.builder;
    this.set = {
      experiment: b.labelColumn("experiment"),
      algorithm: b.labelColumn("algorithm"),
      task: b.labelColumn("task"),
      seed: b.labelColumn("seed"),
      step: b.numberColumn("step"),
      metric: b.labelColumn("metric"),
      value: b.numberColumn("value")
    };
  }

  /** Values added so far. */
  get size(): number {
    return this.builder.size;
  }

  /** Adds one value of `metric` at `step` (wall time NaN when the log has none) found at line or byte `position`. */
  add(step: number, metric: string, value: number, wallTime: number, position: number): void {
    const {builder, set, identity, at} = this;
    if (at.line !== undefined) at.line = position;
    else at.offset = position;
    builder.start(at);
    set.experiment(identity.experiment);
    set.algorithm(identity.algorithm);
    set.task(identity.task);
    set.seed(identity.seed);
    set.step(step);
    set.metric(metric);
    set.value(value);
    if (!Number.isNaN(wallTime)) (this.setWallTime ??= builder.numberColumn("wall_time"))(wallTime);
    builder.end();
  }

  /** The table, checked against the runs schema (an infinite value or negative wall time fails at its location). */
  finish(): TidyTable<RunRow> {
    return this.builder.finish();
  }
}
