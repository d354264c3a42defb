/**
 * The tidy tables (docs/design.md "Tidy tables"): one schema per table, the single description of their
 * columns that every reader, writer and converter of this project follows. Column names are snake_case;
 * each column is either numbers (`float64`, `NaN`/null = missing) or labels (dictionary-coded text, `""` =
 * missing). A schema says which columns a table must have, which names users' files may give them
 * (`agent` for `algorithm`, …), and which values are out of range for the table itself (a negative
 * duration, a winner other than `a | b | tie`); formats with narrower ranges (a probability, a percentage)
 * check those in their own loader.
 */

/**
 * The tidy tables. `gpu` is the gpu events table; `gpu-metrics` the sampled metrics of nvidia-smi / dmon;
 * `reference` the per-task anchors of min-max normalisation (Atari's random and human scores).
 */
export type TableKind = "runs" | "scores" | "samples" | "battles" | "gpu" | "gpu-metrics" | "reference";

/** What values a number column may hold, besides `NaN` (missing) where the column is not required. */
export interface NumberRange {
  /** Smallest allowed value (inclusive). */
  min?: number;
  /** Largest allowed value (inclusive). */
  max?: number;
  /** Only whole numbers. */
  integer?: boolean;
}

export interface ColumnDefinition {
  name: string;
  type: "label" | "number";
  /** The table must have the column; a label column then needs a non-empty label in every row. */
  required?: boolean;
  /** Numbers: `NaN` (missing) is not allowed either (times and durations of gpu events). */
  complete?: boolean;
  /** Other names a file may use for the column (matched case-insensitively, like `name`). */
  aliases?: readonly string[];
  /** Labels: the only values allowed. */
  values?: readonly string[];
  /** Numbers: the range allowed (numbers must always be finite: ±Infinity is never a value). */
  range?: NumberRange;
  /** One line for docs and error messages. */
  doc: string;
}

export interface TableSchema {
  kind: TableKind;
  /** Name in messages ("gpu events"). */
  title: string;
  columns: readonly ColumnDefinition[];
  /** Columns a file may add beyond `columns` are kept (`battles`: judge, features, …) rather than dropped. */
  keepExtra: boolean;
}

const label = (name: string, doc: string, more: Partial<ColumnDefinition> = {}): ColumnDefinition => ({name, type: "label", doc, ...more});
const number = (name: string, doc: string, more: Partial<ColumnDefinition> = {}): ColumnDefinition => ({name, type: "number", doc, ...more});

/** The schemas, by table. */
export const SCHEMAS: Readonly<Record<TableKind, TableSchema>> = {
  runs: {
    kind: "runs",
    title: "runs",
    keepExtra: false,
    columns: [
      label("experiment", "the experiment or log folder the run belongs to"),
      label("algorithm", "the agent or method", {required: true, aliases: ["agent", "method"]}),
      label("task", "the environment, game or task", {required: true, aliases: ["game", "env"]}),
      label("seed", "the run's identity within (experiment, algorithm, task); \"\" on summary rows over seeds", {aliases: ["run"]}),
      number("step", "training step of the value; NaN when the source has none (a final score)"),
      label("metric", "what `value` measures (episodic_return, human_normalized_score, …)"),
      number("value", "the measured value; NaN = a missing run", {required: true, aliases: ["score"]}),
      number("wall_time", "Unix seconds when the value was logged", {range: {min: 0}}),
      number("std", "spread across seeds, on summary rows only", {range: {min: 0}})
    ]
  },
  scores: {
    kind: "scores",
    title: "scores",
    keepExtra: false,
    columns: [
      label("model", "the model or system", {required: true, aliases: ["system"]}),
      label("benchmark", "the benchmark the task belongs to"),
      label("task", "the task or scenario", {required: true}),
      number("score", "the aggregate score; NaN = not measured", {required: true, aliases: ["value"]}),
      number("stderr", "its standard error", {range: {min: 0}}),
      number("n", "items behind the score", {range: {min: 0, integer: true}}),
      label("source", "where the score comes from"),
      label("metric", "which score, when a source reports several (acc, acc_norm, …)"),
      label("filter", "lm-eval's answer filter"),
      number("lower", "published interval bound"),
      number("upper", "published interval bound")
    ]
  },
  samples: {
    kind: "samples",
    title: "samples",
    keepExtra: false,
    columns: [
      label("model", "the model", {required: true, aliases: ["respondent"]}),
      label("benchmark", "the benchmark the item belongs to"),
      label("item", "the item (question, prompt, instance)", {required: true}),
      label("metric", "what `value` measures (acc, exact_match, preference, …)"),
      number("value", "0/1 or a numeric score; NaN = not measured", {required: true, aliases: ["score", "correct"]})
    ]
  },
  battles: {
    kind: "battles",
    title: "battles",
    keepExtra: true,
    columns: [
      label("model_a", "the first model", {required: true}),
      label("model_b", "the second model", {required: true}),
      label("winner", "a, b or tie", {required: true, values: ["a", "b", "tie"]}),
      label("judge", "who gave the verdict"),
      number("weight", "how many identical battles the row stands for (counts from battleCounts); 1 when absent", {range: {min: 0}})
    ]
  },
  gpu: {
    kind: "gpu",
    title: "gpu events",
    keepExtra: false,
    columns: [
      number("rank", "the process rank", {required: true, complete: true, range: {min: 0, integer: true}}),
      number("device", "GPU index, −1 on the host", {range: {min: -1, integer: true}}),
      number("stream", "CUDA stream, −1 when none", {required: true, complete: true, range: {integer: true}}),
      number("thread", "Chrome-trace thread id, −1 when none"),
      label("kind", "the trace category (kernel, gpu_memcpy, cuda_runtime, cpu_op, …)"),
      label("category", "HTA's kernel category (COMMUNICATION, MEMORY, COMPUTATION, OTHER)"),
      label("name", "the event name", {required: true}),
      number("start_us", "start time, µs", {required: true, complete: true}),
      number("dur_us", "duration, µs", {required: true, complete: true, range: {min: 0}}),
      number("correlation", "CUDA correlation id, −1 when none", {range: {integer: true}})
    ]
  },
  "gpu-metrics": {
    kind: "gpu-metrics",
    title: "gpu metrics",
    keepExtra: false,
    columns: [
      label("timestamp", "as the tool wrote it; \"\" when absent"),
      number("sample", "sample number in the file", {required: true, complete: true, range: {min: 0, integer: true}}),
      label("gpu", "GPU index or PCI bus id", {required: true}),
      label("metric", "field name as the tool names it", {required: true}),
      label("unit", "unit from the header"),
      number("value", "numeric value; NaN when the tool printed N/A or text"),
      label("text", "the cell as written")
    ]
  },
  reference: {
    kind: "reference",
    title: "reference scores",
    keepExtra: false,
    columns: [
      label("task", "the task the anchors belong to", {required: true, aliases: ["game", "env"]}),
      number("min", "the score that normalises to 0 (a random agent's)", {required: true, complete: true, aliases: ["random", "low"]}),
      number("max", "the score that normalises to 1 (a human's)", {required: true, complete: true, aliases: ["human", "high"]})
    ]
  }
};

