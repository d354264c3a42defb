import {mkdtempSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {describe, expect, it} from "vitest";
import {cli, cliJson, fixture} from "./helpers.js";

describe("benchstats irt <responses>", () => {
  it("fits the 2PL to LSAT-7 (32 response patterns with frequencies) as mirt documents", async () => {
    const {status, stdout, stderr} = await cli("irt", fixture("../irt/lsat7_patterns.csv"));
    expect(status).toBe(0);
    const items = JSON.parse(stdout) as {item: string; a: number; d: number}[];
    // mirt's documented LSAT-7 2PL estimates (printed to 3 decimals; mirt's EM stops at TOL = 1e-4).
    const a = [0.988, 1.081, 1.707, 0.765, 0.736];
    const d = [1.856, 0.808, 1.804, 0.486, 1.855];
    expect(items.map((i) => i.item)).toEqual(["Item.1", "Item.2", "Item.3", "Item.4", "Item.5"]);
    items.forEach((item, j) => {
      expect(Math.abs(item.a - a[j])).toBeLessThan(1.5e-3);
      expect(Math.abs(item.d - d[j])).toBeLessThan(1.5e-3);
    });
    expect(stderr).toMatch(/logLik -2658\.805/);
  });

  it("scores abilities per response pattern (EAP), higher for more correct answers", async () => {
    const rows = await cliJson<{respondent: string; theta: number; se: number}[]>("irt", fixture("../irt/lsat7_patterns.csv"), "--abilities", "eap", "-q");
    expect(rows).toHaveLength(32);
    // Pattern 1 is 00000, pattern 32 is 11111.
    expect(rows[0].theta).toBeLessThan(rows[31].theta);
    for (const r of rows) expect(r.se).toBeGreaterThan(0);
  });

  it("rejects a response other than 0/1 with file, line and item column", async () => {
    const dir = mkdtempSync(join(tmpdir(), "benchstats-cli-"));
    writeFileSync(join(dir, "r.csv"), "model,q1,q2\nm1,1,0\nm2,0,2\n");
    const {status, stderr} = await cli("irt", join(dir, "r.csv"));
    expect(status).toBe(1);
    expect(stderr).toMatch(/r\.csv:3, column "q2": expected a 0\/1 response .*got "2"/);
  });
});
