import {basename, dirname} from "node:path";
import {BenchstatsError} from "../../lib/core/errors.js";
import {fail} from "../common/fail.js";
import {warn, type WarningOptions} from "../common/warn.js";
import {ProtoError, ProtoReader, readFloat32, readFloat64, readString, varintToInt64} from "../common/protobuf.js";
import {tfRecordBatches} from "../common/tfrecord.js";
import {RunTableWriter, type RunIdentity} from "./run-table.js";
import type {RunRow} from "../tidy/rows.js";
import type {TidyTable} from "../tidy/table.js";
import type {RunLabels} from "../types.js";

/** Options for {@link readTensorboardRuns}. */
export interface TensorboardOptions extends RunLabels, WarningOptions {}

// TensorFlow DataType enum values (tensorflow/core/framework/types.proto) that can hold a scalar metric.
const DT_FLOAT = 1, DT_DOUBLE = 2, DT_INT32 = 3, DT_UINT8 = 4, DT_INT16 = 5, DT_INT8 = 6, DT_INT64 = 9, DT_BOOL = 10, DT_BFLOAT16 = 14, DT_HALF = 19;

/**
 * Reads the scalar series of one TensorBoard event file (`events.out.tfevents.*`) into a `runs` table, one row
 * per (tag, step) value: `metric` = tag, `wall_time` = the event's Unix seconds.
 *
 * Both scalar encodings are read, as TensorBoard's own `EventAccumulator` does after its data-compat step:
 * TF1 / PyTorch `SummaryWriter` `Summary.Value.simple_value` (float32), and TF2 `Summary.Value.tensor`
 * (a one-element DT_FLOAT/DOUBLE/HALF/BFLOAT16/INT tensor in `tensor_content` or the typed `*_val` fields)
 * whose tag carries `plugin_name = "scalars"`. TF2 writes that metadata only with a tag's first value, so it is
 * remembered per tag; one-element numeric tensors of tags with no plugin metadata are taken as scalars, those
 * of other plugins (histograms, images, text, hparams) are skipped. proto3 omits `step = 0`, read as 0.
 * Framing and truncation follow {@link readTfRecords}: a file cut inside its last record (the writer was
 * still running) is read up to the cut and reported through `onWarning`. Labels come from options;
 * `experiment` defaults to the file's folder name (TensorBoard's "run"); `algorithm`, `task` and `seed` are
 * `""` unless given. An empty file, a file that is not TFRecord, a file without any scalar, and a scalar that
 * is ±Infinity (a tidy table holds finite numbers; NaN stays as missing) fail with the file and byte offset.
 *
 * @example
 * const runs = await readTensorboardRuns("logs/run1/events.out.tfevents.1700000000.host", {algorithm: "ppo", seed: "1"});
 * runs.rows()[0];
 * // {experiment: "run1", algorithm: "ppo", task: "", seed: "1", step: 1000, metric: "charts/episodic_return", value: 12.5, wall_time: 1700000012.3}
 */
export async function readTensorboardRuns(file: string, options: TensorboardOptions = {}): Promise<TidyTable<RunRow>> {
  const runs = new RunTableWriter(file, labelsOf(file, options), "offset");
  let events = 0;
  const onEvent = (event: DecodedEvent) => {
    ++events;
    for (const {tag, value} of event.scalars) runs.add(event.step, tag, value, event.wallTime, event.offset);
  };
  for await (const _ of decodedChunks(file, options, onEvent)) void _;
  if (runs.size === 0) {
    throw new BenchstatsError("empty", `no scalar summaries in ${events} event(s): the file holds no scalars (only histograms, images or text, or nothing yet)`, {file, offset: 0});
  }
  return runs.finish();
}

/**
 * Streaming form of {@link readTensorboardRuns}: one row object per scalar, as the file is read (for code
 * that filters rows rather than keeping the table).
 *
 * @example
 * for await (const row of tensorboardRows("events.out.tfevents.1.host")) console.log(row.metric, row.step, row.value);
 */
export async function* tensorboardRows(file: string, options: TensorboardOptions = {}): AsyncGenerator<RunRow> {
  const {experiment, algorithm, task, seed} = labelsOf(file, options);
  let rows: RunRow[] = [];
  const onEvent = (event: DecodedEvent) => {
    for (const {tag, value} of event.scalars) {
      if (!Number.isNaN(value) && !Number.isFinite(value)) fail("value", `expected a finite number, got ${value} for tag ${JSON.stringify(tag)} at step ${event.step}`, {file, offset: event.offset, field: "value"});
      rows.push({experiment, algorithm, task, seed, step: event.step, metric: tag, value, wall_time: event.wallTime});
    }
  };
  for await (const _ of decodedChunks(file, options, onEvent)) {
    yield* rows;
    rows = [];
  }
}

