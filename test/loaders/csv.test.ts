import {mkdtempSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {describe, expect, it} from "vitest";
import {readCsv} from "../../loaders/common/csv.js";
import {expectLocated} from "./helpers.js";

const temp = (name: string, content: string) => {
  const file = join(mkdtempSync(join(tmpdir(), "csv-")), name);
  writeFileSync(file, content);
  return file;
};
const collect = async (file: string) => {
  const out: {cells: string[]; line: number}[] = [];
  for await (const record of readCsv(file)) out.push(record);
  return out;
};

describe("readCsv(file)", () => {
  it("follows RFC 4180 quoting: delimiters, doubled quotes and newlines inside quotes, CRLF, BOM", async () => {
    const file = temp("q.csv", '\ufeffa,b,c\r\n1,"x, y","say ""hi"""\r\n2,"two\nlines",\r\n\r\n3,plain,"end"');
    expect(await collect(file)).toEqual([
      {cells: ["a", "b", "c"], line: 1},
      {cells: ["1", "x, y", 'say "hi"'], line: 2},
      {cells: ["2", "two\nlines", ""], line: 3},
      {cells: ["3", "plain", "end"], line: 6}
    ]);
  });

  it("gives the same records whatever the chunk boundaries (a 300 kB file of quoted multi-line fields)", async () => {
    const expected: string[][] = [["id", "text", "value"]];
    let content = "id,text,value\n";
    for (let i = 0; i < 3000; i++) {
      const text = `row ${i}, with "quotes"\nand a second line ${"x".repeat(i % 97)}`;
      expected.push([String(i), text, String(i / 7)]);
      content += `${i},"${text.replace(/"/g, '""')}",${i / 7}\n`;
    }
    const records = await collect(temp("big.csv", content));
    expect(records.map((r) => r.cells)).toEqual(expected);
    expect(records[2].line).toBe(4); // record 1 spans lines 2–3
  });

  it("fails on a ragged record and on an unterminated quote with the line", async () => {
    const ragged = temp("r.csv", "a,b\n1,2\n3,4,5\n");
    await expectLocated(collect(ragged), /expected 2 fields like the header, got 3/, {file: ragged, line: 3});
    const open = temp("o.csv", 'a,b\n1,"never closed\n2,3\n');
    await expectLocated(collect(open), /never closed/, {file: open, line: 2});
  });
});
