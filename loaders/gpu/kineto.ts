import {BenchstatsError} from "../../lib/core/errors.js";
import {GpuEventTableBuilder} from "../../lib/gpu/events.js";
import type {GpuDeviceProperties, GpuRankInfo} from "../../lib/gpu/events.js";

/**
 * Streaming reader for PyTorch profiler / Kineto Chrome-trace JSON.
 *
 * Traces reach gigabytes, beyond V8's ~512 MB string limit, so the file is never held as one string: bytes
 * arrive in chunks and a hand-written tokenizer walks them, extracting only what the tidy gpu events table
 * needs (`cat, name, pid, tid, ts, dur, args.{stream, correlation, device}`, and the numeric args the analyses
 * read: `bytes`, `memory bandwidth (GB/s)`, `est. achieved occupancy %`, CUPTI counters) into typed columns. An event cut
 * by a chunk boundary is re-read once the next chunk arrives. Top-level keys other than `traceEvents`
 * (`distributedInfo`, `deviceProperties`, ...) are small and parsed into `meta`, wherever they appear.
 *
 * Kept events follow HTA's loader: only events with both `dur` and `cat`, and not `cat: "Trace"` (flows,
 * instants and most metadata events drop out). What HTA's timestamp rounding depends on — whether any event
 * wrote `ts` as a float literal or lacked it — is recorded per file (`GpuRankInfo.htaRounds`).
 */

const NEED_MORE = Symbol("need more bytes");

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const LBRACE = 0x7b;
const RBRACE = 0x7d;
const LBRACKET = 0x5b;
const RBRACKET = 0x5d;
const COMMA = 0x2c;
const COLON = 0x3a;

/** Options for one Kineto file. */
export interface KinetoFileOptions {
  /** File name used in error messages and as the rank's `source`. */
  source: string;
  /** Rank to use when the trace has no `distributedInfo.rank` (default: from the file name, else 0). */
  rank?: number;
  /**
   * Whether to keep the numeric args beyond stream / correlation / device in the table's `args` (default true);
   * analyses that never read them (the temporal breakdown, idle time, overlap, queue length) skip the columns.
   */
  keepArgs?: boolean;
}

/** The per-file outcome of {@link KinetoParser}. */
export interface KinetoFileResult {
  info: GpuRankInfo;
  /** Top-level keys other than traceEvents (distributedInfo, deviceProperties, ...). */
  meta: Record<string, unknown>;
  /** Events in `traceEvents`, kept or not. */
  eventsSeen: number;
  /** Events appended to the table. */
  eventsKept: number;
}

const enum State {
  Start,
  TopKey,
  TopAfterValue,
  EventsStart,
  EventsAfterItem,
  Done
}

/**
 * Incremental Kineto parser appending events to a shared {@link GpuEventTableBuilder}. Feed it byte chunks
 * with {@link KinetoParser.push} and call {@link KinetoParser.end}; errors name the file and the byte offset
 * (in the decompressed stream for .gz files).
 *
 * @example
 * const b = new GpuEventTableBuilder();
 * const p = new KinetoParser(b, {source: "trace.json"});
 * p.push(Buffer.from('{"traceEvents": [{"ph": "X", "cat": "kernel", "name": "k", "ts": 1, "dur": 2, "args": {"stream": 7, "correlation": 3}}]}'));
 * p.end().eventsKept; // 1
 */
export class KinetoParser {
  private buf: Buffer = Buffer.alloc(0);
  /** Reused for an unparsed tail joined to the next chunk; `bufIsCarry` when `buf` lies in it. */
  private carry: Buffer = Buffer.alloc(0);
  private bufIsCarry = false;
  private pos = 0;
  /** Absolute offset of buf[0] in the stream. */
  private base = 0;
  private state = State.Start;
  private readonly firstRow: number;
  private readonly meta: Record<string, unknown> = {};
  private htaRounds = false;
  private seen = 0;
  private kept = 0;
  private readonly traceCat: number;
  /** Interned strings by a hash of their bytes, so repeated names cost no string allocation. */
  private readonly catCache = new Map<number, InternEntry[]>();
  private readonly nameCache = new Map<number, InternEntry[]>();

