import {readFile, stat} from "node:fs/promises";
import {gunzipSync} from "node:zlib";
import type {Database, SqlValue} from "sql.js";
import {BenchstatsError} from "../../lib/core/errors.js";
import {openSqlite, sqliteError} from "../common/sqlite.js";
import {gzipError} from "../tidy/file-checks.js";
import {GpuEventTableBuilder} from "../../lib/gpu/events.js";
import type {GpuEventTable} from "../../lib/gpu/events.js";

/** Options of {@link readNsysSqlite}. */
export interface NsysOptions {
  /** Rank of this report (default 0). */
  rank?: number;
  /** The most bytes the database may have, plain or once decompressed (default {@link MAX_NSYS_BYTES}). */
  maxBytes?: number;
}

// nsys's ENUM_CUDA_MEMCPY_OPER, ENUM_CUDA_MEM_KIND and ENUM_CUPTI_SYNC_TYPE (exporter documentation).
const MEMCPY_KIND: Record<number, string> = {1: "HtoD", 2: "DtoH", 3: "HtoA", 4: "AtoH", 5: "AtoA", 6: "AtoD", 7: "DtoA", 8: "DtoD", 9: "HtoH", 10: "PtoP", 11: "HtoD", 12: "DtoH", 13: "DtoD"};
const MEMORY_KIND: Record<number, string> = {0: "Pageable", 1: "Pinned", 2: "Device", 3: "Array", 4: "Managed", 5: "Device Static", 6: "Managed Static"};
const SYNC_TYPE: Record<number, string> = {1: "Event Sync", 2: "Stream Wait Event", 3: "Stream Sync", 4: "Context Sync"};

/** The largest database {@link readNsysSqlite} reads, plain or once decompressed: 1 GiB (sql.js holds it whole). */
export const MAX_NSYS_BYTES = 2 ** 30;

/**
 * Reads an Nsight Systems SQLite export (`nsys export --type sqlite`, plain or gzipped; HTA's source)
 * into gpu events, with the names Kineto would give so HTA's classification applies unchanged:
 * CUPTI_ACTIVITY_KIND_KERNEL → `kernel` (demangled name), _MEMCPY → `gpu_memcpy` named
 * `Memcpy HtoD (Pageable -> Device)`, _MEMSET → `gpu_memset` `Memset (Device)` (both with the `bytes` arg, and
 * `memory bandwidth (GB/s)` = bytes / duration in ns as Kineto writes it), _SYNCHRONIZATION → `cuda_sync`
 * (`Event Sync`, `Stream Sync`, …), _RUNTIME → `cuda_runtime` (stream −1, thread = globalTid mod 2²⁴), NVTX_EVENTS
 * ranges → `user_annotation`. Times go from ns to µs (fractional, so HTA's rounding does not apply:
 * `htaRounds` is false). Tables are optional, since nsys creates them lazily; a file with none of them is an
 * error. Text is read as bytes and decoded leniently because exports can hold non-UTF-8 strings.
 *
 * sql.js needs the whole database in memory; nsys exports are far smaller than JSON traces of the same run.
 * So a database (plain, or once decompressed) may hold at most {@link MAX_NSYS_BYTES}: a gzip file that
 * inflates past it (a 2 MB "bomb" once grew past 3 GiB) stops there with a located error instead of
 * exhausting memory.
 *
 * @example
 * const events = await readNsysSqlite("report.sqlite.gz");
 */
