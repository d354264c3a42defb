// Framework 1.13 loads this file through tsx/esm. Offline settings: see README ("Offline build").
export default {
  title: "benchstats",
  root: "src",
  // BENCHSTATS_DIST lets several builds run side by side (default dist/).
  output: process.env.BENCHSTATS_DIST ?? "dist",
  pages: [
    {
      name: "Reports",
      open: true,
      pages: [
        {name: "Atari 100k: reliable aggregates", path: "/atari"},
        {name: "Training runs", path: "/training-runs"},
        {name: "What are the best systems?", path: "/best-systems"},
        {name: "Which benchmarks agree?", path: "/agreement"},
        {name: "Sparse leaderboard", path: "/sparse-leaderboard"},
        {name: "Arena ratings", path: "/arena"},
        {name: "Is A really better than B?", path: "/claims"},
        {name: "Judges and arenas", path: "/judges"},
        {name: "Item response theory", path: "/irt"},
        {name: "GPU trace", path: "/gpu-trace"}
      ]
    },
    {
      name: "Guides",
      pages: [
        {name: "Write your own analysis page", path: "/own-page"},
        {name: "Do the intervals cover?", path: "/coverage"},
        {name: "API reference", path: "/api"}
      ]
    }
  ],
  search: false,
  footer: "benchstats — statistics for reliable conclusions from ML experiments and benchmarks.",
  // Offline: the default theme adds a Google Fonts stylesheet (Source Serif 4).
  globalStylesheets: [],
  // Offline: don't download DuckDB's json/parquet extensions from extensions.duckdb.org.
  duckdb: {extensions: {json: null, parquet: null}}
};
