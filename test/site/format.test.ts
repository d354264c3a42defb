import {describe, expect, it} from "vitest";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const component = (name: string): Promise<any> => import(`../../src/components/${name}.js`);
const {formatNumber, formatP} = await component("format");

describe("formatNumber", () => {
  it("never shows a negative zero", () => {
    expect((-0.0004).toFixed(2)).toBe("-0.00"); // what the pages printed before
    expect(formatNumber(-0.0004, 2)).toBe("0.00");
    expect(formatNumber(-0, 1)).toBe("0.0");
    expect(formatNumber(-0.5, 0)).toBe("-1");
  });
  it("groups thousands and marks missing values", () => {
    expect(formatNumber(12345.678, 1)).toBe("12,345.7");
    expect(formatNumber(NaN)).toBe("–");
    expect(formatNumber(null)).toBe("–");
  });
});

describe("formatP", () => {
  it("writes ordinary p-values as decimals, not in exponent notation", () => {
    expect((0.36).toExponential(1)).toBe("3.6e-1"); // what the arena page printed before
    expect(formatP(0.3612)).toBe("0.36");
    expect(formatP(0.0042)).toBe("0.0042");
    expect(formatP(0.999)).toBe("1.00");
  });
  it("uses powers of ten for small ones", () => {
    expect(formatP(0.00042)).toBe("4.2 × 10⁻⁴");
    expect(formatP(1e-320)).toBe("< 10⁻³⁰⁰");
  });
});
