// Item-level results behind "Is A really better than B?": AlpacaEval 2 win probabilities (preference − 1,
// with each instruction's source dataset) and ChemBench 0/1 answers, as one tidy samples table in Parquet.
// The page's "compare two models" view runs lib's paired tests on it in the browser.
import {writeTable} from "../../loaders/tidy/write.js";
import {claimsSamples} from "./claims.js";

await writeTable(await claimsSamples(), "-", "parquet");
