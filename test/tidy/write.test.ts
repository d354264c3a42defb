import {mkdtempSync, readFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {Writable} from "node:stream";
import {gunzipSync} from "node:zlib";
import {describe, expect, it} from "vitest";
import {BenchstatsError} from "../../lib/core/errors.js";
import {queryRows, sqlString} from "../../loaders/tidy/duckdb.js";
import {readTable} from "../../loaders/tidy/read.js";
import {TidyTable} from "../../loaders/tidy/table.js";
import {formatTable, writeTable} from "../../loaders/tidy/write.js";

const dir = mkdtempSync(join(tmpdir(), "bs-write-"));
const path = (name: string) => join(dir, name);

class Capture extends Writable {
  chunks: Buffer[] = [];
  override _write(chunk: Buffer | string, _encoding: BufferEncoding, callback: () => void): void {
    this.chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
    callback();
  }
  get bytes(): Buffer {
    return Buffer.concat(this.chunks);
  }
}

// Values whose shortest round-trip text differs from any fixed rounding.
const awkward = [0.1, 1 / 3, 2 / 3, 1e-300, 123456789012345680000, 5e-324, -0.000001234, 0.30000000000000004];

const samples = () =>
  TidyTable.fromRows("samples", [
    {model: "gpt, \"4\"", benchmark: "mmlu", item: "q\n1", metric: "acc", value: 1 / 3},
    {model: "b", benchmark: "", item: "q2", metric: "acc", value: NaN},
    {model: "b", benchmark: "mmlu", item: "tab\there", metric: "acc", value: 0.1}
  ]);

describe("writeTable: CSV and TSV", () => {
  it("writes numbers in shortest round-trip form, never rounded, and missing values as empty fields", () => {
    const rows = awkward.map((x, i) => ({i, x, none: i === 0 ? null : i === 1 ? undefined : NaN}));
    const text = formatTable(rows, "csv");
    const lines = text.trimEnd().split("\n");
    expect(lines[0]).toBe("i,x,none");
    lines.slice(1).forEach((line, i) => {
      const [index, x, none] = line.split(",");
      expect(Number(index)).toBe(i);
      expect(Number(x)).toBe(awkward[i]);
      expect(none).toBe("");
    });
    expect(text).toContain("0.30000000000000004");
  });

  it("quotes fields holding the delimiter, a quote or a line break (RFC 4180), and TSV quotes tabs", () => {
    expect(formatTable([{a: 'x,"y"', b: "line\nbreak", c: "plain"}], "csv")).toBe('a,b,c\n"x,""y""","line\nbreak",plain\n');
    expect(formatTable([{a: "t\tu", b: "x,y"}], "tsv")).toBe('a\tb\n"t\tu"\tx,y\n');
  });

  it("writes a TidyTable exactly as its rows, and DuckDB reads it back to the same table", async () => {
    const table = samples();
    const text = formatTable(table, "csv");
    expect(text).toBe(formatTable(table.rows(), "csv"));
    await writeTable(table, path("samples.csv"));
    expect(readFileSync(path("samples.csv"), "utf8")).toBe(text);
    const back = await readTable(path("samples.csv"), "samples");
    expect(back.rows()).toEqual(table.rows());
    await writeTable(table, path("samples.tsv"));
    expect((await readTable(path("samples.tsv"), "samples")).rows()).toEqual(table.rows());
  });

  it("streams a table longer than one block, and gzips a .gz target", async () => {
    const n = 40_000;
    const table = {length: n, columns: {k: Float64Array.from({length: n}, (_, i) => i / 7)}};
    await writeTable(table, path("long.csv"));
    await writeTable(table, path("long.csv.gz"));
    const plain = readFileSync(path("long.csv"), "utf8");
    expect(gunzipSync(readFileSync(path("long.csv.gz"))).toString("utf8")).toBe(plain);
    const lines = plain.trimEnd().split("\n");
    expect(lines).toHaveLength(n + 1);
    expect(Number(lines[n])).toBe((n - 1) / 7);
  });

  it("writes to a given stream for target \"-\"", async () => {
    const out = new Capture();
    await writeTable([{a: 1}], "-", {format: "csv", stdout: out});
    expect(out.bytes.toString()).toBe("a\n1\n");
  });

  it("keeps only the columns asked for, in that order", () => {
    expect(formatTable(samples(), "csv", ["value", "model"]).split("\n")[0]).toBe("value,model");
  });
});

describe("writeTable: JSON and JSONL", () => {
  it("writes rows exactly as JSON.stringify(rows, null, 2) would, NaN and ±Infinity as null", () => {
    const rows = [{a: 1, b: NaN, c: "x"}, {a: Infinity, b: -Infinity, d: true}, {}];
    const expected = JSON.stringify(rows, (_k, v) => (typeof v === "number" && !Number.isFinite(v) ? null : v), 2) + "\n";
    expect(formatTable(rows, "json")).toBe(expected);
    expect(formatTable([], "json")).toBe("[]\n");
  });

  it("writes a TidyTable's JSON as the JSON of its rows, and JSONL one object a line", () => {
    const table = samples();
    const rows = table.rows();
    expect(JSON.parse(formatTable(table, "json"))).toEqual(rows.map((r) => ({...r, value: Number.isNaN(r.value) ? null : r.value})));
    expect(formatTable(table, "json")).toBe(formatTable(rows, "json"));
    const lines = formatTable(table, "jsonl").trimEnd().split("\n");
    expect(lines).toHaveLength(3);
    expect(JSON.parse(lines[1])).toEqual({model: "b", benchmark: "", item: "q2", metric: "acc", value: null});
    expect(formatTable(table, "jsonl")).toBe(formatTable(rows, "jsonl"));
  });
});

describe("writeTable: Parquet", () => {
  it("writes labels as dictionary-encoded strings and numbers as DOUBLE, missing as null, and reads back", async () => {
    const table = samples();
    const file = path("samples.parquet");
    await writeTable(table, file);
    const schema = await queryRows(`SELECT name, type, converted_type FROM parquet_schema(${sqlString(file)}) WHERE name <> 'duckdb_schema'`);
    expect(schema).toEqual([
      {name: "model", type: "BYTE_ARRAY", converted_type: "UTF8"},
      {name: "benchmark", type: "BYTE_ARRAY", converted_type: "UTF8"},
      {name: "item", type: "BYTE_ARRAY", converted_type: "UTF8"},
      {name: "metric", type: "BYTE_ARRAY", converted_type: "UTF8"},
      {name: "value", type: "DOUBLE", converted_type: null}
    ]);
    const encodings = await queryRows(`SELECT path_in_schema AS c, encodings AS e FROM parquet_metadata(${sqlString(file)})`);
    for (const {c, e} of encodings) if (c !== "value") expect(String(e), String(c)).toMatch(/DICTIONARY/);
    const [nulls] = await queryRows(`SELECT count(*) - count(value) AS value, count(*) - count(benchmark) AS benchmark FROM ${sqlString(file)}`);
    expect(nulls).toEqual({value: 1, benchmark: 1});
    expect((await readTable(file, "samples")).rows()).toEqual(table.rows());
  });

  it("keeps every bit of every double", async () => {
    const values = Float64Array.from([...awkward, NaN, -0, Number.MAX_VALUE]);
    const file = path("doubles.parquet");
    await writeTable({length: values.length, columns: {x: values}}, file);
    const rows = await queryRows(`SELECT x FROM ${sqlString(file)}`);
    expect(rows.map((r) => (r.x === null ? NaN : r.x))).toEqual([...values]);
  });

  it("types row values: numbers as DOUBLE, booleans as BOOLEAN, anything else as text", async () => {
    const file = path("rows.parquet");
    await writeTable([{a: 1, b: true, c: "x", d: 2}, {a: null, b: false, c: 3, d: NaN}], file);
    const described = await queryRows(`DESCRIBE SELECT * FROM ${sqlString(file)}`);
    expect(described.map((d) => d.column_type)).toEqual(["DOUBLE", "BOOLEAN", "VARCHAR", "DOUBLE"]);
    expect(await queryRows(`SELECT * FROM ${sqlString(file)}`)).toEqual([
      {a: 1, b: true, c: "x", d: 2},
      {a: null, b: false, c: "3", d: null}
    ]);
  });

  it("maps a hand-built label column with repeated and empty labels, and wide dictionaries", async () => {
    const n = 70_000;
    const wide = {codes: Uint32Array.from({length: n}, (_, i) => i), labels: Array.from({length: n}, (_, i) => `w${i}`)};
    const v = Float64Array.from({length: n}, (_, i) => (i % 5 === 0 ? NaN : i));
    const table = {length: n, columns: {odd: {codes: Uint8Array.from({length: n}, (_, i) => i % 3), labels: ["x", "", "x"]}, wide, v}};
    const file = path("labels.parquet");
    await writeTable(table, file);
    const [counts] = await queryRows(`SELECT count(odd) AS odd, count(DISTINCT odd) AS distinct_odd, count(DISTINCT wide) AS wide, max(CASE WHEN wide = 'w69999' THEN odd END) AS last, count(v) AS v, sum(v) AS total FROM ${sqlString(file)}`);
    const kept = [...v].filter((x) => !Number.isNaN(x));
    expect(counts).toEqual({odd: n - Math.floor(n / 3), distinct_odd: 1, wide: n, last: "x", v: kept.length, total: kept.reduce((a, b) => a + b, 0)});
  });

  it("prints the Parquet file to standard output for \"-\" (a Framework .parquet.ts data loader)", async () => {
    const out = new Capture();
    await writeTable(samples(), "-", {format: "parquet", stdout: out});
    const bytes = out.bytes;
    expect(bytes.subarray(0, 4).toString()).toBe("PAR1");
    expect(bytes.subarray(bytes.length - 4).toString()).toBe("PAR1");
    const {writeFileSync} = await import("node:fs");
    writeFileSync(path("stdout.parquet"), bytes);
    expect((await readTable(path("stdout.parquet"), "samples")).rows()).toEqual(samples().rows());
  });

  it("writes an empty table with its columns", async () => {
    const file = path("empty.parquet");
    await writeTable({length: 0, columns: {x: new Float64Array(0), m: {codes: new Uint8Array(0), labels: []}}}, file);
    expect((await queryRows(`DESCRIBE SELECT * FROM ${sqlString(file)}`)).map((d) => d.column_name)).toEqual(["x", "m"]);
  });
});

describe("writeTable: bad targets and values", () => {
  const rejects = async (promise: Promise<unknown>, pattern: RegExp) => {
    const error = await promise.then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(BenchstatsError);
    expect((error as Error).message).toMatch(pattern);
  };

  it("names what is wrong", async () => {
    await rejects(writeTable([{a: 1}], path("out.xlsx")), /out\.xlsx: expected an output format \(csv, tsv, json, jsonl, parquet\)/);
    await rejects(writeTable([{a: 1}], "-"), /expected an output format .* for standard output/);
    await rejects(writeTable([{a: 1}], path("out.csv.zst")), /only gzip/);
    await rejects(writeTable([{a: 1}], path("out.parquet.gz")), /Parquet compresses its own pages/);
    await rejects(writeTable([{a: 1}], join(dir, "no", "such", "folder.csv")), /folder\.csv: cannot write the file/);
    await rejects(writeTable([{a: 1}], join(dir, "no", "such", "folder.parquet")), /folder\.parquet: cannot write the file/);
    await rejects(writeTable([{a: {nested: 1}}], path("x.csv")), /a, row 0: expected a string, number, boolean or null, got an object/);
    await rejects(writeTable([{a: [1]}], path("x.parquet")), /a, row 0: expected a string, number, boolean or null, got an array/);
    await rejects(writeTable({length: 2, columns: {a: new Float64Array(3)}}, path("x.csv")), /column "a" has 3 entries, the table 2/);
    await rejects(writeTable([{a: 1}], path("x.csv"), {columns: ["b"]}).then(() => formatTable(samples(), "csv", ["nope"])), /no column "nope"/);
  });
});
