import {describe, expect, it, vi} from "vitest";

// Generous per-test limit: the CI machine is shared, and wall time there can be several times CPU time.
vi.setConfig({testTimeout: 60000});
import {irtAbilities, testInformation} from "../../lib/index.js";
import {irtProbability, itemInformation, patternLogLikelihood} from "../../lib/engine.js";
import {loadJson} from "./fixtures.js";

// shared/golden/irt_handcheck.json: closed-form values; all checks to 1e-12 (pure arithmetic) except
// the MLE (Newton to 1e-12 in θ → 1e-9).
const golden = loadJson("irt_handcheck.json");
const rasch = (b: number) => ({a: 1, d: -b});

describe("irt_handcheck.json", () => {
  it("irtProbability(item, θ) gives the Rasch probabilities", () => {
    const {b, theta_0, theta_1} = golden.rasch_probabilities;
    b.forEach((bj: number, j: number) => {
      expect(irtProbability(rasch(bj), 0)).toBeCloseTo(theta_0[j], 14);
      expect(irtProbability(rasch(bj), 1)).toBeCloseTo(theta_1[j], 14);
    });
  });

  it("patternLogLikelihood(items, pattern, θ) matches the Rasch pattern log-likelihood", () => {
    const {b, theta, pattern, loglik} = golden.rasch_pattern_loglik;
    expect(patternLogLikelihood(b.map(rasch), pattern, theta)).toBeCloseTo(loglik, 14);
  });

  it("itemInformation and testInformation match a²P(1 − P) and the Rasch test information", () => {
    const info = golden.item_information;
    const two = info["2PL"];
    expect(itemInformation({a: two.a, d: -two.a * two.b}, two.theta)).toBeCloseTo(two.info, 14);
    const off = info["2PL_off_center"];
    expect(itemInformation({a: off.a, d: -off.a * off.b}, off.theta)).toBeCloseTo(off.info, 14);
    const items = [-1, 0, 1].map(rasch);
    expect(testInformation(items, 0)).toBeCloseTo(info.test_information_rasch_b_theta0, 14);
    expect(1 / Math.sqrt(testInformation(items, 0))).toBeCloseTo(info.se_mle_from_info, 14);
  });

  it("3PL probability and Birnbaum information", () => {
    const t = golden["3PL"];
    const item = {a: t.a, d: -t.a * t.b, g: t.c};
    expect(irtProbability(item, t.b)).toBeCloseTo(t.P_at_theta_eq_b, 14);
    expect(irtProbability(item, 1)).toBeCloseTo(t.theta_1.P, 14);
    expect(itemInformation(item, 1)).toBeCloseTo(t.theta_1.info, 14);
  });

  it("slope-intercept conversion b = −d/a", () => {
    const c = golden.slope_intercept_conversion;
    expect(-c.d / c.a).toBeCloseTo(c.b, 14);
    expect(irtProbability({a: c.a, d: c.d}, c.b)).toBeCloseTo(0.5, 14);
  });

  it("irtAbilities EAP on a 3-node grid reproduces the posterior mean and SD", () => {
    const e = golden.eap_three_node_grid;
    // Normal weights on nodes (−1, 0, 1) equal (¼, ½, ¼) when exp(−1/(2σ²)) = ½, i.e. σ² = 1/(2 ln 2).
    const model = {items: [rasch(e.item.b)], latentVariance: 1 / (2 * Math.LN2), quadrature: {points: 3, lower: -1, upper: 1}};
    const [score] = irtAbilities(model, [[e.response]], {refine: false});
    expect(score.theta).toBeCloseTo(e.eap, 14);
    expect(score.se).toBeCloseTo(e.posterior_sd, 14);
  });

  it("irtAbilities MLE solves Σ P_j(θ) = raw score, with SE 1/√I(θ)", () => {
    const m = golden.rasch_mle_theta;
    const [score] = irtAbilities({items: m.b.map(rasch)}, [m.pattern], {method: "mle"});
    expect(score.theta).toBeCloseTo(m.theta_mle, 9);
    expect(score.se).toBeCloseTo(m.se, 9);
  });
});
