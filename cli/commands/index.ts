// The list of CLI commands, in the order `benchstats --help` shows them.
import type {Command} from "../command.js";
import {convert} from "./convert.js";

export const COMMANDS: Command[] = [convert];