export async function readNsysSqlite(path: string, options: NsysOptions = {}): Promise<GpuEventTable> {
  const MAX = options.maxBytes ?? MAX_NSYS_BYTES;
  let bytes: Uint8Array;
  try {
    const size = (await stat(path)).size;
    if (size > MAX) throw new BenchstatsError("size", `the database has ${size} bytes, more than the ${MAX} an in-memory SQLite reader can hold; export a shorter capture`, {file: path, offset: MAX});
    bytes = await readFile(path);
  } catch (e) {
    if (e instanceof BenchstatsError) throw e;
    throw new BenchstatsError("missing", `cannot read: ${(e as Error).message}`, {file: path});
  }
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
    const compressed = bytes.length;
    try {
      bytes = gunzipSync(bytes, {maxOutputLength: MAX});
    } catch (e) {
      if ((e as {code?: string})?.code === "ERR_BUFFER_TOO_LARGE") {
        throw new BenchstatsError("size", `the gzip stream inflates past ${MAX} bytes (the most an in-memory SQLite reader can hold): a corrupt file or a compression bomb`, {file: path, offset: 0});
      }
      throw gzipError(e, path, compressed, compressed);
    }
  }
  const sqlite = await openSqlite(bytes, path, "nsys export --type sqlite");
  try {
    return extract(sqlite.db, path, options.rank ?? 0);
  } catch (e) {
    throw sqliteError(e, sqlite, "corrupt or unexpected nsys database");
  } finally {
    sqlite.db.close();
  }
}

