#!/usr/bin/env node
// Opens every page of the built site in Debian's Chromium and fails on any failed request, console
// error, uncaught exception or Framework error cell; saves a full-page screenshot of each page.
//
// Usage: node scripts/browser-check.mjs [--dist dist] [--page /atari ...] [--shots DIR] [--timeout 90]
// The site is served from 127.0.0.1 by a small static server in this process (clean URLs map to .html).
import {existsSync, mkdirSync, readdirSync, statSync} from "node:fs";
import {extname, join, relative, resolve} from "node:path";
import {parseArgs} from "node:util";
import {chromium} from "playwright-core";
import {serveDist} from "./serve-dist.mjs";


const {values: args} = parseArgs({
  options: {
    dist: {type: "string", default: "dist"},
    page: {type: "string", multiple: true},
    shots: {type: "string"},
    timeout: {type: "string", default: "120"},
    chromium: {type: "string", default: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium"}
  }
});
const dist = resolve(args.dist);
const shots = resolve(args.shots ?? `${dist.replace(/\/$/, "")}-shots`);
const timeoutMs = Number(args.timeout) * 1000;
if (!existsSync(join(dist, "index.html"))) fail(`no built site at ${dist} (run npm run build first)`);
if (!existsSync(args.chromium)) fail(`Chromium not found at ${args.chromium} (apt-get install -y chromium)`);
mkdirSync(shots, {recursive: true});

const pages = args.page?.length ? args.page : listPages(dist);
const server = await serveDist(dist);
const origin = `http://127.0.0.1:${server.address().port}`;
const browser = await chromium.launch({
  executablePath: args.chromium,
  args: [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage"
  ]
});

let failures = 0;
for (const path of pages) {
  const problems = await checkPage(path);
  const status = problems.length ? "FAIL" : "ok";
  console.log(`${status.padEnd(4)} ${path}${problems.length ? "" : `  (screenshot: ${relative(process.cwd(), shotPath(path))})`}`);
  for (const problem of problems) console.log(`     - ${problem}`);
  if (problems.length) ++failures;
}
await browser.close();
server.close();
console.log(`browser check: ${pages.length - failures} passed, ${failures} failed`);
process.exit(failures ? 1 : 0);

async function checkPage(path) {
  const problems = [];
  const context = await browser.newContext({viewport: {width: 1280, height: 900}});
  const page = await context.newPage();
  page.on("console", (message) => {
    if (message.type() === "error") problems.push(`console error: ${message.text()}`);
  });
  page.on("pageerror", (error) => problems.push(`uncaught exception: ${error.message}`));
  page.on("requestfailed", (request) => problems.push(`request failed: ${request.url()} (${request.failure()?.errorText})`));
  page.on("response", (response) => {
    if (response.status() >= 400) problems.push(`HTTP ${response.status()}: ${response.url()}`);
  });
  // Anything outside our own server is a failed request offline; fail fast and report it.
  await page.route((url) => url.origin !== origin && url.protocol !== "data:" && url.protocol !== "blob:", (route) => route.abort());
  try {
    await page.goto(origin + path, {waitUntil: "load", timeout: timeoutMs});
    // Pages mark long work (bootstrap workers) with aria-busy="true" until it has finished.
    await page.waitForFunction(
      () => !document.querySelector("observablehq-loading, [aria-busy='true']") && document.readyState === "complete",
      null,
      {timeout: timeoutMs, polling: 250}
    );
    await page.waitForLoadState("networkidle", {timeout: timeoutMs});
    await page.waitForTimeout(500);
    const errorCells = await page.$$eval(".observablehq--error", (nodes) => nodes.map((n) => n.textContent.trim().slice(0, 300)));
    for (const text of errorCells) problems.push(`error cell: ${text}`);
  } catch (error) {
    problems.push(`did not settle: ${error.message.split("\n")[0]}`);
  }
  // Very long pages (the API reference) would make a screenshot of hundreds of megapixels: keep the top.
  const height = await page.evaluate(() => document.documentElement.scrollHeight).catch(() => 0);
  await page
    .screenshot({path: shotPath(path), fullPage: height <= 12000, timeout: timeoutMs})
    .catch((error) => problems.push(`screenshot: ${error.message.split("\n")[0]}`));
  await context.close();
  return problems;
}

function shotPath(path) {
  return join(shots, `${path.replace(/^\//, "").replace(/\//g, "_") || "index"}.png`);
}

/** Every page of the built site: each .html file outside Framework's asset folders. */
function listPages(dir, prefix = "") {
  const pages = [];
  for (const entry of readdirSync(join(dir, prefix))) {
    const file = join(prefix, entry);
    if (entry.startsWith("_") || entry.startsWith(".")) continue;
    if (statSync(join(dir, file)).isDirectory()) pages.push(...listPages(dir, file));
    else if (extname(entry) === ".html" && entry !== "404.html") {
      const path = "/" + file.replace(/\.html$/, "");
      pages.push(path === "/index" ? "/" : path.replace(/\/index$/, "/"));
    }
  }
  return pages.sort();
}



function fail(message) {
  console.error(`browser check: ${message}`);
  process.exit(1);
}
