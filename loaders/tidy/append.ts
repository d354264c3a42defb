/**
 * A table into DuckDB without a detour through text or row values: each label column becomes an ENUM
 * column whose dictionary is the table's labels and whose codes are copied straight into DuckDB's
 * vectors, each number column a DOUBLE vector filled from the `Float64Array`; data chunks of DuckDB's
 * vector size (2,048 rows) go through the appender. Missing values (`NaN`, the label `""`) become SQL
 * NULLs, which is how Parquet and every SQL tool spell "missing".
 */
import type {DuckDBConnection, DuckDBType, DuckDBVector} from "@duckdb/node-api";
import type {LabelColumn} from "../../lib/core/columns.js";
import {duckdbError, sqlName} from "./duckdb.js";
import type {OutputColumn, OutputTable} from "./output-columns.js";

/**
 * A column as DuckDB will hold it: its type, and how to fill a vector with rows [start, start + count).
 * The vector is reused from chunk to chunk; `invalid` lists the vector rows the previous fill marked
 * missing (a typed fill makes them valid again first, then lists its own).
 */
interface ColumnPlan {
  type: DuckDBType;
  fill(vector: DuckDBVector, start: number, count: number, invalid: number[]): void;
}

/** The fields of node-api's typed vectors that the fill uses (present on its number and ENUM vectors). */
interface TypedVector {
  items: Float64Array | Uint8Array | Uint16Array | Uint32Array;
  validity: {setItemValid(index: number, valid: boolean): void};
  flush(): void;
}

let tableCounter = 0;

/** DuckDB's vector size: the most rows a data chunk holds. */
const VECTOR_SIZE = 2048;

/** node-api's module, set by {@link appendTable} before it plans a column. */
let duck: typeof import("@duckdb/node-api");

/**
 * Appends `table` to a new temporary table on `connection` and returns the table's name (quoted for SQL).
 * The caller drops it when done (`DROP TABLE name`); it also goes with the connection.
 *
 * @example
 * const db = await duckdbConnection();
 * const name = await appendTable(db, typedColumns(tidyTable));
 * await db.run(`COPY ${name} TO 'out.parquet' (FORMAT parquet)`);
 */
export async function appendTable(connection: DuckDBConnection, table: OutputTable): Promise<string> {
  // Loaded with the first query (tidy/duckdb.ts); a connection means it is there already.
  duck = await import("@duckdb/node-api");
  const {DuckDBDataChunk} = duck;
  const id = `benchstats_write_${process.pid}_${++tableCounter}`;
  const plans = table.columns.map(planColumn);
  const definition = table.columns.map((c, j) => `${sqlName(c.name)} ${plans[j].type.toString()}`).join(", ");
  try {
    await connection.run(`CREATE TEMP TABLE ${sqlName(id)} (${definition})`);
  } catch (error) {
    throw duckdbError(error);
  }
  const appender = await connection.createAppender(id, "main", "temp");
  try {
    if (plans.length) {
      const chunk = DuckDBDataChunk.create(plans.map((p) => p.type));
      // Vector objects are fetched once per chunk size: node-api reads an ENUM's whole dictionary back
      // each time it wraps a vector (100 ms for 70,000 labels).
      let size = -1;
      let vectors: DuckDBVector[] = [];
      const invalid: number[][] = plans.map(() => []);
      for (let start = 0; start < table.length; start += VECTOR_SIZE) {
        const count = Math.min(VECTOR_SIZE, table.length - start);
        if (count !== size) {
          // Reset clears the validity masks; the new row count drops node-api's cached vector objects.
          chunk.reset();
          chunk.rowCount = size = count;
          vectors = plans.map((_, j) => chunk.getColumnVector(j));
          for (const rows of invalid) rows.length = 0;
        }
        plans.forEach((plan, j) => plan.fill(vectors[j], start, count, invalid[j]));
        appender.appendDataChunk(chunk);
      }
    }
    appender.closeSync();
  } catch (error) {
    throw duckdbError(error);
  }
  return sqlName(id);
}

