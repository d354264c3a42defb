// Every pair of models of each benchmark compared by paired tests on the items both answered (lib's
// compareAllPairs), with the raw p-values: the page adjusts them for the number of pairs (Holm, BH, …) with
// adjustPValues as the reader chooses. AlpacaEval 2: the paired z test with items independent and with the
// instructions' source datasets as clusters; ChemBench (0/1): the paired z test and McNemar's test.
import {compareAllPairs, type PairTest} from "../../lib/index.js";
import {writeTable} from "../../loaders/tidy/write.js";
import {benchmarkRows, CLAIMS_BENCHMARKS, claimsSamples} from "./claims.js";

const samples = await claimsSamples();
const rows = CLAIMS_BENCHMARKS.flatMap((benchmark) => {
  const table = benchmarkRows(samples, benchmark);
  const runs: {name: string; test: PairTest; cluster?: string}[] = [{name: "paired", test: "paired"}];
  if (benchmark.cluster) runs.push({name: "paired-clustered", test: "paired", cluster: benchmark.cluster});
  if (benchmark.binary) runs.push({name: "mcnemar", test: "mcnemar"});
  return runs.flatMap(({name, test, cluster}) =>
    compareAllPairs(table, {test, cluster, metric: benchmark.metric}).pairs.map((p) => ({
      benchmark: benchmark.id,
      test: name,
      model_a: p.modelA,
      model_b: p.modelB,
      n: p.n,
      mean: p.mean,
      se: p.se,
      lower: p.lower,
      upper: p.upper,
      statistic: p.statistic,
      p_value: p.pValue,
      a_only: p.aOnly ?? NaN,
      b_only: p.bOnly ?? NaN,
      n_clusters: p.nClusters ?? NaN,
      warning: p.warning ?? ""
    }))
  );
});
await writeTable(rows, "-", "parquet");
