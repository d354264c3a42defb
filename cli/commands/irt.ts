// `benchstats irt`: item response theory calibration (Rasch, 1PL, 2PL, 3PL) and ability estimates.
import {fitIrt, irtAbilities, type IrtModel} from "../../lib/index.js";
import {choiceOption, stringOption, UsageError} from "../args.js";
import type {Command} from "../command.js";
import type {OutputRow} from "../output.js";
import {loadResponses} from "../responses.js";

export const irt: Command = {
  name: "irt",
  summary: "fit an IRT model (Rasch/1PL/2PL/3PL, mirt's defaults) to 0/1 responses; item parameters or abilities",
  help: `Usage: benchstats irt <responses> [--model 2pl] [--abilities eap|map|mle] [--weights COLUMN]

<responses> is a wide CSV (one row per respondent — a model, a student —, one 0/1 column per item;
empty/NA = not administered; an optional first column of names and an optional freq/count column of
response-pattern frequencies) or a tidy samples table (model, item, value).

  --model M        rasch, 1pl, 2pl (default) or 3pl; marginal maximum likelihood by EM on mirt's
                   61-node quadrature, slope-intercept form logit P = a·θ + d, b = −d/a
  --abilities M    output respondents' abilities (eap, map or mle) instead of item parameters
  --weights C      the column holding pattern frequencies (default: freq, frequency, count, weight or n)
  --layout L       auto (default), wide or tidy

Output: one row per item: item, a, d, b, g, se_a, se_d, se_b, se_g, estimated; or with --abilities one
row per respondent: respondent, theta, se. Log-likelihood, AIC, BIC and warnings go to stderr.`,
  options: {model: {type: "string"}, abilities: {type: "string"}, weights: {type: "string"}, layout: {type: "string"}},
  async run({values, positionals, note}) {
    const [path] = positionals;
    if (!path || positionals.length > 1) throw new UsageError("irt needs exactly one <responses> file");
    const model: IrtModel = choiceOption(values, "model", ["rasch", "1pl", "2pl", "3pl"] as const, "2pl");
    const abilities = stringOption(values, "abilities") === undefined ? undefined : choiceOption(values, "abilities", ["eap", "map", "mle"] as const, "eap");
    const data = await loadResponses(path, {
      layout: choiceOption(values, "layout", ["auto", "wide", "tidy"] as const, "auto"),
      weightColumn: stringOption(values, "weights"),
      inputFormat: stringOption(values, "input-format")
    });
    const fit = fitIrt(data.responses, {model, weights: data.weights});
    note(
      `${model}: ${data.respondents.length} respondent rows × ${data.items.length} items; logLik ${fit.logLik.toFixed(3)}, ` +
        `AIC ${fit.aic.toFixed(2)}, BIC ${fit.bic.toFixed(2)}, ${fit.converged ? "converged" : "NOT converged"} in ${fit.iterations} iterations`
    );
    for (const warning of fit.warnings) note(`warning: ${warning}`);
    if (abilities) {
      return irtAbilities(fit, data.responses, {method: abilities}).map((a, i): OutputRow => ({respondent: data.respondents[i], theta: a.theta, se: a.se}));
    }
    return fit.items.map((item, j): OutputRow => ({
      item: data.items[j],
      a: item.a,
      d: item.d,
      b: item.b,
      g: item.g,
      se_a: item.se.a,
      se_d: item.se.d,
      se_b: item.se.b,
      se_g: item.se.g,
      estimated: item.estimated
    }));
  }
};
