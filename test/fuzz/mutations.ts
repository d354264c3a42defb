// Mutations of a real file's bytes, as a hostile or unlucky user would make them: cuts, empty and
// header-only files, bad numbers, stray bytes, other line endings, a file of another kind. Each says
// whether a reader can tell: a `detectable` mutation must give a located error or the original rows; the
// others (a deleted line, a flipped digit) only must not crash, hang or let a bad number through.
import {gunzipSync, gzipSync} from "node:zlib";
import {createRandom, type Random} from "../../lib/core/random.js";

/** How a file is stored: text, gzip-compressed text, or opaque binary (TFRecord, SQLite). */
export type Encoding = "text" | "gzip" | "binary";

/** The layout of a text file: a header line then rows (CSV, dmon), one record a line (JSONL), one JSON document. */
export type Layout = "header" | "records" | "document";

/** One mutation: its name, whether a reader can detect it, and the edit (null: not applicable to this file). */
export interface Mutation {
  name: string;
  detectable: boolean;
  /**
   * A number token may stand in a label column (a seed, an item id), where another text is a valid label:
   * other rows are then accepted when only labels changed.
   */
  labelsMayChange?: boolean;
  /** The layouts it applies to (default: all). */
  layouts?: readonly Layout[];
  apply(bytes: Uint8Array, rng: Random, encoding: Encoding): Uint8Array | null;
}

const utf8 = new TextDecoder();
const encode = (text: string) => new TextEncoder().encode(text);

/** Applies a text edit to the decompressed content (and compresses again for gzip); null on binary files. */
function onText(edit: (text: string, rng: Random) => string | null): Mutation["apply"] {
  return (bytes, rng, encoding) => {
    if (encoding === "binary") return null;
    const text = utf8.decode(encoding === "gzip" ? gunzipSync(bytes) : bytes);
    const out = edit(text, rng);
    if (out === null) return null;
    return encoding === "gzip" ? gzipSync(encode(out)) : encode(out);
  };
}

/** Offsets of the number tokens of `text` that stand alone (a CSV cell, a JSON value), not inside a label. */
function numberTokens(text: string): {start: number; end: number}[] {
  const found: {start: number; end: number}[] = [];
  const re = /(?<=^|[,:\[\t ])\s*(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)(?=\s*(?:$|[,\]\}\r\n\t]))/gm;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const start = m.index + m[0].length - m[1].length;
    found.push({start, end: start + m[1].length});
  }
  return found;
}

/** The body lines (after the first) of `text`, as [start, end) offsets without the line break. */
function lineSpans(text: string): {start: number; end: number}[] {
  const spans: {start: number; end: number}[] = [];
  let start = 0;
  for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", start)) {
    spans.push({start, end: i});
    start = i + 1;
  }
  if (start < text.length) spans.push({start, end: text.length});
  return spans;
}

function replaceNumber(replacement: (token: string) => string): (text: string, rng: Random) => string | null {
  return (text, rng) => {
    const tokens = numberTokens(text);
    if (!tokens.length) return null;
    const {start, end} = tokens[rng.int(tokens.length)];
    return text.slice(0, start) + replacement(text.slice(start, end)) + text.slice(end);
  };
}