  // Fields of the event being parsed.
  private evCat = -1;
  private evName = -1;
  private evPid = -1;
  private evTid = -1;
  private evTs = NaN;
  private evHasTs = false;
  private evTsFloat = false;
  private evDur = NaN;
  private evHasDur = false;
  private evStream = -1;
  private evCorrelation = -1;
  private evDevice = NaN;
  /** Numeric args kept for the analyses (KEPT_ARGS and CUPTI counters), as key/value pairs of this event. */
  private readonly evArgKeys: string[] = [];
  private readonly evArgValues: number[] = [];
  /** How many of evArgKeys/evArgValues belong to the current event (reset per event without touching the arrays). */
  private evArgCount = 0;
  private readonly counterKeys = new Map<string, string>();
  private numberIsFloat = false;
  /** Whether the last string skipped was plain printable ASCII without escapes. */
  private stringPlain = true;
  /** Whether the top-level object had the traceEvents key (else the file is not a trace). */
  private sawTraceEvents = false;

  constructor(private readonly out: GpuEventTableBuilder, private readonly options: KinetoFileOptions) {
    this.firstRow = out.length;
    this.traceCat = out.kindId("Trace");
  }

  /** Feeds the next chunk of bytes. */
  push(chunk: Uint8Array): void {
    const rest = this.buf.length - this.pos;
    if (rest === 0) {
      this.base += this.buf.length;
      this.buf = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
      this.bufIsCarry = false;
    } else {
      // The unparsed tail (an event cut by the chunk boundary) and the new chunk, in one reused buffer: the
      // chunk's own buffer may be refilled by the reader (fileChunks) two chunks on.
      const need = rest + chunk.byteLength;
      if (this.carry.length < need) {
        const bigger = Buffer.allocUnsafe(Math.max(need, this.carry.length * 2));
        this.buf.copy(bigger, 0, this.pos);
        this.carry = bigger;
      } else if (this.bufIsCarry) this.carry.copyWithin(0, this.pos, this.buf.length);
      else this.buf.copy(this.carry, 0, this.pos);
      this.carry.set(chunk, rest);
      this.base += this.pos;
      this.buf = this.carry.subarray(0, need);
      this.bufIsCarry = true;
    }
    this.pos = 0;
    this.run(false);
  }

  /** Ends the input; throws if the JSON is incomplete. */
  end(): KinetoFileResult {
    this.run(true);
    if (this.state !== State.Done) {
      this.fail(this.buf.length, this.state === State.Start ? "expected a JSON object, found end of file (empty file?)" :
        "unexpected end of file: the trace is truncated (traceEvents or the top-level object is not closed)");
    }
    if (!this.sawTraceEvents) {
      // Another JSON document (an lm-eval results file, a config) read as a trace would give an empty table.
      const keys = Object.keys(this.meta).slice(0, 5).join(", ");
      throw new BenchstatsError("format", `not a Kineto trace: the top-level object has no traceEvents array (keys: ${keys || "none"})`, {file: this.options.source, offset: 0});
    }
    const rank = this.resolveRank();
    this.out.setRank(this.firstRow, rank);
    return {
      info: {rank, source: this.options.source, htaRounds: this.htaRounds, ...this.jobInfo()},
      meta: this.meta,
      eventsSeen: this.seen,
      eventsKept: this.kept
    };
  }

  /** `deviceProperties` (the fields lib's efficiency analyses read), `distributedInfo.world_size` and `baseTimeNanoseconds`, when present. */
  private jobInfo(): Pick<GpuRankInfo, "devices" | "worldSize" | "baseTimeNs"> {
    const out: Pick<GpuRankInfo, "devices" | "worldSize" | "baseTimeNs"> = {};
    if (typeof this.meta.baseTimeNanoseconds === "number" && Number.isFinite(this.meta.baseTimeNanoseconds)) out.baseTimeNs = this.meta.baseTimeNanoseconds;
    const props = this.meta.deviceProperties;
    if (Array.isArray(props)) {
      const num = (v: unknown) => (typeof v === "number" && Number.isFinite(v) ? v : undefined);
      const devices: GpuDeviceProperties[] = [];
      for (const p of props as Record<string, unknown>[]) {
        if (!p || typeof p !== "object" || num(p.id) === undefined) continue;
        devices.push({
          id: num(p.id)!, name: typeof p.name === "string" ? p.name : "",
          totalGlobalMem: num(p.totalGlobalMem), computeMajor: num(p.computeMajor), computeMinor: num(p.computeMinor),
          numSms: num(p.numSms), maxThreadsPerMultiprocessor: num(p.maxThreadsPerMultiprocessor), warpSize: num(p.warpSize)
        });
      }
      if (devices.length) out.devices = devices;
    }
    const info = this.meta.distributedInfo as {world_size?: unknown} | undefined;
    if (info && typeof info === "object" && typeof info.world_size === "number" && Number.isInteger(info.world_size)) out.worldSize = info.world_size;
    return out;
  }

