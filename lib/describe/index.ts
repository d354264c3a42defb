// Descriptive statistics: numpy-linear (type 7) quantiles and selection of order statistics.
export {quantile, quantileSorted, quantilesInPlace} from "./quantile.js";
export {select} from "./select.js";
