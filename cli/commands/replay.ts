// `benchstats replay`: arena battles replayed in file order; votes each rating method needs to reach the final top-k.
import {replayTopK, type ReplayMethod} from "../../lib/index.js";
import {intOption, listOption, UsageError} from "../args.js";
import {BATTLE_HELP, BATTLE_OPTIONS, loadBattleRows} from "../battles-input.js";
import type {Command} from "../command.js";
import type {OutputRow} from "../output.js";

const METHODS = ["elo", "bradley-terry", "trueskill", "trueskill-matchmaking"] as const;

export const replay: Command = {
  name: "replay",
  summary: "replay battles in order: votes online Elo, Bradley–Terry and TrueSkill (± matchmaking) need to reach the final top-k",
  help: `Usage: benchstats replay <battles> [--k 5] [--every 250] [--methods elo,bradley-terry,trueskill,trueskill-matchmaking]

<battles> as for \`benchstats ratings\`, in time order (file order).

  --k K        size of the top set (default 5); the final top-k is the Bradley–Terry MLE on all battles
  --every N    votes between checkpoints (default 250)
  --methods M  comma-separated subset of ${METHODS.join(", ")}
${BATTLE_HELP}

Output: one row per method and checkpoint: method, votes, overlap (of its top-k with the final top-k),
votes_to_top_k (null when never reached for good), votes_to_first_top_k, votes_to_own_top_k.`,
  options: {k: {type: "string"}, every: {type: "string"}, methods: {type: "string"}, ...BATTLE_OPTIONS},
  async run({values, positionals, note}) {
    const [path] = positionals;
    if (!path || positionals.length > 1) throw new UsageError("replay needs exactly one <battles> file");
    const battles = await loadBattleRows(path, values, note);
    const methods = listOption(values, "methods") as ReplayMethod[] | undefined;
    for (const m of methods ?? []) if (!(METHODS as readonly string[]).includes(m)) throw new UsageError(`--methods: unknown method ${JSON.stringify(m)} (expected ${METHODS.join(", ")})`);
    const result = replayTopK(battles, {k: intOption(values, "k", 5), every: intOption(values, "every", 250), methods});
    note(`${result.battles} battles; final top-${result.finalTopK.length}: ${result.finalTopK.join(", ")}`);
    for (const m of result.methods) note(`${m.method}: ${m.votesToTopK ?? "never"} votes to the final top-${result.finalTopK.length}; its own top set after ${m.votesToOwnTopK}`);
    return result.methods.flatMap((m) => m.curve.map((c): OutputRow => ({method: m.method, votes: c.votes, overlap: c.overlap, votes_to_top_k: m.votesToTopK, votes_to_first_top_k: m.votesToFirstTopK, votes_to_own_top_k: m.votesToOwnTopK})));
  }
};
