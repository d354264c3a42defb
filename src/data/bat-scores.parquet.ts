// The BenchBench catalogue's score rows with the aggregate reference, in both protocols (`protocol` =
// faithful | corrected), in Parquet: what the "Which benchmarks agree?" page tests an uploaded benchmark against.
import {writeTable} from "../../loaders/tidy/write.js";
import {batCatalogue} from "./bat.js";

const {faithfulRows, correctedRows} = batCatalogue();
const rows = [...faithfulRows.map((r) => ({protocol: "faithful", ...r})), ...correctedRows.map((r) => ({protocol: "corrected", ...r}))];
await writeTable(rows, "-", {format: "parquet", columns: ["protocol", "model", "scenario", "score", "source"]});