  private resolveRank(): number {
    const info = this.meta.distributedInfo as {rank?: unknown} | undefined;
    if (info && typeof info === "object" && typeof info.rank === "number" && Number.isInteger(info.rank)) return info.rank;
    if (this.options.rank !== undefined) return this.options.rank;
    const m = /rank[-_]?(\d+)/i.exec(this.options.source.split(/[\\/]/).pop() ?? "");
    return m ? Number(m[1]) : 0;
  }

  private fail(at: number, message: string): never {
    throw new BenchstatsError("parse", `Kineto trace: ${message}`, {file: this.options.source, offset: this.base + at});
  }

  private run(final: boolean): void {
    for (;;) {
      const start = this.pos;
      try {
        if (!this.step()) return;
      } catch (e) {
        if (e !== NEED_MORE) throw e;
        this.pos = start;
        if (final) return;
        return;
      }
    }
  }

  /** One unit of progress; false when finished with this buffer. */
  private step(): boolean {
    const c = this.peek();
    switch (this.state) {
      case State.Start:
        if (c !== LBRACE) this.unexpected("'{' opening the trace object");
        this.pos++;
        this.state = State.TopKey;
        return true;
      case State.TopKey: {
        if (c === RBRACE) {
          this.pos++;
          this.state = State.Done;
          return true;
        }
        if (c !== QUOTE) this.unexpected("a key string or '}' in the trace object");
        const key = this.readString();
        if (this.peek() !== COLON) this.unexpected("':' after a key");
        this.pos++;
        if (key === "traceEvents") {
          this.sawTraceEvents = true;
          if (this.peek() !== LBRACKET) this.unexpected("'[' starting traceEvents");
          this.pos++;
          this.state = State.EventsStart;
        } else {
          this.meta[key] = this.readValue();
          this.state = State.TopAfterValue;
        }
        return true;
      }
      case State.TopAfterValue:
        if (c === COMMA) {
          this.pos++;
          this.state = State.TopKey;
        } else if (c === RBRACE) {
          this.pos++;
          this.state = State.Done;
        } else this.unexpected("',' or '}' after a top-level value");
        return true;
      case State.EventsStart:
        if (c === RBRACKET) {
          this.pos++;
          this.state = State.TopAfterValue;
          return true;
        }
        this.readEvent();
        this.state = State.EventsAfterItem;
        return true;
      case State.EventsAfterItem:
        if (c === COMMA) {
          this.pos++;
          this.readEvent();
        } else if (c === RBRACKET) {
          this.pos++;
          this.state = State.TopAfterValue;
        } else this.unexpected("',' or ']' after an event in traceEvents");
        return true;
      case State.Done:
        if (c === -1) return false;
        this.unexpected("end of file after the trace object");
    }
  }

  /** Next non-space byte without consuming it; −1 at the end of a final buffer; NEED_MORE otherwise. */
  private peek(): number {
    const buf = this.buf;
    let p = this.pos;
    while (p < buf.length) {
      const b = buf[p];
      if (b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09) p++;
      else {
        this.pos = p;
        return b;
      }
    }
    this.pos = p;
    if (this.state === State.Done) return -1;
    throw NEED_MORE;
  }

  private unexpected(what: string): never {
    const b = this.buf[this.pos];
    const found = b === undefined ? "end of data" : b >= 0x20 && b < 0x7f ? `'${String.fromCharCode(b)}'` : `byte 0x${b.toString(16)}`;
    this.fail(this.pos, `expected ${what}, found ${found}`);
  }

