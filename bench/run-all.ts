// Runs every bench/*.bench.ts in its own process, one after another, so figures do not disturb each
// other. Pass names to run a subset: `npm run bench -- rl irt`.
import {spawnSync} from "node:child_process";
import {readdirSync} from "node:fs";
import {join} from "node:path";

const benchDir = import.meta.dirname;
const wanted = process.argv.slice(2);
const benches = readdirSync(benchDir)
  .filter((file) => file.endsWith(".bench.ts"))
  .filter((file) => wanted.length === 0 || wanted.includes(file.replace(/\.bench\.ts$/, "")));

let failed = 0;
for (const file of benches) {
  console.log(`\n### ${file}`);
  const result = spawnSync(process.execPath, ["--import", "tsx", join(benchDir, file)], {stdio: "inherit"});
  if (result.status !== 0) ++failed;
}
process.exit(failed ? 1 : 0);
