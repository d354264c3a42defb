#!/usr/bin/env node
// benchstats CLI entry. The CLI is TypeScript run through tsx (a dependency of this repository), so it
// uses lib/ and loaders/ straight from source, from any working directory.
import {register} from "tsx/esm/api";

register();
const {main} = await import("../cli/main.ts");
process.exitCode = await main(process.argv.slice(2));
