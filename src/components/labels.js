/**
 * Margins sized to the labels they hold, and labels cut to their margin: a chart must neither clip a long
 * name at the SVG's edge nor give a wide margin to short ones. Widths are estimated at 0.6 em a character
 * (system-ui's average advance is ≈ 0.55–0.6 em for mixed-case names and digits), erring on the wide side.
 *
 * @example
 * const names = ["SuperGLUE Human Baselines", "T5"];
 * labelMargin(names, {max: 200}); // 176: the longest name at 10 px, plus the tick and padding
 * fitLabel("SuperGLUE Human Baselines", 100); // "SuperGLUE Huma…"
 */

const EM = 0.64;

/** Estimated width in px of `text` at `fontSize`. */
export function textWidth(text, fontSize = 10) {
  return String(text).length * EM * fontSize;
}

/** A margin wide enough for the longest of `labels` (plus `pad` for ticks), at most `max` px. */
export function labelMargin(labels, {fontSize = 10, pad = 16, max = 280, min = 40} = {}) {
  const widest = Math.max(0, ...[...labels].map((l) => textWidth(l, fontSize)));
  return Math.round(Math.max(min, Math.min(max, widest + pad)));
}

/** `text` cut with an ellipsis so that it fits in `px` at `fontSize`; whole when it fits. */
export function fitLabel(text, px, fontSize = 10) {
  const s = String(text);
  const chars = Math.floor(px / (EM * fontSize));
  return s.length <= chars ? s : `${s.slice(0, Math.max(1, chars - 1)).trimEnd()}…`;
}
