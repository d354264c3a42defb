import {arrayArg, intArg, numberArg, objectArg, rowsArg, stringArg} from "../core/check.js";
import {BenchstatsError} from "../core/errors.js";
import type {SampleRow} from "./samples.js";

/** Metadata of one item (sample), joined to sample rows on `item` (and `benchmark` when given). */
export interface ItemMetadata {
  item: string | number;
  benchmark?: string;
  tags?: readonly string[] | string;
  /** Free text to search: the question, a description, a category path… */
  text?: string;
}

export interface SubsetOptions {
  /** Keep only these benchmarks. */
  benchmarks?: readonly string[];
  /** Keep only items carrying at least one of these tags (needs `metadata`). */
  tags?: readonly string[];
  /** Natural-language query matched against item text, tags and benchmark (needs `metadata`). */
  query?: string;
  /** Minimum query relevance (TF-IDF cosine, 0–1) to keep an item; default: any shared term. */
  threshold?: number;
  /** Keep at most the `topK` most relevant items for the query (ONEBench's default is 10). */
  topK?: number;
  metadata?: readonly ItemMetadata[];
}

const tokenize = (text: string): string[] => text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];

/**
 * Capability subsets (ONEBench §3.3): restricts a `samples` table to the items that match metadata
 * filters (benchmark, tags) and/or a text query, before ranking on the subset. ONEBench retrieves
 * with sentence embeddings and FAISS (top_k = 10, cosine ≥ 0.7); offline and dependency-free we score
 * items by TF-IDF cosine similarity between the query and each item's text + tags + benchmark, so
 * results are lexical, not semantic. Rows whose item has no metadata are dropped when `tags` or
 * `query` is used.
 *
 * @example
 * selectSamples(samples, {metadata: items, tags: ["koala"]});
 * selectSamples(samples, {metadata: items, query: "organic reaction mechanism", topK: 50});
 */
export function selectSamples(rows: readonly SampleRow[], options: SubsetOptions): SampleRow[] {
  const fn = "selectSamples";
  rowsArg(rows, "rows", fn);
  objectArg(options, "options", fn, "an object {benchmarks?, tags?, query?, metadata?, …}", "option");
  const {benchmarks, tags, query, metadata} = options;
  for (const name of ["benchmarks", "tags"] as const) if (options[name] !== undefined) arrayArg(options[name], name, fn).forEach((v) => stringArg(v, name, fn, {empty: true, code: "option"}));
  if (query !== undefined) stringArg(query, "query", fn, {code: "option"});
  if (options.threshold !== undefined) numberArg(options.threshold, "threshold", fn, {min: 0, max: 1});
  if (options.topK !== undefined) intArg(options.topK, "topK", fn, {min: 1});
  if (metadata !== undefined) arrayArg(metadata, "metadata", fn);
  if ((tags || query) && !metadata) throw new BenchstatsError("option", "selectSamples: tags and query need item metadata (options.metadata)");
  let keepItems: Set<string> | null = null;
  if (metadata && (tags || query)) {
    const key = (m: {item: string | number; benchmark?: string}) => (m.benchmark === undefined ? `${m.item}` : `${m.benchmark}/${m.item}`);
    let candidates = metadata.map((m, row) => {
      if (m === null || typeof m !== "object" || m.item === undefined || m.item === null) {
        throw new BenchstatsError("missing", "selectSamples: each metadata row needs an item", {field: "metadata", row});
      }
      const tagList = typeof m.tags === "string" ? m.tags.split(/[;,|]/).map((t) => t.trim()) : [...(m.tags ?? [])];
      return {key: key(m), tags: tagList.map((t) => t.toLowerCase()), text: [m.text ?? "", tagList.join(" "), m.benchmark ?? ""].join(" ")};
    });
    if (tags) {
      const wanted = new Set(tags.map((t) => t.toLowerCase()));
      candidates = candidates.filter((c) => c.tags.some((t) => wanted.has(t)));
    }
    if (query) {
      const docs = candidates.map((c) => tokenize(c.text));
      const df = new Map<string, number>();
      for (const doc of docs) for (const t of new Set(doc)) df.set(t, (df.get(t) ?? 0) + 1);
      const idf = (t: string) => Math.log((1 + docs.length) / (1 + (df.get(t) ?? 0))) + 1;
      const vector = (tokens: string[]) => {
        const tf = new Map<string, number>();
        for (const t of tokens) tf.set(t, (tf.get(t) ?? 0) + 1);
        let norm = 0;
        for (const [t, c] of tf) {
          const w = c * idf(t);
          tf.set(t, w);
          norm += w * w;
        }
        return {tf, norm: Math.sqrt(norm)};
      };
      const q = vector(tokenize(query));
      if (q.norm === 0) throw new BenchstatsError("option", "selectSamples: the query has no words");
      const scored = candidates
        .map((c, i) => {
          const d = vector(docs[i]);
          let dot = 0;
          for (const [t, w] of q.tf) dot += w * (d.tf.get(t) ?? 0);
          return {c, score: d.norm > 0 ? dot / (q.norm * d.norm) : 0};
        })
        .filter((s) => s.score > 0 && s.score >= (options.threshold ?? 0))
        .sort((x, y) => y.score - x.score);
      candidates = (options.topK ? scored.slice(0, options.topK) : scored).map((s) => s.c);
    }
    keepItems = new Set(candidates.map((c) => c.key));
  }
  const wantedBenchmarks = benchmarks ? new Set(benchmarks) : null;
  const withBenchmark = metadata?.some((m) => m.benchmark !== undefined) ?? false;
  return rows.filter((r) => {
    if (wantedBenchmarks && !wantedBenchmarks.has(r.benchmark ?? "")) return false;
    if (keepItems) {
      const k = withBenchmark ? `${r.benchmark}/${r.item}` : `${r.item}`;
      if (!keepItems.has(k)) return false;
    }
    return true;
  });
}