  private readEvent(): void {
    if (this.peek() !== LBRACE) this.unexpected("an event object in traceEvents");
    const eventStart = this.pos;
    this.pos++;
    this.evCat = -1;
    this.evName = -1;
    this.evPid = -1;
    this.evTid = -1;
    this.evHasTs = false;
    this.evTsFloat = false;
    this.evHasDur = false;
    this.evStream = -1;
    this.evCorrelation = -1;
    this.evDevice = NaN;
    this.evArgCount = 0;
    if (this.peek() === RBRACE) this.pos++;
    else {
      for (;;) {
        if (this.peek() !== QUOTE) this.unexpected("a key string in an event");
        const keyStart = this.pos + 1;
        const keyEnd = this.skipKey();
        this.colon();
        this.readEventField(keyStart, keyEnd - keyStart, eventStart);
        const c = this.buf[this.pos] === COMMA ? COMMA : this.peek();
        if (c === COMMA) this.pos++;
        else if (c === RBRACE) {
          this.pos++;
          break;
        } else this.unexpected("',' or '}' in an event");
      }
    }
    this.seen++;
    if (!this.evHasTs) this.htaRounds = true;
    else if (this.evTsFloat) this.htaRounds = true;
    if (!this.evHasDur || this.evCat < 0 || this.evCat === this.traceCat) return;
    if (!this.evHasTs) this.fail(eventStart, "an event with \"dur\" has no \"ts\"");
    // A negative duration would make every breakdown nonsense (−50 µs of compute, 128 % idle).
    if (this.evDur < 0) this.fail(eventStart, `an event with a negative "dur" (${this.evDur}); expected a duration ≥ 0`);
    if (this.evName < 0) this.evName = this.out.nameId("");
    const device = !Number.isNaN(this.evDevice) ? this.evDevice : this.evStream >= 0 ? this.evPid : -1;
    this.out.push(0, device, this.evStream, this.evTid, this.evCat, this.evName, this.evTs, this.evDur, this.evCorrelation);
    if (this.options.keepArgs !== false) for (let k = 0; k < this.evArgCount; ++k) this.out.setArg(this.out.length - 1, this.evArgKeys[k], this.evArgValues[k]);
    this.kept++;
  }

  private keyIs(start: number, len: number, key: string): boolean {
    if (len !== key.length) return false;
    const buf = this.buf;
    for (let k = 0; k < len; ++k) if (buf[start + k] !== key.charCodeAt(k)) return false;
    return true;
  }

  private readEventField(ks: number, kl: number, eventStart: number): void {
    const buf = this.buf;
    const first = buf[ks];
    switch (first) {
      case 0x63: // c
        if (this.keyIs(ks, kl, "cat")) {
          if (this.peek() !== QUOTE) this.fieldType("cat", "a string", eventStart);
          this.evCat = this.readInterned(this.catCache, true);
          return;
        }
        break;
      case 0x6e: // n
        if (this.keyIs(ks, kl, "name")) {
          const c = this.peek();
          if (c === QUOTE) this.evName = this.readInterned(this.nameCache, false);
          else if (c === 0x6e) this.skipValue(); // null
          else this.fieldType("name", "a string", eventStart);
          return;
        }
        break;
      case 0x74: // t
        if (this.keyIs(ks, kl, "ts")) {
          if (this.peek() === 0x6e) {
            this.skipValue();
            return;
          }
          this.evTs = this.readNumberField("ts", eventStart);
          this.evHasTs = true;
          this.evTsFloat = this.numberIsFloat;
          return;
        }
        if (this.keyIs(ks, kl, "tid")) {
          this.evTid = this.readIdField();
          return;
        }
        break;
      case 0x64: // d
        if (this.keyIs(ks, kl, "dur")) {
          if (this.peek() === 0x6e) {
            this.skipValue();
            return;
          }
          this.evDur = this.readNumberField("dur", eventStart);
          this.evHasDur = true;
          return;
        }
        break;
      case 0x70: // p
        if (this.keyIs(ks, kl, "pid")) {
          this.evPid = this.readIdField();
          return;
        }
        break;
      case 0x61: // a
        if (this.keyIs(ks, kl, "args")) {
          if (this.peek() === LBRACE) this.readArgs();
          else this.skipValue();
          return;
        }
        break;
    }
    this.skipValue();
  }

