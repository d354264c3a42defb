#!/usr/bin/env node
// Browser check of the built Atari 100k page that waits for the bootstrap workers: the generic
// scripts/browser-check.mjs only waits for the network to go idle, which is before the charts exist.
// Loads /atari, waits until no bootstrap progress bar is left, checks that every chart rendered and
// that there are no error cells or console errors, then flips some controls (all runs, BCa, non-linear
// τ axis, average profiles) and checks again. Prints the time each state took to settle.
//
// Usage: node test/rl-page/atari-page-check.mjs [--dist /tmp/rl-dist] [--shots DIR] [--timeout 120] [--default-only]
import {mkdirSync} from "node:fs";
import {join, resolve} from "node:path";
import {parseArgs} from "node:util";
import {chromium} from "playwright-core";
import {serveDist} from "../../scripts/serve-dist.mjs";

const {values: args} = parseArgs({
  options: {
    dist: {type: "string", default: "dist"},
    shots: {type: "string"},
    timeout: {type: "string", default: "120"},
    chromium: {type: "string", default: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium"},
    "default-only": {type: "boolean", default: false}
  }
});
const dist = resolve(args.dist);
const shots = resolve(args.shots ?? `${dist}-shots`);
const timeout = Number(args.timeout) * 1000;
mkdirSync(shots, {recursive: true});
const server = await serveDist(dist);
const origin = `http://127.0.0.1:${server.address().port}`;
const browser = await chromium.launch({executablePath: args.chromium, args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"]});
const page = await browser.newPage({viewport: {width: 1280, height: 900}});
const problems = [];
page.on("console", (m) => m.type() === "error" && problems.push(`console error: ${m.text()}`));
page.on("pageerror", (e) => problems.push(`uncaught exception: ${e.message}`));
page.on("requestfailed", (r) => problems.push(`request failed: ${r.url()}`));
await page.route((url) => url.origin !== origin, (route) => route.abort());

async function settle(name) {
  const start = Date.now();
  await page.waitForFunction(() => !document.querySelector("observablehq-loading"), null, {timeout});
  await page.waitForTimeout(300);
  await page.waitForFunction(() => document.querySelectorAll("[aria-busy='true']").length === 0, null, {timeout, polling: 100});
  const seconds = (Date.now() - start) / 1000;
  const state = await page.evaluate(() => ({
    errors: [...document.querySelectorAll(".observablehq--error, .rl-bootstrap-progress")].map((n) => n.textContent.trim().slice(0, 200)),
    intervalPanels: document.querySelectorAll(".rl-interval-plot > div:first-child > *").length,
    profileLines: document.querySelectorAll("[aria-label='line'] path").length,
    bars: document.querySelectorAll("[aria-label='bar'] rect").length,
    svgs: document.querySelectorAll("svg").length
  }));
  for (const e of state.errors) problems.push(`${name}: error shown: ${e}`);
  if (state.intervalPanels !== 4) problems.push(`${name}: expected 4 interval panels, found ${state.intervalPanels}`);
  if (state.profileLines === 0) problems.push(`${name}: no performance-profile lines`);
  await page.screenshot({path: join(shots, `atari-${name}.png`), fullPage: true});
  const cards = page.locator(".card");
  for (let i = 0; i < (await cards.count()); ++i) await cards.nth(i).screenshot({path: join(shots, `atari-${name}-card${i}.png`)});
  console.log(`${name}: settled in ${seconds.toFixed(1)} s; ${state.svgs} charts, ${state.bars} bars, ${state.profileLines} lines`);
}

const t0 = Date.now();
await page.goto(`${origin}/atari`, {waitUntil: "load", timeout});
await settle("default");
console.log(`  (page load to settled: ${((Date.now() - t0) / 1000).toFixed(1)} s)`);
if (!args["default-only"]) {
await page.getByLabel("All runs").check();
await settle("all-runs");
await page.locator("select").first().selectOption("bca");
await settle("all-runs-bca");
await page.getByLabel("Non-linear τ axis").check();
await page.getByLabel("Games (average score distribution)").check();
await settle("nonlinear-average");
}
await browser.close();
server.close();
for (const p of new Set(problems)) console.log(`  - ${p}${problems.filter((q) => q === p).length > 1 ? ` (×${problems.filter((q) => q === p).length})` : ""}`);
console.log(problems.length ? `atari page check: FAILED (${problems.length} problems)` : "atari page check: ok");
process.exit(problems.length ? 1 : 0);