function planColumn(column: OutputColumn): ColumnPlan {
  switch (column.kind) {
    case "number":
      return numberPlan(column.values);
    case "label":
      return labelPlan(column.column);
    case "boolean": {
      const values = column.values;
      return {
        type: duck.BOOLEAN,
        fill(vector, start, count) {
          for (let k = 0; k < count; ++k) {
            const v = values[start + k];
            (vector as unknown as {setItem(i: number, value: boolean | null): void}).setItem(k, v < 0 ? null : v === 1);
          }
          vector.flush();
        }
      };
    }
    case "rows":
      throw new Error("appendTable: row values must be typed first (typedColumns)");
  }
}

function numberPlan(values: Float64Array): ColumnPlan {
  return {
    type: duck.DOUBLE,
    fill(vector, start, count, invalid) {
      const typed = typedVector(vector, Float64Array);
      if (!typed) {
        for (let k = 0; k < count; ++k) (vector as unknown as {setItem(i: number, v: number | null): void}).setItem(k, nanToNull(values[start + k]));
        vector.flush();
        return;
      }
      revalidate(typed, invalid);
      typed.items.set(values.subarray(start, start + count));
      for (let k = 0; k < count; ++k) {
        if (Number.isNaN(values[start + k])) {
          typed.validity.setItemValid(k, false);
          invalid.push(k);
        }
      }
      typed.flush();
    }
  };
}

/**
 * A label column as an ENUM of its distinct non-empty labels (a hand-built column may repeat a label or
 * hold the missing `""`, which an ENUM cannot): `remap[code]` is the ENUM index, −1 for missing. A column
 * with no label at all is a VARCHAR of NULLs (an ENUM needs one value).
 */
function labelPlan(column: LabelColumn): ColumnPlan {
  const index = new Map<string, number>();
  const values: string[] = [];
  const remap = new Int32Array(column.labels.length);
  column.labels.forEach((label, code) => {
    if (label === "") {
      remap[code] = -1;
      return;
    }
    let k = index.get(label);
    if (k === undefined) index.set(label, (k = values.push(label) - 1));
    remap[code] = k;
  });
  const {codes} = column;
  if (!values.length) {
    return {
      type: duck.VARCHAR,
      fill(vector, _start, count) {
        for (let k = 0; k < count; ++k) (vector as unknown as {setItem(i: number, v: null): void}).setItem(k, null);
        vector.flush();
      }
    };
  }
  const identity = remap.every((k, code) => k === code);
  const type = duck.ENUM(values);
  return {
    type,
    fill(vector, start, count, invalid) {
      const typed = typedVector(vector);
      if (!typed) {
        for (let k = 0; k < count; ++k) {
          const m = remap[codes[start + k]];
          (vector as unknown as {setItem(i: number, v: string | null): void}).setItem(k, m < 0 ? null : values[m]);
        }
        vector.flush();
        return;
      }
      revalidate(typed, invalid);
      if (identity) typed.items.set(codes.subarray(start, start + count));
      else {
        for (let k = 0; k < count; ++k) {
          const m = remap[codes[start + k]];
          if (m >= 0) typed.items[k] = m;
          else {
            typed.validity.setItemValid(k, false);
            invalid.push(k);
          }
        }
      }
      typed.flush();
    }
  };
}

/**
 * The vector's typed item array, when node-api exposes one of the expected kind (its ENUM and DOUBLE
 * vectors do); undefined sends the caller to the slower public `setItem`.
 */
function typedVector(vector: DuckDBVector, kind?: typeof Float64Array): TypedVector | undefined {
  const candidate = vector as unknown as Partial<TypedVector>;
  const items = candidate.items;
  if (!ArrayBuffer.isView(items) || typeof candidate.validity?.setItemValid !== "function") return undefined;
  if (kind ? !(items instanceof kind) : !(items instanceof Uint8Array || items instanceof Uint16Array || items instanceof Uint32Array)) return undefined;
  return candidate as TypedVector;
}

/** Marks the rows the previous chunk left missing valid again, and empties the list. */
function revalidate(vector: TypedVector, invalid: number[]): void {
  for (const k of invalid) vector.validity.setItemValid(k, true);
  invalid.length = 0;
}

function nanToNull(value: number): number | null {
  return Number.isNaN(value) ? null : value;
}
