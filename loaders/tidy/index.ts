// The tidy tables' one home: schemas, the columnar TidyTable, and reading them through DuckDB.
export {SCHEMAS, TABLE_KINDS, mapColumns, columnDefinition} from "./schema.js";
export type {TableKind, TableSchema, ColumnDefinition, NumberRange} from "./schema.js";
export {TidyTable, TidyTableBuilder, MAX_ROW_OBJECTS, findProblem, checkTable, checkRows} from "./table.js";
export type {TidyRow, RowProblem} from "./table.js";
export {readTable, tidySource, tableFileFormat} from "./read.js";
export type {ReadTableOptions, TidySource, TableFileFormat} from "./read.js";
export {duckdb, queryRows, execute, sqlString, sqlName, duckdbError} from "./duckdb.js";
export {writeTable, formatTable, WRITE_FORMATS} from "./write.js";
export type {WriteOptions, WritableTable} from "./write.js";
export {summarizeFile} from "./summarize.js";
export type {SummarizeFileOptions} from "./summarize.js";
