#!/usr/bin/env node
// Browser check of the built "Is A really better than B?" page (/claims) beyond scripts/browser-check.mjs:
// loads it, waits until every cell has run, and checks what a reader sees — no error cells or console
// errors, no "undefined", "NaN", "null" or "[object" in the visible text, no chart label outside its SVG,
// every chart present — then walks the "compare two models" view through each data set, NullModel against
// the baseline, and a model against itself, checking again after each. Prints the time each state took.
//
// Usage: node test/site/claims-page-check.mjs [--dist dist] [--origin http://127.0.0.1:3000] [--shots DIR] [--timeout 120]
import {existsSync, mkdirSync} from "node:fs";
import {join, resolve} from "node:path";
import {parseArgs} from "node:util";
import {chromium} from "playwright-core";
import {serveDist} from "../../scripts/serve-dist.mjs";

const {values: args} = parseArgs({
  options: {
    dist: {type: "string", default: "dist"},
    origin: {type: "string"},
    shots: {type: "string"},
    timeout: {type: "string", default: "120"},
    chromium: {type: "string", default: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium"}
  }
});
const timeout = Number(args.timeout) * 1000;
const shots = resolve(args.shots ?? `${resolve(args.dist)}-shots`);
mkdirSync(shots, {recursive: true});

let server;
let origin = args.origin;
if (!origin) {
  const dist = resolve(args.dist);
  if (!existsSync(join(dist, "claims.html"))) fail(`no built page at ${dist}/claims.html (run npm run build first)`);
  server = await serveDist(dist);
  origin = `http://127.0.0.1:${server.address().port}`;
}

const browser = await chromium.launch({executablePath: args.chromium, args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"]});
const page = await browser.newPage({viewport: {width: 1280, height: 900}});
const problems = [];
page.on("console", (m) => m.type() === "error" && !/favicon/.test(m.text()) && problems.push(`console error: ${m.text().split("\n")[0]}`));
page.on("pageerror", (e) => problems.push(`uncaught exception: ${e.message}`));
page.on("requestfailed", (r) => problems.push(`request failed: ${r.url()}`));
await page.route((url) => url.origin !== origin && url.protocol !== "data:" && url.protocol !== "blob:", (route) => route.abort());

/**
 * Waits until no cell is pending (and, with `ready`, until the page's text contains it: a cell that awaits a
 * file keeps showing its previous output meanwhile), then checks the page; `charts` is how many charts must be
 * present.
 */
async function settle(name, {charts = 11, ready} = {}) {
  const start = Date.now();
  if (ready) await page.waitForFunction((text) => (document.querySelector("main") ?? document.body).innerText.includes(text), ready, {timeout, polling: 100});
  await page.waitForFunction(() => !document.querySelector("observablehq-loading"), null, {timeout, polling: 100});
  await page.waitForTimeout(400);
  await page.waitForFunction(() => !document.querySelector("observablehq-loading"), null, {timeout, polling: 100});
  const seconds = (Date.now() - start) / 1000;
  const state = await page.evaluate(() => {
    const main = document.querySelector("main") ?? document.body;
    const text = main.innerText;
    const bad = [...text.matchAll(/.{0,40}\b(undefined|NaN|null)\b.{0,40}|.{0,40}\[object.{0,40}/g)].map((m) => m[0]);
    const errors = [...main.querySelectorAll(".observablehq--error")].map((n) => n.textContent.trim().slice(0, 200));
    // Chart text outside its SVG's box is clipped for the reader (labels cut at an edge).
    const clipped = [];
    for (const svg of main.querySelectorAll("svg")) {
      const box = svg.getBoundingClientRect();
      if (box.width === 0) continue;
      for (const t of svg.querySelectorAll("text")) {
        const r = t.getBoundingClientRect();
        if (!t.textContent.trim() || r.width === 0) continue;
        if (r.left < box.left - 1 || r.right > box.right + 1 || r.top < box.top - 1 || r.bottom > box.bottom + 1) clipped.push(t.textContent.trim().slice(0, 60));
      }
    }
    return {bad, errors, clipped, charts: main.querySelectorAll("svg[class^='plot']").length, tables: main.querySelectorAll("form table, table").length};
  });
  for (const e of state.errors) problems.push(`${name}: error cell: ${e}`);
  for (const b of state.bad) problems.push(`${name}: visible text shows a missing value: "${b.replace(/\s+/g, " ")}"`);
  for (const c of state.clipped) problems.push(`${name}: chart label outside its chart: "${c}"`);
  if (state.charts < charts) problems.push(`${name}: expected at least ${charts} charts, found ${state.charts}`);
  await page.screenshot({path: join(shots, `claims-${name}.png`), fullPage: true});
  console.log(`${name}: settled in ${seconds.toFixed(1)} s; ${state.charts} charts, ${state.tables} tables`);
}

/** Picks `label` in the select whose label reads `selectLabel` (Observable Inputs: a <label> beside the control). */
async function choose(selectLabel, label) {
  const select = page.locator("form").filter({has: page.locator(`label:text-is("${selectLabel}")`)}).locator("select");
  await select.selectOption({label});
}

const t0 = Date.now();
await page.goto(`${origin}/claims`, {waitUntil: "load", timeout});
await settle("default", {charts: 11});
console.log(`  (page load to settled: ${((Date.now() - t0) / 1000).toFixed(1)} s)`);

// Parts 1–3 on ChemBench (no clusters), McNemar with Benjamini–Hochberg.
await page.getByLabel(/^ChemBench/).first().check();
await settle("chembench-parts", {charts: 10});
await choose("Test", "McNemar's test");
await choose("Adjustment", "Benjamini–Hochberg (false discovery rate)");
await settle("chembench-mcnemar-bh", {charts: 10});

// The compare view on every data set, then NullModel against the baseline, then a model against itself.
// `ready`: text that only the newly picked data set shows (its subsets, or its default pair).
for (const [data, ready] of [["AlpacaEval 2", "Within each source collection"], ["Atari 100k", "A = SPR, B = DrQ(ε)"], ["TD-MPC2", "A = tdmpc2, B = dreamerv3"]]) {
  await choose("Data", data);
  await settle(`compare-${data.replace(/\W+/g, "-").toLowerCase()}`, {ready});
}
await choose("Data", "AlpacaEval 2");
await choose("Model A", "NullModel");
await choose("Model B", "gpt4_1106_preview");
await settle("compare-nullmodel-baseline", {ready: "A = NullModel, B = gpt4_1106_preview"});
await choose("Model B", "NullModel");
await settle("compare-same-model", {charts: 8});
const sameNote = await page.getByText("Pick two different models").count();
if (!sameNote) problems.push("compare-same-model: no message asking for two different models");

await browser.close();
server?.close();
for (const p of problems) console.log(`  - ${p}`);
console.log(`claims page check: ${problems.length ? `${problems.length} problem(s)` : "ok"}`);
process.exit(problems.length ? 1 : 0);

function fail(message) {
  console.error(`claims page check: ${message}`);
  process.exit(1);
}
