// Item response theory: calibration (MML-EM), abilities, information, item diagnostics, subsets.
export {fitIrt} from "./fit.js";
export type {FitIrtOptions, IrtFit} from "./fit.js";
export {irtProbability} from "./model.js";
export type {IrtItem, IrtItemStandardErrors, IrtModel} from "./model.js";
export {irtQuadrature} from "./quadrature.js";
export type {IrtQuadrature, IrtQuadratureOptions} from "./quadrature.js";
export type {IrtPriors, IrtSlopePrior} from "./priors.js";
export type {IrtResponses} from "./responses.js";
export {irtAbilities} from "./abilities.js";
export type {IrtAbility, IrtAbilityOptions, IrtScoringModel} from "./abilities.js";
export {itemInformation, testInformation} from "./information.js";
export {patternLogLikelihood} from "./likelihood.js";
