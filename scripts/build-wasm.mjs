// Assembles lib/'s WebAssembly kernel from its text-format template with wabt and writes it as a
// TypeScript module exporting the bytes, so that lib/ stays plain TypeScript (no .wasm asset to locate
// at run time, in Node or in the browser).
//
//   node scripts/build-wasm.mjs           # rewrite lib/rl/engine/draw-kernel-wasm.ts
//   node scripts/build-wasm.mjs --check   # exit 1 when it is out of date with the template
//   node scripts/build-wasm.mjs --print   # print the expanded text format
//
// The template (lib/rl/engine/draw-kernel.template.wat) is ordinary WAT except for two marker lines, which
// are replaced by the unrolled bodies generated below: the eight halves of a generator step written
// out once per lane (wasm has no dynamic lane extraction), in the two modes of the draw loop.
import {readFileSync, writeFileSync} from "node:fs";
import {fileURLToPath} from "node:url";
import wabtInit from "wabt";

const root = fileURLToPath(new URL("../", import.meta.url));
const TEMPLATE = "lib/rl/engine/draw-kernel.template.wat";
const OUTPUT = "lib/rl/engine/draw-kernel-wasm.ts";
/** The Plackett–Luce I-LSR kernel: plain text format, no markers. */
const LSR_SOURCE = "lib/pairwise/lsr-kernel.wat";
const LSR_OUTPUT = "lib/pairwise/lsr-kernel-wasm.ts";

/** The draw loop's `mode` (see the template): counts only (the IQM), or pair sums and counts. */
const COUNTS_ONLY = 1;

/** Adds 1 to the count whose byte address is the i32 at `address` (groupOf holds count addresses). */
function countAt(address) {
  return [`(local.set $p (i32.load ${address}))`, `(i32.store (local.get $p) (i32.add (i32.load (local.get $p)) (i32.const 1)))`];
}

/** Adds the (value, clipped value) pair at `address` to accumulator X or Y. */
function addPair(address, acc) {
  return [`(local.set $acc${acc} (f64x2.add (local.get $acc${acc}) (v128.load ${address})))`];
}

/**
 * The step's vector operands, kept in `scratch` (byte offsets; see the template) and loaded by each
 * step: held in locals across steps, V8 re-splatted them every step for want of registers.
 */
const OPERAND = {n: 64, threshold: 80, off: 96, groupOfBase: 112, valuesBase: 128, low16: 144, times4: 160, times16: 176, positionsA: 192, positionsB: 208, sink: 224};
const operand = (name) => `(v128.load offset=${OPERAND[name]} (local.get $scratch))`;

/**
 * Byte addresses from both Lemire products ($a into `targetA`, $b into `targetB`): index·2^shift + base,
 * as ((p >> (16 − shift)) & −2^shift) + base. The mask and base are read once into locals: V8 does not
 * merge repeated loads from memory, and each would cost an instruction a step.
 */
const addressPair = (targetA, targetB, shift, base) => [
  `(local.set $mask ${operand(shift === 2 ? "times4" : "times16")})`,
  `(local.set $base ${operand(base)})`,
  ...[[targetA, "$a"], [targetB, "$b"]].map(([target, product]) =>
    `(local.set ${target} (i32x4.add (v128.and (i32x4.shr_u (local.get ${product}) (i32.const ${16 - shift})) (local.get $mask)) (local.get $base)))`)
];

/** Cell indices (off + run) of both halves of every lane. */
const cellIndices = () => [
  `(local.set $ia (i32x4.add (i32x4.shr_u (local.get $a) (i32.const 16)) ${operand("off")}))`,
  `(local.set $ib (i32x4.add (i32x4.shr_u (local.get $b) (i32.const 16)) ${operand("off")}))`
];

/**
 * `body(address)` for the four lanes of `vector` in lane order, taken two at a time as 64-bit lanes
 * (one extraction serves two addresses).
 */
const inLaneOrder = (vector, body) =>
  [0, 1].flatMap((pair) => [
    `(local.set $q (i64x2.extract_lane ${pair} (local.get ${vector})))`,
    ...body(`(i32.wrap_i64 (local.get $q))`),
    ...body(`(i32.wrap_i64 (i64.shr_u (local.get $q) (i64.const 32)))`)
  ]);