  private fieldType(field: string, expected: string, eventStart: number): never {
    this.fail(this.pos, `event at byte ${this.base + eventStart}: "${field}" must be ${expected}`);
  }

  private readNumberField(field: string, eventStart: number): number {
    const c = this.peek();
    if (c !== 0x2d && (c < 0x30 || c > 0x39)) this.fieldType(field, "a number (µs)", eventStart);
    return this.readNumber();
  }

  /** pid/tid: a number, or −1 for strings and other values. */
  private readIdField(): number {
    const c = this.peek();
    if (c === 0x2d || (c >= 0x30 && c <= 0x39)) return this.readNumber();
    this.skipValue();
    return -1;
  }

  private readArgs(): void {
    this.pos++; // {
    if (this.peek() === RBRACE) {
      this.pos++;
      return;
    }
    for (;;) {
      if (this.peek() !== QUOTE) this.unexpected("a key string in args");
      const ks = this.pos + 1;
      const kl = this.skipKey() - ks;
      this.colon();
      if (this.keyIs(ks, kl, "stream")) this.evStream = this.readCoercedNumber();
      else if (this.keyIs(ks, kl, "correlation")) this.evCorrelation = this.readCoercedNumber();
      else if (this.keyIs(ks, kl, "device")) this.evDevice = this.readCoercedNumber();
      else {
        const kept = this.keptArg(ks, kl);
        if (kept !== null) this.readKeptArg(kept);
        else this.skipValue();
      }
      const c = this.buf[this.pos] === COMMA ? COMMA : this.peek();
      if (c === COMMA) this.pos++;
      else if (c === RBRACE) {
        this.pos++;
        return;
      } else this.unexpected("',' or '}' in args");
    }
  }

  /**
   * Whether an args key is one the analyses read: a KEPT_ARGS name, or a CUPTI / PerfWorks metric name
   * (`unit__metric…`, e.g. `smsp__sass_thread_inst_executed_op_ffma_pred_on.sum`), as counter-mode traces write them.
   */
  private keptArg(ks: number, kl: number): string | null {
    const buf = this.buf;
    const first = buf[ks];
    if (first === 0x62 || first === 0x6d || first === 0x65 || first === 0x77) {
      for (const key of KEPT_ARGS) if (this.keyIs(ks, kl, key)) return key;
    }
    if (first < 0x61 || first > 0x7a) return null;
    for (let k = ks + 1; k + 1 < ks + kl; ++k) {
      if (buf[k] === 0x5f && buf[k + 1] === 0x5f) {
        const key = buf.latin1Slice(ks, ks + kl);
        // Counter names repeat on every range: keep one string per name.
        let interned = this.counterKeys.get(key);
        if (interned === undefined) this.counterKeys.set(key, (interned = key));
        return interned;
      }
    }
    return null;
  }

  /** Reads a kept arg: a number is recorded; any other value (a list, a string) is skipped. */
  private readKeptArg(key: string): void {
    const c = this.peek();
    if (c !== 0x2d && (c < 0x30 || c > 0x39)) {
      this.skipValue();
      return;
    }
    const value = this.readNumber();
    this.evArgKeys[this.evArgCount] = key;
    this.evArgValues[this.evArgCount++] = value;
  }

  /** HTA's coercion of stream / correlation: a number, a numeric string, else −1. */
  private readCoercedNumber(): number {
    const c = this.peek();
    if (c === 0x2d || (c >= 0x30 && c <= 0x39)) return this.readNumber();
    if (c === QUOTE) {
      const s = this.readString().trim();
      const v = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(s) ? Number(s) : NaN;
      return Number.isFinite(v) ? v : -1;
    }
    this.skipValue();
    return -1;
  }

