// The one list of npm packages that pages may import (explicitly with `npm:` or implicitly through
// Framework's globals: d3, Plot, Inputs, html, aq, FileAttachment(...).csv() / .parquet()). scripts/vendor-npm.mjs
// bundles each from node_modules into Framework's cache; test/site/vendored-packages.test.ts checks
// that every `npm:` specifier used under src/ is listed here. Add a page library here AND to package.json.
export const vendoredPackages = [
  "d3",
  "d3-dsv",
  "htl",
  "isoformat",
  "@observablehq/plot",
  "@observablehq/inputs",
  // FileAttachment(…).parquet(): parquet-wasm decodes, apache-arrow holds the table; arquero (aq) reshapes it.
  "apache-arrow",
  "parquet-wasm",
  "arquero",
];

// Libraries Framework's client references lazily (never used by our pages): empty cache entries keep it
// from asking the registry for their latest version.
export const lazyPackages = [
  "@duckdb/duckdb-wasm",
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
  "react",
  "react-dom",
  "sql.js",
  "topojson-client",
  "vega",
  "vega-lite",
  "vega-lite-api"
];