function fastStep(indent) {
  // Counting only: the cells' groupOf addresses for all lanes at once, then one increment per half
  // (counts commute, so high halves first, then low halves).
  const countsOnly = [
    ...addressPair("$ga", "$gb", 2, "groupOfBase"),
    `;; the task's last step: its halves from position n - j on are discarded, so they count into a sink`,
    `(if (i32.gt_s (i32.add (local.get $j) (i32.const 8)) (local.get $n))`,
    `  (then`,
    `    (local.set $tmp (i32x4.splat (i32.sub (local.get $n) (local.get $j))))`,
    `    (local.set $ga (v128.bitselect (local.get $ga) ${operand("sink")} (i32x4.gt_s (local.get $tmp) ${operand("positionsA")})))`,
    `    (local.set $gb (v128.bitselect (local.get $gb) ${operand("sink")} (i32x4.gt_s (local.get $tmp) ${operand("positionsB")})))))`,
    ...inLaneOrder("$ga", countAt),
    ...inLaneOrder("$gb", countAt)
  ];
  // Pair sums and counts: pair and groupOf addresses for all lanes at once. In draw order the halves
  // alternate high, low, high, ...: X takes the high halves in lane order, Y the low ones, and the two
  // chains are independent, so each can be added in one go.
  const pairsAndCounts = [
    ...addressPair("$va", "$vb", 4, "valuesBase"),
    ...addressPair("$ga", "$gb", 2, "groupOfBase"),
    ...inLaneOrder("$va", (address) => addPair(address, "X")),
    ...inLaneOrder("$vb", (address) => addPair(address, "Y")),
    ...inLaneOrder("$ga", countAt),
    ...inLaneOrder("$gb", countAt)
  ];
  return [
    `;; the common case: all eight halves accepted and, for the pair sums, room for them in the task`,
    `;; (the sums' parity bookkeeping is the rare path's)`,
    `(block $rare`,
    `  (br_if $rare (i32x4.bitmask (v128.or (local.get $rejA) (local.get $rejB))))`,
    `  (if (i32.eq (local.get $mode) (i32.const ${COUNTS_ONLY}))`,
    `    (then`,
    ...countsOnly.map((l) => "      " + l),
    `      )`,
    `    (else`,
    `      (br_if $rare (i32.gt_s (i32.add (local.get $j) (i32.const 8)) (local.get $n)))`,
    ...pairsAndCounts.map((l) => "      " + l),
    `      ))`,
    `  (local.set $j (i32.add (local.get $j) (i32.const 8)))`,
    `  (br $eachStep))`
  ].map((l) => indent + l);
}

function rareStep(indent) {
  return [
    `;; rare: a rejected half, or with pair sums the task ends within this step (the remaining halves are discarded)`,
    ...cellIndices(),
    `(v128.store offset=0 (local.get $scratch) (local.get $ia))`,
    `(v128.store offset=16 (local.get $scratch) (local.get $ib))`,
    `(v128.store offset=32 (local.get $scratch) (local.get $rejA))`,
    `(v128.store offset=48 (local.get $scratch) (local.get $rejB))`,
    `(local.set $h (i32.const 0))`,
    `(block $halvesDone`,
    `  (loop $eachHalf`,
    `    (br_if $halvesDone (i32.ge_u (local.get $h) (i32.const 8)))`,
    `    ;; half h: lane h >> 1, its high half (in $ia) when h is even, its low half (in $ib) when odd`,
    `    (local.set $p (i32.add (local.get $scratch) (i32.add (i32.shl (i32.and (local.get $h) (i32.const 1)) (i32.const 4)) (i32.shl (i32.shr_u (local.get $h) (i32.const 1)) (i32.const 2)))))`,
    `    (if (i32.and (i32.lt_s (local.get $j) (local.get $n)) (i32.eqz (i32.load offset=32 (local.get $p))))`,
    `      (then`,
    `        (local.set $c (i32.load (local.get $p)))`,
    `        (if (i32.ne (local.get $mode) (i32.const ${COUNTS_ONLY})) (then`,
    ...addPair(`(i32.add (local.get $values) (i32.shl (local.get $c) (i32.const 4)))`, "X").map((l) => "          " + l),
    `          ;; the next position has the other parity: swap the accumulators`,
    `          (local.set $tmp (local.get $accX)) (local.set $accX (local.get $accY)) (local.set $accY (local.get $tmp))))`,
    ...countAt(`(i32.add (local.get $groupOf) (i32.shl (local.get $c) (i32.const 2)))`).map((l) => "        " + l),
    `        (local.set $j (i32.add (local.get $j) (i32.const 1)))))`,
    `    (local.set $h (i32.add (local.get $h) (i32.const 1)))`,
    `    (br $eachHalf)))`,
    `(br $eachStep)))`
  ].map((l) => indent + l);
}

