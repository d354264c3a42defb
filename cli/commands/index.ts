// The list of CLI commands, in the order `benchstats --help` shows them.
import type {Command} from "../command.js";
import {convert} from "./convert.js";
import {inventory} from "./inventory.js";
import {irt} from "./irt.js";
import {rank} from "./rank.js";
import {ratings} from "./ratings.js";
import {trace} from "./trace.js";

export const COMMANDS: Command[] = [rank, ratings, irt, trace, inventory, convert];
