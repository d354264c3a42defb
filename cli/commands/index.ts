// The list of CLI commands, in the order `benchstats --help` shows them.
import type {Command} from "../command.js";
import {agree} from "./agree.js";
import {compare} from "./compare.js";
import {convert} from "./convert.js";
import {interval} from "./interval.js";
import {poi} from "./poi.js";
import {profile} from "./profile.js";
import {inventory} from "./inventory.js";
import {irt} from "./irt.js";
import {judgeCheck} from "./judge-check.js";
import {lc} from "./lc.js";
import {rank} from "./rank.js";
import {ratings} from "./ratings.js";
import {replay} from "./replay.js";
import {summarize} from "./summarize.js";
import {trace} from "./trace.js";

export const COMMANDS: Command[] = [interval, profile, poi, rank, agree, ratings, replay, lc, judgeCheck, summarize, compare, irt, trace, inventory, convert];
