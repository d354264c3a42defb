#!/usr/bin/env node
// Browser check of the built "Judges and arenas" page (/judges) beyond scripts/browser-check.mjs: loads it,
// waits until every cell has run, and checks what a reader sees (test/site/page-check.mjs): no error cells or
// console errors, no "undefined", "NaN", "null" or "[object" in the visible text, no chart label outside its
// SVG, all five charts present.
//
// Usage: node test/site/judges-page-check.mjs [--dist dist] [--origin http://127.0.0.1:3000] [--shots DIR] [--timeout 120]
import {openPageCheck} from "./page-check.mjs";

const {page, origin, timeout, settle, finish} = await openPageCheck("judges");
const t0 = Date.now();
await page.goto(`${origin}/judges`, {waitUntil: "load", timeout});
await settle("default", {charts: 5, ready: "Judges and arenas"});
console.log(`  (page load to settled: ${((Date.now() - t0) / 1000).toFixed(1)} s)`);
await finish();
