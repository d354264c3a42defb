/**
 * Number formats for page text and table cells, so that a reader never sees `-0.00` (a small negative
 * number rounded to zero keeps its sign in `toFixed`) or `3.6e-1` (`toExponential` on an ordinary
 * p-value).
 *
 * @example
 * formatNumber(-0.0004, 2); // "0.00"
 * formatNumber(12345.678, 1); // "12,345.7"
 * formatP(0.3612); // "0.36"
 * formatP(0.00042); // "4.2 × 10⁻⁴"
 * formatP(1e-320); // "< 10⁻³⁰⁰"
 */

/** `value` with exactly `digits` decimals and thousands separators; `–` for null/NaN; no negative zero. */
export function formatNumber(value, digits = 1) {
  if (value === null || value === undefined || Number.isNaN(value)) return "–";
  if (!Number.isFinite(value)) return value > 0 ? "∞" : "−∞";
  const text = value.toLocaleString("en-US", {maximumFractionDigits: digits, minimumFractionDigits: digits});
  return /^-0(\.0*)?$/.test(text) ? text.slice(1) : text;
}

const superscripts = {"-": "⁻", 0: "⁰", 1: "¹", 2: "²", 3: "³", 4: "⁴", 5: "⁵", 6: "⁶", 7: "⁷", 8: "⁸", 9: "⁹"};
const superscript = (n) => String(n).replace(/[-\d]/g, (c) => superscripts[c]);

/**
 * A p-value as a reader expects it: two significant digits from 0.001 up (`0.36`, `0.0042`), `a × 10⁻ᵏ`
 * below, `< 10⁻³⁰⁰` where double precision underflows; `–` for null/NaN.
 */
export function formatP(p) {
  if (p === null || p === undefined || Number.isNaN(p)) return "–";
  if (p < 1e-300) return `< 10${superscript(-300)}`;
  if (p >= 0.001) return p >= 0.995 ? "1.00" : String(Number(p.toPrecision(2)));
  const [mantissa, exponent] = p.toExponential(1).split("e");
  return `${mantissa} × 10${superscript(Number(exponent))}`;
}