function labelsOf(file: string, options: TensorboardOptions): RunIdentity {
  return {experiment: options.experiment ?? basename(dirname(file)), algorithm: options.algorithm ?? "", task: options.task ?? "", seed: options.seed ?? ""};
}

/**
 * Decodes the file read chunk by read chunk, handing each event (with its byte offset) to `onEvent` as it is
 * decoded, and yields once a chunk: one await per chunk, and no array of events kept across it (that kept
 * the garbage collector busy).
 */
async function* decodedChunks(file: string, options: TensorboardOptions, onEvent: (event: DecodedEvent) => void): AsyncGenerator<void> {
  const pluginOfTag = new Map<string, string>();
  let first = true;
  let records = 0;
  for await (const {buffer, starts, ends, offsets} of tfRecordBatches(file, {onTruncated: (at, message) => warn(options, message.replace(/^.*?: byte \d+: /, ""), {file, offset: at})})) {
    for (let i = 0; i < starts.length; i++) {
      const offset = offsets[i];
      let event: DecodedEvent;
      try {
        event = decodeEvent(buffer, starts[i], ends[i], offset, pluginOfTag);
      } catch (error) {
        if (error instanceof ProtoError) {
          fail("parse", `record is not a valid tensorflow.Event protobuf (${error.message} at record byte ${error.at - starts[i]})`, {file, offset});
        }
        throw error;
      }
      if (first && !event.hasEventField) {
        fail("format", "first record is not a tensorflow.Event (none of its fields 1–9; expected file_version \"brain.Event:2\" or a summary)", {file, offset});
      }
      first = false;
      ++records;
      onEvent(event);
    }
    yield;
  }
  if (records === 0) fail("format", "no complete record: the file is empty or ends inside its first record (expected TensorBoard events)", {file, offset: 0});
}

interface DecodedEvent {
  /** Byte offset of the event's record in the file. */
  offset: number;
  wallTime: number;
  step: number;
  fileVersion?: string;
  scalars: {tag: string; value: number}[];
  /** Whether any field is one of Event's (1–9): a record that passes the CRC but has none is not an event file. */
  hasEventField: boolean;
}

/** Decodes the Event fields we use: 1 wall_time, 2 step, 3 file_version, 5 summary (other fields skipped). */
function decodeEvent(bytes: Uint8Array, begin: number, end: number, offset: number, pluginOfTag: Map<string, string>): DecodedEvent {
  const event: DecodedEvent = {offset, wallTime: 0, step: 0, scalars: [], hasEventField: false};
  const f = new ProtoReader(bytes, begin, end);
  while (f.next()) {
    if (f.field === 1 && f.wire === 1) event.wallTime = readFloat64(bytes, f.start);
    else if (f.field === 2 && f.wire === 0) event.step = varintToInt64(f.varint);
    else if (f.field === 3 && f.wire === 2) event.fileVersion = readString(bytes, f.start, f.end);
    else if (f.field === 5 && f.wire === 2) decodeSummary(bytes, f.start, f.end, pluginOfTag, event.scalars);
    if (f.field <= 9) event.hasEventField = true;
  }
  return event;
}

/** Summary { repeated Value value = 1 }; Value { tag 1, simple_value 2, tensor 8, metadata 9 }. */
function decodeSummary(bytes: Uint8Array, begin: number, end: number, pluginOfTag: Map<string, string>, out: {tag: string; value: number}[]): void {
  const v = new ProtoReader(bytes, begin, end);
  while (v.next()) {
    if (v.field !== 1 || v.wire !== 2) continue;
    let tag = "";
    let simple: number | undefined;
    let tensor: [number, number] | undefined;
    let plugin: string | undefined;
    const f = new ProtoReader(bytes, v.start, v.end);
    while (f.next()) {
      if (f.field === 1 && f.wire === 2) tag = readString(bytes, f.start, f.end);
      else if (f.field === 2 && f.wire === 5) simple = readFloat32(bytes, f.start);
      else if (f.field === 8 && f.wire === 2) tensor = [f.start, f.end];
      else if (f.field === 9 && f.wire === 2) plugin = pluginName(bytes, f.start, f.end);
    }
    if (plugin !== undefined && !pluginOfTag.has(tag)) pluginOfTag.set(tag, plugin);
    if (simple !== undefined) out.push({tag, value: simple});
    else if (tensor) {
      const known = pluginOfTag.get(tag);
      if (known !== undefined && known !== "scalars") continue;
      const value = scalarTensor(bytes, tensor[0], tensor[1]);
      if (value !== undefined) out.push({tag, value});
    }
  }
}

/** SummaryMetadata { plugin_data 1 { plugin_name 1 } }. */
function pluginName(bytes: Uint8Array, begin: number, end: number): string | undefined {
  const f = new ProtoReader(bytes, begin, end);
  while (f.next()) {
    if (f.field === 1 && f.wire === 2) {
      const g = new ProtoReader(bytes, f.start, f.end);
      while (g.next()) if (g.field === 1 && g.wire === 2) return readString(bytes, g.start, g.end);
    }
  }
  return undefined;
}

