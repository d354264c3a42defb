#!/usr/bin/env node
// benchstats CLI entry. The CLI is TypeScript run through tsx (a dependency of this repository), so it
// uses lib/ and loaders/ straight from source, from any working directory.
import {register} from "tsx/esm/api";

// `benchstats ... | head` closes the pipe early: stop quietly, as Unix tools do.
process.stdout.on("error", (error) => {
  if (error.code === "EPIPE") process.exit(process.exitCode ?? 0);
  throw error;
});

register();
const {main} = await import("../cli/main.ts");
process.exitCode = await main(process.argv.slice(2));
