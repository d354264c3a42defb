// The tidy tables' one home: schemas, row types, the columnar TidyTable, and reading them through DuckDB.
export {SCHEMAS, TABLE_KINDS, mapColumns, columnDefinition, columnTypes} from "./schema.js";
export type {TableKind, TableSchema, ColumnDefinition, NumberRange} from "./schema.js";
export type {RunRow, ScoreRow, SampleRow, BattleRow, GpuMetricRow} from "./rows.js";
export {TidyTable, TidyTableBuilder, MAX_ROW_OBJECTS, findProblem, checkTable, checkRows} from "./table.js";
export type {TidyRow, RowProblem, SchemaCheckOptions} from "./table.js";
export type {TidyTableBuilderOptions} from "./builder.js";
export {readTable, tidySource, tableFileFormat} from "./read.js";
export type {ReadTableOptions, TidySource, TableFileFormat} from "./read.js";
export {tableFromQuery, noRowsError} from "./query.js";
export type {TableQuery} from "./query.js";
export {scanCsv, csvTable, locateRecord, explainCsvError} from "./csv-scan.js";
export type {CsvScan, CsvScanOptions, CsvTableOptions} from "./csv-scan.js";
export {sqlNumber, sqlCellError, cellProblem, cellError, rangeProblem, MISSING_TEXT} from "./cells.js";
export type {CellAt, CellProblem, NumberRule} from "./cells.js";
export {checkTextFile} from "./file-checks.js";
export {duckdb, queryRows, execute, sqlString, sqlName, duckdbError} from "./duckdb.js";
