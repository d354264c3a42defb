// The one list of npm packages that pages may import (explicitly with `npm:` or implicitly through
// Framework's globals: d3, Plot, Inputs, html, aq, FileAttachment(...).csv(), sql). scripts/vendor-npm.mjs
// bundles each from node_modules into Framework's cache; test/site/vendored-packages.test.ts checks
// that every `npm:` specifier used under src/ is listed here. Add a page library here AND to package.json.
export const vendoredPackages = [
  "d3",
  "d3-dsv",
  "htl",
  "isoformat",
  "@observablehq/plot",
  "@observablehq/inputs",
  "apache-arrow",
  "arquero",
  "@duckdb/duckdb-wasm",
  "mathjs",
  "ml-matrix",
  "@stdlib/stats-ttest"
];

// Libraries Framework's client references lazily (never used by our pages): empty cache entries keep it
// from asking the registry for their latest version.
export const lazyPackages = [
  "@observablehq/sample-datasets",
  "@uwdata/vgplot",
  "@viz-js/viz",
  "echarts",
  "exceljs",
  "jszip",
  "katex",
  "leaflet",
  "lodash",
  "mapbox-gl",
  "mermaid",
  "parquet-wasm",
  "react",
  "react-dom",
  "sql.js",
  "topojson-client",
  "vega",
  "vega-lite",
  "vega-lite-api"
];