/**
 * The value of a one-element numeric TensorProto (dtype 1, shape 2, tensor_content 4, float_val 5, double_val 6,
 * int_val 7, int64_val 10, bool_val 11, half_val 13), or undefined when it is not a numeric scalar.
 */
function scalarTensor(bytes: Uint8Array, begin: number, end: number): number | undefined {
  let dtype = 0;
  let elements = 1;
  let content: [number, number] | undefined;
  const values: number[] = [];
  const f = new ProtoReader(bytes, begin, end);
  while (f.next()) {
    if (f.field === 1 && f.wire === 0) dtype = f.varint;
    else if (f.field === 2 && f.wire === 2) {
      const dim = new ProtoReader(bytes, f.start, f.end);
      while (dim.next()) {
        if (dim.field === 2 && dim.wire === 2) {
          const d = new ProtoReader(bytes, dim.start, dim.end);
          while (d.next()) if (d.field === 1 && d.wire === 0) elements *= varintToInt64(d.varint);
        }
      }
    } else if (f.field === 4 && f.wire === 2) content = [f.start, f.end];
    else if (f.field === 5) readPacked(bytes, f, 4, (at) => readFloat32(bytes, at), values);
    else if (f.field === 6) readPacked(bytes, f, 8, (at) => readFloat64(bytes, at), values);
    else if (f.field === 13) readPackedVarint(bytes, f, values, (x) => (dtype === DT_BFLOAT16 ? bfloat16(x) : half(x)));
    else if (f.field === 7 || f.field === 10) readPackedVarint(bytes, f, values, varintToInt64);
    else if (f.field === 11) readPackedVarint(bytes, f, values, (x) => (x ? 1 : 0));
  }
  if (elements !== 1) return undefined;
  if (content) {
    const [s, e] = content;
    const view = new DataView(bytes.buffer, bytes.byteOffset + s, e - s);
    const need = {[DT_FLOAT]: 4, [DT_DOUBLE]: 8, [DT_INT32]: 4, [DT_INT64]: 8, [DT_HALF]: 2, [DT_BFLOAT16]: 2, [DT_UINT8]: 1, [DT_INT8]: 1, [DT_INT16]: 2, [DT_BOOL]: 1}[dtype];
    if (need === undefined || e - s !== need) return undefined;
    switch (dtype) {
      case DT_FLOAT: return view.getFloat32(0, true);
      case DT_DOUBLE: return view.getFloat64(0, true);
      case DT_INT32: return view.getInt32(0, true);
      case DT_INT64: return Number(view.getBigInt64(0, true));
      case DT_HALF: return half(view.getUint16(0, true));
      case DT_BFLOAT16: return bfloat16(view.getUint16(0, true));
      case DT_UINT8: return view.getUint8(0);
      case DT_INT8: return view.getInt8(0);
      case DT_INT16: return view.getInt16(0, true);
      case DT_BOOL: return view.getUint8(0) ? 1 : 0;
    }
  }
  return values.length === 1 ? values[0] : undefined;
}

function readPacked(bytes: Uint8Array, f: {wire: number; start: number; end: number}, size: number, read: (at: number) => number, out: number[]): void {
  if ((f.wire === 5 && size === 4) || (f.wire === 1 && size === 8)) out.push(read(f.start));
  else if (f.wire === 2) for (let at = f.start; at + size <= f.end; at += size) out.push(read(at));
}

function readPackedVarint(bytes: Uint8Array, f: {wire: number; varint: number; start: number; end: number}, out: number[], map: (x: number) => number): void {
  if (f.wire === 0) out.push(map(f.varint));
  else if (f.wire === 2) {
    let x = 0, scale = 1;
    for (let at = f.start; at < f.end; at++) {
      x += (bytes[at] & 0x7f) * scale;
      if (bytes[at] < 0x80) {
        out.push(map(x));
        x = 0;
        scale = 1;
      } else scale *= 128;
    }
  }
}

/** IEEE 754 binary16 bits to a number. */
function half(bits: number): number {
  const sign = bits & 0x8000 ? -1 : 1;
  const exponent = (bits >> 10) & 0x1f;
  const fraction = bits & 0x3ff;
  if (exponent === 0) return sign * fraction * 2 ** -24;
  if (exponent === 31) return fraction ? NaN : sign * Infinity;
  return sign * (1 + fraction / 1024) * 2 ** (exponent - 15);
}

/** bfloat16 bits (the top half of a float32) to a number. */
function bfloat16(bits: number): number {
  const view = new DataView(new ArrayBuffer(4));
  view.setUint32(0, (bits & 0xffff) << 16, false);
  return view.getFloat32(0, false);
}
