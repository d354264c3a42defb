// Shared browser check of one built report page (used by the claims and judges page checks): serves dist/,
// opens the page in Debian's Chromium with the network off, and `settle(name, {charts, ready})` waits until
// every cell has run, then records what a reader would see wrong — error cells, console errors, "undefined",
// "NaN", "null" or "[object" in the visible text, chart labels outside their SVG, fewer charts than expected —
// and saves a screenshot. `finish()` prints the problems and exits 1 if there are any.
import {existsSync, mkdirSync} from "node:fs";
import {join, resolve} from "node:path";
import {parseArgs} from "node:util";
import {chromium} from "playwright-core";
import {serveDist} from "../../scripts/serve-dist.mjs";

export async function openPageCheck(slug) {
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
    if (!existsSync(join(dist, `${slug}.html`))) fail(slug, `no built page at ${dist}/${slug}.html (run npm run build first)`);
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
  async function settle(name, {charts = 5, ready} = {}) {
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
    await page.screenshot({path: join(shots, `${slug}-${name}.png`), fullPage: true});
    console.log(`${name}: settled in ${seconds.toFixed(1)} s; ${state.charts} charts, ${state.tables} tables`);
  }

  async function finish() {
    await browser.close();
    server?.close();
    for (const p of problems) console.log(`  - ${p}`);
    console.log(`${slug} page check: ${problems.length ? `${problems.length} problem(s)` : "ok"}`);
    process.exit(problems.length ? 1 : 0);
  }
  return {page, origin, timeout, settle, finish, problems};
}

function fail(slug, message) {
  console.error(`${slug} page check: ${message}`);
  process.exit(1);
}