/**
 * One slot of the trimmed-mean walk: the values at $p + `offset` times the four counts in $c, lanes
 * 0, 1 into $acc01 and 2, 3 into $acc23.
 */
function slot(indent, offset) {
  return [
    `(local.set $acc01 (f64x2.add (local.get $acc01)`,
    `  (f64x2.mul (v128.load offset=${offset} (local.get $p)) (f64x2.convert_low_i32x4_s (local.get $c)))))`,
    `(local.set $acc23 (f64x2.add (local.get $acc23)`,
    `  (f64x2.mul (v128.load offset=${offset + 16} (local.get $p))`,
    `    (f64x2.convert_low_i32x4_s (i8x16.shuffle 8 9 10 11 12 13 14 15 8 9 10 11 12 13 14 15 (local.get $c) (local.get $c))))))`
  ].map((l) => indent + l);
}

/** The template with its markers expanded. */
export function expandedText() {
  const lines = [];
  for (const line of readFileSync(root + TEMPLATE, "utf8").split("\n")) {
    const marker = /^(\s*);; @unrolled (fast-step|rare-step)\s*$/.exec(line);
    const slotMarker = /^(\s*);; @slot (\d+)\s*$/.exec(line);
    if (marker) lines.push(...(marker[2] === "fast-step" ? fastStep(marker[1]) : rareStep(marker[1])));
    else if (slotMarker) lines.push(...slot(slotMarker[1], Number(slotMarker[2])));
    else lines.push(line);
  }
  return lines.join("\n");
}

/** The generated TypeScript module of the draw kernel (or, with `lsr`, of the I-LSR kernel). */
export async function generate(lsr = false) {
  const [source, name, text] = lsr ? [LSR_SOURCE, "lsrKernelBytes", readFileSync(root + LSR_SOURCE, "utf8")] : [TEMPLATE, "drawKernelBytes", expandedText()];
  const wabt = await wabtInit();
  const parsed = wabt.parseWat(source, text);
  parsed.validate();
  const {buffer} = parsed.toBinary({});
  parsed.destroy();
  const rows = [];
  for (let i = 0; i < buffer.length; i += 24) rows.push("  " + Array.from(buffer.subarray(i, i + 24)).join(", ") + ",");
  return (
    `// Generated by scripts/build-wasm.mjs from ${source.split("/").pop()}: do not edit; run \`npm run build:wasm\`.\n` +
    `/** The assembled WebAssembly module (${buffer.length} bytes). @internal */\n` +
    `export const ${name} = new Uint8Array([\n${rows.join("\n")}\n]);\n`
  );
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  if (process.argv.includes("--print")) {
    console.log(expandedText());
    process.exit(0);
  }
  for (const [lsr, source, output] of [[false, TEMPLATE, OUTPUT], [true, LSR_SOURCE, LSR_OUTPUT]]) {
    const text = await generate(lsr);
    let current = "";
    try {
      current = readFileSync(root + output, "utf8");
    } catch {}
    if (process.argv.includes("--check")) {
      if (current !== text) {
        console.error(`${output} is out of date with ${source}: run npm run build:wasm`);
        process.exit(1);
      }
    } else if (current !== text) {
      writeFileSync(root + output, text);
      console.log(`wrote ${output}`);
    }
  }
}