/** Every mutation of the suite, in a fixed order (the suite picks among them with a seeded generator). */
export const MUTATIONS: readonly Mutation[] = [
  {name: "empty file", detectable: true, apply: () => new Uint8Array(0)},
  {
    name: "header only",
    detectable: true,
    layouts: ["header"],
    apply: onText((text) => {
      const first = text.indexOf("\n");
      if (first < 0 || first === text.length - 1) return null;
      return text.slice(0, first + 1);
    })
  },
  {
    name: "header cut mid-way",
    detectable: true,
    layouts: ["header"],
    apply: onText((text, rng) => {
      const first = text.indexOf("\n");
      if (first < 2) return null;
      return text.slice(0, 1 + rng.int(first - 1));
    })
  },
  {
    name: "last row cut mid-value",
    detectable: true,
    apply: onText((text) => {
      const body = text.replace(/\s+$/, "");
      const tokens = numberTokens(body).filter((t) => t.end - t.start >= 2);
      const last = tokens[tokens.length - 1];
      if (!last || body.lastIndexOf("\n") > last.start) return null;
      return body.slice(0, last.end - 1);
    })
  },
  {
    name: "cut at a random byte",
    detectable: true,
    apply: (bytes, rng, encoding) => {
      if (bytes.length < 4) return null;
      if (encoding === "binary") return null; // see "binary cut": whole records may end anywhere
      const raw = encoding === "gzip" ? gunzipSync(bytes) : bytes;
      const text = utf8.decode(raw);
      // Cut inside a line with data on it: a cut after a line break only deletes lines (undetectable).
      let at = 1 + rng.int(text.length - 2);
      while (at > 0 && (text[at - 1] === "\n" || /\s/.test(text.slice(at)) && text.slice(at).trim() === "")) --at;
      if (at <= 0) return null;
      const cut = encode(text.slice(0, at));
      return encoding === "gzip" ? gzipSync(cut) : cut;
    }
  },
  {name: "compressed stream cut", detectable: true, apply: (bytes, rng, encoding) => (encoding === "gzip" ? bytes.slice(0, 10 + rng.int(bytes.length - 18)) : null)},
  {name: "value 1e400", detectable: true, labelsMayChange: true, apply: onText(replaceNumber(() => "1e400"))},
  {name: "value Infinity", detectable: true, labelsMayChange: true, apply: onText(replaceNumber(() => "-Infinity"))},
  {name: "value true", detectable: true, labelsMayChange: true, apply: onText(replaceNumber(() => "true"))},
  {
    name: "NUL in the header",
    detectable: true,
    layouts: ["header"],
    apply: onText((text, rng) => {
      const first = text.indexOf("\n");
      if (first < 1) return null;
      const at = rng.int(first);
      return text.slice(0, at) + "\u0000" + text.slice(at);
    })
  },
  {name: "byte order mark", detectable: true, apply: onText((text) => (text.startsWith("\ufeff") ? null : "\ufeff" + text))},
  {name: "CRLF line endings", detectable: true, apply: onText((text) => (text.includes("\n") && !text.includes("\r") ? text.replace(/\n/g, "\r\n") : null))},
  {name: "value negated", detectable: false, apply: onText(replaceNumber((t) => (t.startsWith("-") ? t.slice(1) : "-" + t)))},
  {
    name: "digit changed",
    detectable: false,
    apply: onText((text, rng) => {
      const digits = [...text.matchAll(/\d/g)];
      if (!digits.length) return null;
      const at = digits[rng.int(digits.length)].index!;
      return text.slice(0, at) + String((Number(text[at]) + 1 + rng.int(9)) % 10) + text.slice(at + 1);
    })
  },
  {
    name: "line deleted",
    detectable: false,
    apply: onText((text, rng) => {
      const spans = lineSpans(text);
      if (spans.length < 3) return null;
      const {start, end} = spans[1 + rng.int(spans.length - 1)];
      return text.slice(0, start) + text.slice(Math.min(text.length, end + 1));
    })
  },
  {
    name: "line repeated",
    detectable: false,
    apply: onText((text, rng) => {
      const spans = lineSpans(text);
      if (spans.length < 3) return null;
      const {start, end} = spans[1 + rng.int(spans.length - 1)];
      return text.slice(0, end) + "\n" + text.slice(start, end) + text.slice(end);
    })
  },
  {
    name: "a 2 MB line",
    detectable: false,
    apply: onText((text, rng) => {
      const spans = lineSpans(text);
      if (spans.length < 2) return null;
      const {end} = spans[rng.int(spans.length)];
      return text.slice(0, end) + "x".repeat(2 << 20) + text.slice(end);
    })
  },
  {
    name: "byte flipped",
    detectable: false,
    apply: (bytes, rng) => {
      if (!bytes.length) return null;
      const out = bytes.slice();
      out[rng.int(out.length)] ^= 1 << rng.int(8);
      return out;
    }
  },
  {name: "binary cut", detectable: false, apply: (bytes, rng, encoding) => (encoding === "binary" && bytes.length > 2 ? bytes.slice(0, 1 + rng.int(bytes.length - 1)) : null)}
];

/** The seeded generator of case `index` of the suite run with `seed`. */
export function caseRandom(seed: number, index: number): Random {
  return createRandom(seed, index);
}