/**
 * The `{name, type}` of each named column of `kind`, in the order given: what a reader's query yields.
 * Throws for a name the schema does not know (a typo in a reader would otherwise be a silent label).
 *
 * @example columnTypes("samples", ["model", "value"]); // [{name: "model", type: "label"}, {name: "value", type: "number"}]
 */
export function columnTypes(kind: TableKind, names: readonly string[]): {name: string; type: "label" | "number"}[] {
  return names.map((name) => {
    const definition = SCHEMAS[kind].columns.find((c) => c.name === name);
    if (!definition) throw new Error(`the ${SCHEMAS[kind].title} schema has no column ${JSON.stringify(name)}`);
    return {name, type: definition.type};
  });
}

/** The table kinds, in the order of docs/design.md. */
export const TABLE_KINDS = Object.keys(SCHEMAS) as TableKind[];

/** The column definition of `name` in `kind`, or undefined for a column the schema does not know. */
export function columnDefinition(kind: TableKind, name: string): ColumnDefinition | undefined {
  return SCHEMAS[kind].columns.find((c) => c.name === name);
}

/**
 * Maps a file's column names to the schema's: exact names first, then aliases, case-insensitively and
 * trimmed; a file column that matches nothing keeps its own name (and is kept only when the schema keeps
 * extra columns). Returns, per file column, the canonical name, and the required columns still missing.
 *
 * @example
 * mapColumns("runs", ["Agent", "game", "run", "score"]);
 * // {names: ["algorithm", "task", "seed", "value"], missing: []}
 */
export function mapColumns(kind: TableKind, header: readonly string[], rename: Readonly<Record<string, string>> = {}): {names: (string | undefined)[]; missing: string[]} {
  const schema = SCHEMAS[kind];
  const names: (string | undefined)[] = new Array(header.length).fill(undefined);
  const taken = new Set<string>();
  const lower = header.map((h) => h.trim().toLowerCase());
  for (const [from, to] of Object.entries(rename)) {
    const i = lower.indexOf(from.trim().toLowerCase());
    if (i >= 0 && !taken.has(to)) {
      names[i] = to;
      taken.add(to);
    }
  }
  for (const column of schema.columns) {
    if (taken.has(column.name)) continue;
    const i = lower.indexOf(column.name);
    if (i >= 0 && names[i] === undefined) {
      names[i] = column.name;
      taken.add(column.name);
    }
  }
  for (const column of schema.columns) {
    if (taken.has(column.name)) continue;
    for (const alias of column.aliases ?? []) {
      const i = lower.indexOf(alias);
      if (i >= 0 && names[i] === undefined) {
        names[i] = column.name;
        taken.add(column.name);
        break;
      }
    }
  }
  for (let i = 0; i < header.length; ++i) {
    if (names[i] !== undefined) continue;
    const name = header[i].trim();
    if (schema.keepExtra && name !== "" && !taken.has(name)) {
      names[i] = name;
      taken.add(name);
    }
  }
  const missing = schema.columns.filter((c) => c.required && !taken.has(c.name)).map((c) => c.name);
  return {names, missing};
}