  /** Parses a JSON number at pos (correctly rounded, like strtod); sets numberIsFloat for '.', 'e', 'E'. */
  private readNumber(): number {
    const buf = this.buf;
    const n = buf.length;
    let p = this.pos;
    const start = p;
    let neg = false;
    if (buf[p] === 0x2d) {
      neg = true;
      p++;
    }
    let mant = 0;
    let digits = 0;
    let b = 0;
    while (p < n && (b = buf[p]) >= 0x30 && b <= 0x39) {
      mant = mant * 10 + (b - 0x30);
      digits++;
      p++;
    }
    let fracDigits = 0;
    let isFloat = false;
    if (p < n && buf[p] === 0x2e) {
      isFloat = true;
      p++;
      while (p < n && (b = buf[p]) >= 0x30 && b <= 0x39) {
        mant = mant * 10 + (b - 0x30);
        fracDigits++;
        p++;
      }
    }
    let slow = false;
    if (p < n && ((b = buf[p]) === 0x65 || b === 0x45)) {
      isFloat = true;
      slow = true;
      p++;
      if (p < n && ((b = buf[p]) === 0x2b || b === 0x2d)) p++;
      while (p < n && (b = buf[p]) >= 0x30 && b <= 0x39) p++;
    }
    if (p >= n) throw NEED_MORE; // the number may continue in the next chunk
    if (digits === 0 || (isFloat && !slow && fracDigits === 0)) this.fail(start, "malformed number");
    this.pos = p;
    this.numberIsFloat = isFloat;
    let v: number;
    if (slow || mant > 9007199254740991 || fracDigits > 22) v = Number(buf.latin1Slice(start, p));
    else {
      // Both operands are exact doubles, so the quotient is correctly rounded: the same double strtod gives.
      v = fracDigits === 0 ? mant : mant / POW10[fracDigits];
      if (neg) v = -v;
    }
    if (!Number.isFinite(v)) this.fail(start, "malformed number");
    return v;
  }

  /** Skips a key string at pos (which is '"'), returning its closing quote's index; no plain-text tracking. */
  private skipKey(): number {
    const buf = this.buf;
    const n = buf.length;
    let p = this.pos + 1;
    while (p < n) {
      const b = buf[p];
      if (b === QUOTE) {
        this.pos = p + 1;
        return p;
      }
      p += b === BACKSLASH ? 2 : 1;
    }
    throw NEED_MORE;
  }

  /** Consumes ':' after a key (usually the very next byte). */
  private colon(): void {
    if (this.buf[this.pos] === COLON) this.pos++;
    else if (this.peek() === COLON) this.pos++;
    else this.unexpected("':' after a key");
  }

  /** Skips a string at pos (which is '"'); returns the index of its closing quote; pos moves after it. */
  private skipString(): number {
    const buf = this.buf;
    const n = buf.length;
    let p = this.pos + 1;
    let plain = true;
    while (p < n) {
      const b = buf[p];
      if (b === QUOTE) {
        this.pos = p + 1;
        this.stringPlain = plain;
        return p;
      }
      if (b === BACKSLASH) {
        plain = false;
        p += 2;
      } else {
        if (b >= 0x80 || b < 0x20) plain = false;
        p++;
      }
    }
    throw NEED_MORE;
  }

  /** Reads a string at pos and returns its interned id in the table's kinds (isKind) or names. */
  private readInterned(cache: Map<number, InternEntry[]>, isKind: boolean): number {
    const buf = this.buf;
    const s = this.pos + 1;
    const e = this.skipString();
    if (!this.stringPlain) {
      const str = this.decodeString(s, e);
      return isKind ? this.out.kindId(str) : this.out.nameId(str);
    }
    const len = e - s;
    // Hash the length and up to 24 sampled bytes (head, middle, tail); equality is then checked in full.
    let h = 0x811c9dc5 ^ len;
    if (len <= 24) for (let k = s; k < e; ++k) h = Math.imul(h ^ buf[k], 0x01000193);
    else {
      const mid = s + (len >> 1) - 4;
      for (let k = 0; k < 8; ++k) h = Math.imul(h ^ buf[s + k], 0x01000193);
      for (let k = 0; k < 8; ++k) h = Math.imul(h ^ buf[mid + k], 0x01000193);
      for (let k = 8; k > 0; --k) h = Math.imul(h ^ buf[e - k], 0x01000193);
    }
    // Keep the key a small integer (V8 boxes int32 values beyond 30 bits, which would allocate per lookup).
    h &= 0x3fffffff;
    const entries = cache.get(h);
    if (entries) {
      for (let j = 0; j < entries.length; ++j) {
        const entry = entries[j];
        const bytes = entry.bytes;
        if (bytes.length !== len) continue;
        let k = 0;
        while (k < len && bytes[k] === buf[s + k]) k++;
        if (k === len) return entry.id;
      }
    }
    const str = buf.latin1Slice(s, e);
    const id = isKind ? this.out.kindId(str) : this.out.nameId(str);
    const entry = {bytes: Uint8Array.prototype.slice.call(buf, s, e) as Uint8Array, id};
    if (entries) entries.push(entry);
    else cache.set(h, [entry]);
    return id;
  }

