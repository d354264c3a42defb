#!/usr/bin/env node
// Browser check of the built "Is A really better than B?" page (/claims) beyond scripts/browser-check.mjs:
// loads it, waits until every cell has run, and checks what a reader sees — no error cells or console
// errors, no "undefined", "NaN", "null" or "[object" in the visible text, no chart label outside its SVG,
// every chart present — then walks the "compare two models" view through each data set, NullModel against
// the baseline, and a model against itself, checking again after each. Prints the time each state took.
//
// Usage: node test/site/claims-page-check.mjs [--dist dist] [--origin http://127.0.0.1:3000] [--shots DIR] [--timeout 120]
import {openPageCheck} from "./page-check.mjs";

const {page, origin, timeout, settle, finish, problems} = await openPageCheck("claims");

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

await finish();