function extract(db: Database, path: string, rank: number): GpuEventTable {
  const tables = new Set(rows(db, "SELECT name FROM sqlite_master WHERE type = 'table'").map((r) => String(r[0])));
  const known = ["CUPTI_ACTIVITY_KIND_KERNEL", "CUPTI_ACTIVITY_KIND_RUNTIME", "CUPTI_ACTIVITY_KIND_MEMCPY", "CUPTI_ACTIVITY_KIND_MEMSET", "CUPTI_ACTIVITY_KIND_SYNCHRONIZATION", "NVTX_EVENTS"];
  if (!known.some((t) => tables.has(t))) {
    throw new BenchstatsError("format", `no CUDA or NVTX activity tables (expected one of ${known.join(", ")})`, {file: path, offset: 0});
  }
  const strings = new Map<number, string>();
  if (tables.has("StringIds")) {
    const decoder = new TextDecoder("utf-8");
    for (const [id, value] of rows(db, "SELECT id, CAST(value AS BLOB) FROM StringIds")) {
      strings.set(Number(id), value instanceof Uint8Array ? decoder.decode(value) : String(value ?? ""));
    }
  }
  const columns = (table: string) => new Set(rows(db, `PRAGMA table_info(${table})`).map((r) => String(r[1])));
  const str = (id: SqlValue) => (id === null ? "" : strings.get(Number(id)) ?? String(id));
  const b = new GpuEventTableBuilder(1024);
  const add = (device: number, stream: number, thread: number, kind: string, name: string, startNs: SqlValue, endNs: SqlValue, correlation: SqlValue): boolean => {
    if (startNs === null || endNs === null) return false;
    // Duration from the integer ns difference, so µs values carry no subtraction error.
    const start = Number(startNs) / 1000;
    b.push(rank, device, stream, thread, b.kindId(kind), b.nameId(name), start, (Number(endNs) - Number(startNs)) / 1000, correlation === null ? -1 : Number(correlation));
    return true;
  };

  if (tables.has("CUPTI_ACTIVITY_KIND_KERNEL")) {
    const cols = columns("CUPTI_ACTIVITY_KIND_KERNEL");
    const nameCol = cols.has("demangledName") ? "demangledName" : cols.has("shortName") ? "shortName" : "mangledName";
    for (const [start, end, device, stream, corr, name] of rows(db, `SELECT start, "end", deviceId, streamId, correlationId, ${nameCol} FROM CUPTI_ACTIVITY_KIND_KERNEL`)) {
      add(Number(device), Number(stream), -1, "kernel", str(name), start, end, corr);
    }
  }
  // Byte counts, and the bandwidth Kineto would write for them (`memory bandwidth (GB/s)` = bytes / ns).
  const addBytes = (bytes: SqlValue, startNs: SqlValue, endNs: SqlValue) => {
    if (bytes === null || startNs === null || endNs === null) return;
    const row = b.length - 1;
    const ns = Number(endNs) - Number(startNs);
    b.setArg(row, "bytes", Number(bytes));
    if (ns > 0) b.setArg(row, "memory bandwidth (GB/s)", Number(bytes) / ns);
  };
  if (tables.has("CUPTI_ACTIVITY_KIND_MEMCPY")) {
    const cols = columns("CUPTI_ACTIVITY_KIND_MEMCPY");
    const kinds = cols.has("srcKind") ? "srcKind, dstKind" : "NULL, NULL";
    const bytesCol = cols.has("bytes") ? "bytes" : "NULL";
    for (const [start, end, device, stream, corr, copyKind, src, dst, bytes] of rows(db, `SELECT start, "end", deviceId, streamId, correlationId, copyKind, ${kinds}, ${bytesCol} FROM CUPTI_ACTIVITY_KIND_MEMCPY`)) {
      const what = MEMCPY_KIND[Number(copyKind)] ?? "Unknown";
      const where = src !== null && dst !== null ? ` (${MEMORY_KIND[Number(src)] ?? "Unknown"} -> ${MEMORY_KIND[Number(dst)] ?? "Unknown"})` : "";
      if (add(Number(device), Number(stream), -1, "gpu_memcpy", `Memcpy ${what}${where}`, start, end, corr)) addBytes(bytes, start, end);
    }
  }
  if (tables.has("CUPTI_ACTIVITY_KIND_MEMSET")) {
    const bytesCol = columns("CUPTI_ACTIVITY_KIND_MEMSET").has("bytes") ? "bytes" : "NULL";
    for (const [start, end, device, stream, corr, bytes] of rows(db, `SELECT start, "end", deviceId, streamId, correlationId, ${bytesCol} FROM CUPTI_ACTIVITY_KIND_MEMSET`)) {
      if (add(Number(device), Number(stream), -1, "gpu_memset", "Memset (Device)", start, end, corr)) addBytes(bytes, start, end);
    }
  }
  if (tables.has("CUPTI_ACTIVITY_KIND_SYNCHRONIZATION")) {
    for (const [start, end, device, stream, corr, type] of rows(db, `SELECT start, "end", deviceId, streamId, correlationId, syncType FROM CUPTI_ACTIVITY_KIND_SYNCHRONIZATION`)) {
      add(Number(device), Number(stream), -1, "cuda_sync", SYNC_TYPE[Number(type)] ?? "Unknown Sync", start, end, corr);
    }
  }
  if (tables.has("CUPTI_ACTIVITY_KIND_RUNTIME")) {
    for (const [start, end, thread, corr, name] of rows(db, `SELECT start, "end", globalTid % 16777216, correlationId, nameId FROM CUPTI_ACTIVITY_KIND_RUNTIME`)) {
      // nsys stores versioned names (cudaLaunchKernel_v7000); HTA matches the plain runtime names.
      add(-1, -1, Number(thread), "cuda_runtime", str(name).replace(/_v\d+$/, ""), start, end, corr);
    }
  }
  if (tables.has("NVTX_EVENTS")) {
    const cols = columns("NVTX_EVENTS");
    const text = cols.has("textId") ? "COALESCE(text, textId)" : "text";
    for (const [start, end, thread, label, isId] of rows(db, `SELECT start, "end", globalTid % 16777216, ${text}, ${cols.has("textId") ? "text IS NULL" : "0"} FROM NVTX_EVENTS WHERE "end" IS NOT NULL`)) {
      add(-1, -1, Number(thread), "user_annotation", Number(isId) ? str(label) : String(label ?? ""), start, end, null);
    }
  }
  return b.finish([{rank, source: path, htaRounds: false}]);
}

function rows(db: Database, sql: string): SqlValue[][] {
  const out = db.exec(sql);
  return out.length ? out[0].values : [];
}
