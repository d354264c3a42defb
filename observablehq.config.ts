// Framework 1.13 loads this file through tsx/esm. Offline settings: see README ("Offline build").
import {existsSync} from "node:fs";

// BENCHSTATS_ROOT: a scratch root holding a subset of the pages (scripts/build.mjs --pages); the sidebar
// lists only the pages it holds (Framework builds every page the sidebar names).
const root = process.env.BENCHSTATS_ROOT ?? "src";
const holds = (path: string) => !process.env.BENCHSTATS_ROOT || ["", ".ts", ".js"].some((loader) => existsSync(`${root}${path}.md${loader}`));
const held = (section: {name: string; pages: {name: string; path: string}[]}) => ({...section, pages: section.pages.filter((page) => holds(page.path))});

export default {
  title: "benchstats",
  root,
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
  ].map(held),
  search: false,
  footer: "benchstats — statistics for reliable conclusions from ML experiments and benchmarks.",
  // Offline: the default theme adds a Google Fonts stylesheet (Source Serif 4).
  globalStylesheets: [],
  // An inline icon (browsers ask for /favicon.ico otherwise: a 404 on every page), and table cells that
  // wrap instead of cutting their text with an ellipsis (Inputs.table's default): a table's key column
  // (model, path, method names) must show its values whole; code blocks wrap too, rather than hide their
  // right-hand end behind a scroll bar. Tables size their columns to their contents (a table wider than the
  // page scrolls sideways) rather than split the width evenly and cut headers. Checked by
  // scripts/layout-checks.mjs.
  head: `<link rel="icon" href="data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 16 16'%3E%3Crect x='2' y='6' width='3' height='8' fill='%234269d0'/%3E%3Crect x='7' y='2' width='3' height='12' fill='%234269d0'/%3E%3Crect x='12' y='8' width='3' height='6' fill='%234269d0'/%3E%3C/svg%3E">
<style>
form[class$="-table"] table td, form[class$="-table"] table th { white-space: normal; overflow-wrap: break-word; text-overflow: clip; }
form[class$="-table"] table { table-layout: auto !important; }
pre { white-space: pre-wrap; overflow-wrap: anywhere; }
</style>`,
  // Offline: don't download DuckDB's json/parquet extensions from extensions.duckdb.org.
  duckdb: {extensions: {json: null, parquet: null}},
  // While scripts/build.mjs runs the stale data loaders itself, several at once, Framework's runner for .ts
  // and .js loaders waits for those and runs only the others (scripts/loader-wait.mjs).
  ...(process.env.BENCHSTATS_LOADER_WAIT
    ? {interpreters: {".ts": [process.execPath, "scripts/loader-wait.mjs"], ".js": [process.execPath, "scripts/loader-wait.mjs"]}}
    : {})
};