  private decodeString(s: number, e: number): string {
    try {
      return JSON.parse(this.buf.utf8Slice(s - 1, e + 1)) as string;
    } catch {
      this.fail(s - 1, "malformed string");
    }
  }

  /** Reads a string at pos and decodes it (escapes included). */
  private readString(): string {
    const s = this.pos + 1;
    const e = this.skipString();
    if (this.stringPlain) return this.buf.latin1Slice(s, e);
    return this.decodeString(s, e);
  }

  /** Skips any JSON value at pos (strings, numbers, literals, nested objects/arrays). */
  private skipValue(): void {
    const buf = this.buf;
    const n = buf.length;
    const c = this.peek();
    if (c === QUOTE) {
      this.skipString();
      return;
    }
    if (c === LBRACE || c === LBRACKET) {
      let depth = 0;
      let p = this.pos;
      while (p < n) {
        const b = buf[p];
        if (b === QUOTE) {
          this.pos = p;
          this.skipString();
          p = this.pos;
          continue;
        }
        if (b === LBRACE || b === LBRACKET) depth++;
        else if (b === RBRACE || b === RBRACKET) {
          depth--;
          if (depth === 0) {
            this.pos = p + 1;
            return;
          }
        }
        p++;
      }
      throw NEED_MORE;
    }
    // A number or a literal: check its bytes without building a string.
    let p = this.pos;
    if (c === 0x74 || c === 0x66 || c === 0x6e) {
      const word = c === 0x74 ? "true" : c === 0x66 ? "false" : "null";
      if (p + word.length >= n) throw NEED_MORE;
      for (let k = 1; k < word.length; ++k) if (buf[p + k] !== word.charCodeAt(k)) this.fail(p, `expected a JSON value, found a malformed literal`);
      this.pos = p + word.length;
      return;
    }
    if (c !== 0x2d && (c < 0x30 || c > 0x39)) this.unexpected("a JSON value");
    p++;
    while (p < n) {
      const b = buf[p];
      if ((b >= 0x30 && b <= 0x39) || b === 0x2e || b === 0x65 || b === 0x45 || b === 0x2b || b === 0x2d) p++;
      else break;
    }
    if (p >= n) throw NEED_MORE;
    this.pos = p;
  }

  /** A full JSON value (for the small top-level metadata): its bytes are skipped, then parsed. */
  private readValue(): unknown {
    this.peek();
    const s = this.pos;
    this.skipValue();
    if (this.pos - s > 64 * 1024 * 1024) this.fail(s, "a top-level value other than traceEvents exceeds 64 MB");
    try {
      return JSON.parse(this.buf.utf8Slice(s, this.pos));
    } catch {
      this.fail(s, "malformed JSON value");
    }
  }
}

interface InternEntry {
  bytes: Uint8Array;
  id: number;
}

/**
 * Event args kept besides stream / correlation / device: HTA's `bytes`, `memory_bw_gbps`, `est_occupancy`, and
 * the stream and event-record correlation a `Stream Wait Event` / `Event Sync` waits on (the critical path's sync edges).
 */
const KEPT_ARGS = ["bytes", "memory bandwidth (GB/s)", "est. achieved occupancy %", "wait_on_stream", "wait_on_cuda_event_record_corr_id"];

const POW10 = Array.from({length: 23}, (_, k) => 10 ** k);

declare global {
  interface Buffer {
    latin1Slice(start: number, end: number): string;
    utf8Slice(start: number, end: number): string;
  }
}
