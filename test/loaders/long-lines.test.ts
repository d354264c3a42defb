// Lines of any length are read in linear time: a line spanning many read chunks is joined once, with its
// CRLF ending and a leading byte order mark handled as for short lines.
import {mkdtempSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {describe, expect, it} from "vitest";
import {readLines} from "../../loaders/common/lines.js";

describe("readLines on long lines", () => {
  it("reads an 8 MB line between short ones, CRLF and BOM included, with the right line numbers", async () => {
    const long = "x".repeat(8 << 20);
    const file = join(mkdtempSync(join(tmpdir(), "bs-lines-")), "long.txt");
    writeFileSync(file, `\ufeffa\r\n${long}\r\nb\n\nc`);
    const lines: {text: string; line: number}[] = [];
    for await (const l of readLines(file)) lines.push(l);
    expect(lines.map((l) => l.line)).toEqual([1, 2, 3, 4, 5]);
    expect(lines.map((l) => l.text.length)).toEqual([1, long.length, 1, 0, 1]);
    expect(lines[1].text === long).toBe(true);
    expect([lines[0].text, lines[2].text, lines[4].text]).toEqual(["a", "b", "c"]);
  });
});
