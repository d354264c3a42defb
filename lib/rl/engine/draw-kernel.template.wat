;; The bootstrap's counting path in WebAssembly (SIMD128): the draw-and-count loop, the trimmed-mean
;; walk and the replicate loops of the common statistics, called from lib/rl/draw-kernel.ts. A template: the two
;; `;; @unrolled ...` lines (the eight halves of a step unrolled, in both modes) and the `;; @slot N`
;; lines (one slot of the trimmed-mean walk) are expanded by scripts/build-wasm.mjs, which assembles the
;; result into draw-kernel-wasm.ts; after editing either,
;; run `npm run build:wasm`. It must stay exactly equivalent to the JavaScript path (IndexStream.fill,
;; pairedSum, trimmedMeanOfSorted): same generator words, same indices, the same float additions in the
;; same order. The tests compare both bit for bit. Keep the assembled module under 4 KB: Chrome refuses
;; to compile larger modules synchronously on a page's main thread (the JavaScript twin would then run).
;;
;; The generator is IndexStream's: four independent xoshiro128** lanes advanced together (one v128 per
;; state word, lane k of vector i at state + 16*i + 4*k). Each step yields four 32-bit words and eight
;; 16-bit halves, in the order high(lane 0), low(lane 0), high(lane 1), ..., low(lane 3); each half h gives
;; the run index floor(h*n / 2^16) unless (h*n mod 2^16) < 2^16 mod n (Lemire's rejection, exactly uniform).
;; Halves left over when a task's n indices are complete are discarded, so every task starts a new step.
;;
;; draw: for each task slot t < tasks, with m = taskBase + sel[t], off = offsets[m], n = offsets[m+1] - off,
;; each drawn index i (cell c = off + i) adds 1 to the i32 at groupOf[c] (groupOf holds per cell the
;; byte address of its value group's count, or of the sink when nothing is counted) and, unless
;; `mode` is 1 (counts only, the IQM), adds the cell's pair (value, clipped value) to the task's sums:
;; `values` holds the pairs as two f64 (16 bytes), so one vector load and one f64x2 addition serve
;; both sums (lane 0 the sum, lane 1 the clipped sum; lanes add independently, exactly as two scalar
;; additions would).
;; Each sum is taken as pairedSum does (lib/rl/matrix.ts): the draws at even and at odd positions of the
;; task in two running sums. Accumulator X takes the draws whose position has the parity of the next
;; draw: a full step adds its eight halves alternately to X and Y, the rare path swaps X and Y after each
;; draw. Then taskSums[t] = X + Y in lane 0 and clipSums[t] likewise in lane 1 (X + Y = even + odd:
;; addition commutes).
;; thresholds[m] = 2^16 mod n for task m. All pointers are byte offsets into the module's memory.
;; `scratch` is 256 bytes: 64 for the rare path, then the step's vector operands, each in all four lanes
;; (OPERAND in the build script): n at 64, 2^16 mod n at 80, off at 96, the task's first groupOf and
;; values addresses at 112 and 128, the masks 0xffff, -4 and -16 at 144, 160 and 176, the halves'
;; positions in a step (lane order, high halves at 192, low at 208) and the sink's groupOf address at
;; 224; the sink itself (a groupOf entry, then the count it points to) at 240 and 244. Each step loads
;; the operands it needs once into locals: held in locals across steps, V8 rebuilt them every step for
;; want of registers, and it does not merge repeated loads of one operand within a step.
(module
  (memory (export "memory") 1)
  (func $draw (export "draw")
    (param $state i32) (param $offsets i32) (param $sel i32) (param $values i32)
    (param $groupOf i32) (param $taskSums i32) (param $clipSums i32)
    (param $taskBase i32) (param $tasks i32) (param $mode i32) (param $scratch i32) (param $thresholds i32)
    (local $s0 v128) (local $s1 v128) (local $s2 v128) (local $s3 v128)
    (local $x v128) (local $w v128) (local $a v128) (local $b v128)
    (local $ia v128) (local $ib v128) (local $rejA v128) (local $rejB v128)
    (local $ga v128) (local $gb v128) (local $va v128) (local $vb v128)
    (local $t i32) (local $m i32) (local $off i32) (local $n i32)
    (local $j i32) (local $c i32) (local $h i32) (local $p i32)
    (local $accX v128) (local $accY v128) (local $tmp v128) (local $q i64)
    (local $n4 v128) (local $low16 v128) (local $threshold v128) (local $mask v128) (local $base v128)
    (v128.store offset=144 (local.get $scratch) (i32x4.splat (i32.const 0xffff)))
    (v128.store offset=160 (local.get $scratch) (i32x4.splat (i32.const -4)))
    (v128.store offset=176 (local.get $scratch) (i32x4.splat (i32.const -16)))
    (v128.store offset=192 (local.get $scratch) (v128.const i32x4 0 2 4 6))
    (v128.store offset=208 (local.get $scratch) (v128.const i32x4 1 3 5 7))
    ;; the sink: a groupOf entry at scratch + 240 holding the address of a count at scratch + 244
    (i32.store offset=240 (local.get $scratch) (i32.add (local.get $scratch) (i32.const 244)))
    (v128.store offset=224 (local.get $scratch) (i32x4.splat (i32.add (local.get $scratch) (i32.const 240))))
    (local.set $s0 (v128.load offset=0 (local.get $state)))
    (local.set $s1 (v128.load offset=16 (local.get $state)))
    (local.set $s2 (v128.load offset=32 (local.get $state)))
    (local.set $s3 (v128.load offset=48 (local.get $state)))
    (local.set $t (i32.const 0))
    (block $tasksDone
      (loop $eachTask
        (br_if $tasksDone (i32.ge_s (local.get $t) (local.get $tasks)))
        (local.set $m (i32.add (local.get $taskBase)
          (i32.load (i32.add (local.get $sel) (i32.shl (local.get $t) (i32.const 2))))))
        (local.set $p (i32.add (local.get $offsets) (i32.shl (local.get $m) (i32.const 2))))
        (local.set $off (i32.load offset=0 (local.get $p)))
        (local.set $n (i32.sub (i32.load offset=4 (local.get $p)) (local.get $off)))
        (v128.store offset=64 (local.get $scratch) (i32x4.splat (local.get $n)))
        ;; 2^16 mod n, precomputed per task (a division costs more than a task's setup otherwise)
        (v128.store offset=80 (local.get $scratch) (i32x4.splat (i32.load (i32.add (local.get $thresholds) (i32.shl (local.get $m) (i32.const 2))))))
        (v128.store offset=96 (local.get $scratch) (i32x4.splat (local.get $off)))
        ;; byte addresses of the task's first cell in groupOf and in values
        (v128.store offset=112 (local.get $scratch) (i32x4.splat (i32.add (local.get $groupOf) (i32.shl (local.get $off) (i32.const 2)))))
        (v128.store offset=128 (local.get $scratch) (i32x4.splat (i32.add (local.get $values) (i32.shl (local.get $off) (i32.const 4)))))
        (local.set $accX (v128.const i64x2 0 0))
        (local.set $accY (v128.const i64x2 0 0))
        (local.set $j (i32.const 0))
        (block $runsDone
          (loop $eachStep
            (br_if $runsDone (i32.ge_s (local.get $j) (local.get $n)))
            ;; xoshiro128** on four lanes: x = rotl(s1 * 5, 7) * 9 (the multiplications as shifts and
            ;; adds: s1 * 5 = (s1 << 2) + s1, y * 9 = (y << 3) + y), then the state update
            (local.set $x (i32x4.add (i32x4.shl (local.get $s1) (i32.const 2)) (local.get $s1)))
            (local.set $x (v128.or (i32x4.shl (local.get $x) (i32.const 7)) (i32x4.shr_u (local.get $x) (i32.const 25))))
            (local.set $x (i32x4.add (i32x4.shl (local.get $x) (i32.const 3)) (local.get $x)))
            (local.set $w (i32x4.shl (local.get $s1) (i32.const 9)))
            (local.set $s2 (v128.xor (local.get $s2) (local.get $s0)))
            (local.set $s3 (v128.xor (local.get $s3) (local.get $s1)))
            (local.set $s1 (v128.xor (local.get $s1) (local.get $s2)))
            (local.set $s0 (v128.xor (local.get $s0) (local.get $s3)))
            (local.set $s2 (v128.xor (local.get $s2) (local.get $w)))
            (local.set $s3 (v128.or (i32x4.shl (local.get $s3) (i32.const 11)) (i32x4.shr_u (local.get $s3) (i32.const 21))))
            ;; Lemire on both halves of every lane: products, rejection masks (low 16 bits below the
            ;; threshold; both sides < 2^16, so a signed compare does); the bodies below derive cell indices or
            ;; addresses from the products
            (local.set $n4 (v128.load offset=64 (local.get $scratch)))
            (local.set $low16 (v128.load offset=144 (local.get $scratch)))
            (local.set $threshold (v128.load offset=80 (local.get $scratch)))
            (local.set $a (i32x4.mul (i32x4.shr_u (local.get $x) (i32.const 16)) (local.get $n4)))
            (local.set $b (i32x4.mul (v128.and (local.get $x) (local.get $low16)) (local.get $n4)))
            (local.set $rejA (i32x4.gt_s (local.get $threshold) (v128.and (local.get $a) (local.get $low16))))
            (local.set $rejB (i32x4.gt_s (local.get $threshold) (v128.and (local.get $b) (local.get $low16))))
            ;; @unrolled fast-step
            ;; @unrolled rare-step
        (if (i32.ne (local.get $mode) (i32.const 1))
          (then
            (f64.store (i32.add (local.get $taskSums) (i32.shl (local.get $t) (i32.const 3)))
              (f64.add (f64x2.extract_lane 0 (local.get $accX)) (f64x2.extract_lane 0 (local.get $accY))))
            (f64.store (i32.add (local.get $clipSums) (i32.shl (local.get $t) (i32.const 3)))
              (f64.add (f64x2.extract_lane 1 (local.get $accX)) (f64x2.extract_lane 1 (local.get $accY))))))
        (local.set $t (i32.add (local.get $t) (i32.const 1)))
        (br $eachTask)))
    (v128.store offset=0 (local.get $state) (local.get $s0))
    (v128.store offset=16 (local.get $state) (local.get $s1))
    (v128.store offset=32 (local.get $state) (local.get $s2))
    (v128.store offset=48 (local.get $state) (local.get $s3)))

;; Trimmed mean. An entry's value groups (distinct values) are split into four lanes, each an ascending
  ;; list (lib/rl/lane-layout.ts); slot i holds list position i of all four: four i32 counts at
  ;; counts + 16i, four f64 values at values + 32i. `addrs` holds per group in ascending (merged) order
  ;; the byte address of its count; `below` per group m four i32: per lane, the list position where m's
  ;; part of the lane starts (row `groups` holds the lists' lengths).

  ;; hmin(v), hmax(v): the smallest and largest of the four i32 lanes
  (func $hmin (param $v v128) (result i32)
    (local.set $v (i32x4.min_s (local.get $v) (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $v) (local.get $v))))
    (i32x4.extract_lane 0 (i32x4.min_s (local.get $v) (i8x16.shuffle 4 5 6 7 0 1 2 3 4 5 6 7 0 1 2 3 (local.get $v) (local.get $v)))))
  (func $hmax (param $v v128) (result i32)
    (local.set $v (i32x4.max_s (local.get $v) (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $v) (local.get $v))))
    (i32x4.extract_lane 0 (i32x4.max_s (local.get $v) (i8x16.shuffle 4 5 6 7 0 1 2 3 4 5 6 7 0 1 2 3 (local.get $v) (local.get $v)))))

  ;; countSide(counts, row, slots, above): the draws counted in the groups before merged group m (above
  ;; = 0) or from m on (above = 1), `row` pointing at below[m]: per lane, list positions below (from)
  ;; the row's. Whole slots where every lane is on that side, masked slots between the row's smallest
  ;; and largest position.
  (func $countSide (param $counts i32) (param $row i32) (param $slots i32) (param $above i32) (result i32)
    (local $lim v128) (local $flip v128) (local $acc v128)
    (local $i i32) (local $end i32) (local $mn i32) (local $mx i32) (local $p i32)
    (local.set $lim (v128.load (local.get $row)))
    (local.set $mn (call $hmin (local.get $lim)))
    (local.set $mx (call $hmax (local.get $lim)))
    (local.set $flip (i32x4.splat (i32.sub (i32.const 0) (local.get $above))))
    (local.set $i (select (local.get $mx) (i32.const 0) (local.get $above)))
    (local.set $end (select (local.get $slots) (local.get $mn) (local.get $above)))
    ;; whole slots, four a step, then one at a time
    (local.set $p (i32.add (local.get $counts) (i32.shl (local.get $i) (i32.const 4))))
    (block $done (loop $more
        (br_if $done (i32.gt_s (i32.add (local.get $i) (i32.const 4)) (local.get $end)))
        (local.set $acc (i32x4.add (local.get $acc)
          (i32x4.add (i32x4.add (v128.load offset=0 (local.get $p)) (v128.load offset=16 (local.get $p)))
            (i32x4.add (v128.load offset=32 (local.get $p)) (v128.load offset=48 (local.get $p))))))
        (local.set $p (i32.add (local.get $p) (i32.const 64)))
        (local.set $i (i32.add (local.get $i) (i32.const 4)))
        (br $more)))
    (block $done (loop $more
        (br_if $done (i32.ge_s (local.get $i) (local.get $end)))
        (local.set $acc (i32x4.add (local.get $acc) (v128.load (local.get $p))))
        (local.set $p (i32.add (local.get $p) (i32.const 16)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $more)))
    (local.set $i (local.get $mn))
    (block $done (loop $more
        (br_if $done (i32.ge_s (local.get $i) (local.get $mx)))
        (local.set $acc (i32x4.add (local.get $acc)
          (v128.and (v128.load (i32.add (local.get $counts) (i32.shl (local.get $i) (i32.const 4))))
            (v128.xor (i32x4.gt_s (local.get $lim) (i32x4.splat (local.get $i))) (local.get $flip)))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $more)))
    (i32.add
      (i32.add (i32x4.extract_lane 0 (local.get $acc)) (i32x4.extract_lane 1 (local.get $acc)))
      (i32.add (i32x4.extract_lane 2 (local.get $acc)) (i32x4.extract_lane 3 (local.get $acc)))))

  ;; addSlots(values, counts, i, end, a, b, masked, acc01, acc23): adds value * count of slots i .. end-1
  ;; to the accumulators (lanes 0, 1 and 2, 3), in slot order; when `masked`, a lane's count only at
  ;; list positions a <= i < b (a term value * 0 leaves a sum as it is).
  (func $addSlots (param $values i32) (param $counts i32) (param $i i32) (param $end i32) (param $a v128) (param $b v128)
    (param $masked i32) (param $acc01 v128) (param $acc23 v128) (result v128 v128)
    (local $c v128) (local $vi v128) (local $p i32)
    (local.set $vi (i32x4.splat (local.get $i)))
    (local.set $p (i32.add (local.get $values) (i32.shl (local.get $i) (i32.const 5))))
    (local.set $counts (i32.add (local.get $counts) (i32.shl (local.get $i) (i32.const 4))))
    (if (local.get $masked)
      (then
        (block $done (loop $more
            (br_if $done (i32.ge_s (local.get $i) (local.get $end)))
            (local.set $c (v128.and (v128.load (local.get $counts))
              (v128.andnot (i32x4.gt_s (local.get $b) (local.get $vi)) (i32x4.gt_s (local.get $a) (local.get $vi)))))
            ;; @slot 0
            (local.set $vi (i32x4.add (local.get $vi) (i32x4.splat (i32.const 1))))
            (local.set $p (i32.add (local.get $p) (i32.const 32)))
            (local.set $counts (i32.add (local.get $counts) (i32.const 16)))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (br $more))))
      (else
        ;; two slots a step, in slot order (end - i is even)
        (block $done (loop $more
            (br_if $done (i32.ge_s (local.get $i) (local.get $end)))
            (local.set $c (v128.load offset=0 (local.get $counts)))
            ;; @slot 0
            (local.set $c (v128.load offset=16 (local.get $counts)))
            ;; @slot 32
            (local.set $p (i32.add (local.get $p) (i32.const 64)))
            (local.set $counts (i32.add (local.get $counts) (i32.const 32)))
            (local.set $i (i32.add (local.get $i) (i32.const 2)))
            (br $more)))))
    (local.get $acc01) (local.get $acc23))

  ;; trimmed(entry, pooled): the 25% trimmed mean of a counted multiset of `pooled` draws. With
  ;; g = floor(pooled/4) and hi = pooled - g it adds the draws ranked g .. hi-1, lane l's groups in
  ;; ascending order in lane l of two f64x2 accumulators (lanes 0, 1 and 2, 3), each as value * (its
  ;; draws inside the range), and returns ((l0 + l1) + (l2 + l3))/(hi - g) + 0: exactly the terms and
  ;; order of trimmedMeanOfSorted (lib/rl/aggregates.ts). `entry` points at the entry's record of eight
  ;; i32: values, counts, slots, groups, addrs, below, then two kept between calls (the boundary groups
  ;; of the previous replicate, zero at first). The counts are unchanged on return.
  (func $trimmed (export "trimmed") (param $entry i32) (param $pooled i32) (result f64)
    (local $values i32) (local $counts i32) (local $slots i32) (local $groups i32) (local $addrs i32) (local $below i32)
    (local $g i32) (local $hi i32) (local $p i32) (local $q i32) (local $rA i32) (local $rB i32) (local $cA i32) (local $cB i32)
    (local $atA i32) (local $atB i32) (local $i i32) (local $end i32)
    (local $a v128) (local $b v128) (local $acc01 v128) (local $acc23 v128)
    (local.set $values (i32.load offset=0 (local.get $entry)))
    (local.set $counts (i32.load offset=4 (local.get $entry)))
    (local.set $slots (i32.load offset=8 (local.get $entry)))
    (local.set $groups (i32.load offset=12 (local.get $entry)))
    (local.set $addrs (i32.load offset=16 (local.get $entry)))
    (local.set $below (i32.load offset=20 (local.get $entry)))
    (local.set $g (i32.shr_u (local.get $pooled) (i32.const 2)))
    (local.set $hi (i32.sub (local.get $pooled) (local.get $g)))
    ;; The boundary groups: A holds rank g (rA draws below it), B rank hi - 1 (rB draws above it). Start
    ;; at the groups found for the previous replicate (they move little), count the draws beyond them
    ;; in vector sums, then step to the exact groups. The result does not depend on the guess.
    (local.set $p (i32.load offset=24 (local.get $entry)))
    (local.set $q (i32.load offset=28 (local.get $entry)))
    (if (i32.ge_u (local.get $p) (local.get $groups)) (then (local.set $p (i32.const 0))))
    (if (i32.ge_u (local.get $q) (local.get $groups)) (then (local.set $q (i32.sub (local.get $groups) (i32.const 1)))))
    (local.set $rA (call $countSide (local.get $counts) (i32.add (local.get $below) (i32.shl (local.get $p) (i32.const 4))) (local.get $slots) (i32.const 0)))
    (local.set $rB (call $countSide (local.get $counts) (i32.add (local.get $below) (i32.shl (i32.add (local.get $q) (i32.const 1)) (i32.const 4))) (local.get $slots) (i32.const 1)))
    (block $done (loop $more
        (br_if $done (i32.le_u (local.get $rA) (local.get $g)))
        (local.set $p (i32.sub (local.get $p) (i32.const 1)))
        (local.set $rA (i32.sub (local.get $rA) (i32.load (i32.load (i32.add (local.get $addrs) (i32.shl (local.get $p) (i32.const 2)))))))
        (br $more)))
    (local.set $atA (i32.load (i32.add (local.get $addrs) (i32.shl (local.get $p) (i32.const 2)))))
    (local.set $cA (i32.load (local.get $atA)))
    (block $done (loop $more
        (br_if $done (i32.gt_u (i32.add (local.get $rA) (local.get $cA)) (local.get $g)))
        (local.set $rA (i32.add (local.get $rA) (local.get $cA)))
        (local.set $p (i32.add (local.get $p) (i32.const 1)))
        (local.set $atA (i32.load (i32.add (local.get $addrs) (i32.shl (local.get $p) (i32.const 2)))))
        (local.set $cA (i32.load (local.get $atA)))
        (br $more)))
    (block $done (loop $more
        (br_if $done (i32.le_u (local.get $rB) (local.get $g)))
        (local.set $q (i32.add (local.get $q) (i32.const 1)))
        (local.set $rB (i32.sub (local.get $rB) (i32.load (i32.load (i32.add (local.get $addrs) (i32.shl (local.get $q) (i32.const 2)))))))
        (br $more)))
    (local.set $atB (i32.load (i32.add (local.get $addrs) (i32.shl (local.get $q) (i32.const 2)))))
    (local.set $cB (i32.load (local.get $atB)))
    (block $done (loop $more
        (br_if $done (i32.gt_u (i32.add (local.get $rB) (local.get $cB)) (local.get $g)))
        (local.set $rB (i32.add (local.get $rB) (local.get $cB)))
        (local.set $q (i32.sub (local.get $q) (i32.const 1)))
        (local.set $atB (i32.load (i32.add (local.get $addrs) (i32.shl (local.get $q) (i32.const 2)))))
        (local.set $cB (i32.load (local.get $atB)))
        (br $more)))
    (i32.store offset=24 (local.get $entry) (local.get $p))
    (i32.store offset=28 (local.get $entry) (local.get $q))
    ;; The boundary groups count only their draws inside the range for the walk (when A = B, both
    ;; stores write hi - g), restored below. A's draws are ranked rA.., B's up to pooled - rB - 1.
    (i32.store (local.get $atA) (i32.sub
      (select (local.get $hi) (i32.add (local.get $rA) (local.get $cA)) (i32.lt_u (local.get $hi) (i32.add (local.get $rA) (local.get $cA))))
      (local.get $g)))
    (local.set $i (i32.sub (i32.sub (local.get $pooled) (local.get $rB)) (local.get $cB)))
    (i32.store (local.get $atB) (i32.sub (local.get $hi)
      (select (local.get $g) (local.get $i) (i32.gt_s (local.get $g) (local.get $i)))))
    ;; The walk: per lane the list positions of groups A .. B, the others masked to a zero count
    ;; (a term value * 0 leaves a sum as it is).
    (local.set $a (v128.load (i32.add (local.get $below) (i32.shl (local.get $p) (i32.const 4)))))
    (local.set $b (v128.load (i32.add (local.get $below) (i32.shl (i32.add (local.get $q) (i32.const 1)) (i32.const 4)))))
    ;; Slots where some lane is outside its positions (below the largest start, from the smallest end
    ;; on) are masked; those between are whole.
    (local.set $i (call $hmax (local.get $a)))
    (local.set $end (call $hmin (local.get $b)))
    (if (i32.lt_s (local.get $end) (local.get $i)) (then (local.set $end (local.get $i))))
    ;; whole slots in pairs; an odd one goes to the masked tail (its mask is all ones)
    (local.set $end (i32.sub (local.get $end) (i32.and (i32.sub (local.get $end) (local.get $i)) (i32.const 1))))
    (call $addSlots (local.get $values) (local.get $counts) (call $hmin (local.get $a)) (local.get $i)
      (local.get $a) (local.get $b) (i32.const 1) (local.get $acc01) (local.get $acc23))
    (local.set $acc23) (local.set $acc01)
    (call $addSlots (local.get $values) (local.get $counts) (local.get $i) (local.get $end)
      (local.get $a) (local.get $b) (i32.const 0) (local.get $acc01) (local.get $acc23))
    (local.set $acc23) (local.set $acc01)
    (call $addSlots (local.get $values) (local.get $counts) (local.get $end) (call $hmax (local.get $b))
      (local.get $a) (local.get $b) (i32.const 1) (local.get $acc01) (local.get $acc23))
    (local.set $acc23) (local.set $acc01)
    (i32.store (local.get $atA) (local.get $cA))
    (i32.store (local.get $atB) (local.get $cB))
    (f64.add
      (f64.div
        (f64.add
          (f64.add (f64x2.extract_lane 0 (local.get $acc01)) (f64x2.extract_lane 1 (local.get $acc01)))
          (f64.add (f64x2.extract_lane 0 (local.get $acc23)) (f64x2.extract_lane 1 (local.get $acc23))))
        (f64.convert_i32_u (i32.sub (local.get $hi) (local.get $g))))
      (f64.const 0)))

;; mannWhitney(counts, slots): over a task's merged grid of distinct values (slot = X count, Y count,
  ;; two i32, ascending values), the number of (X, Y) draw pairs with X > Y plus half those with X = Y,
  ;; clearing the counts: probability of improvement's numerator, in exact integer arithmetic (f64).
  (func (export "mannWhitney") (param $counts i32) (param $slots i32) (result f64)
    (local $end i32) (local $a f64) (local $b f64) (local $greater f64) (local $ties f64) (local $below f64)
    (local.set $end (i32.add (local.get $counts) (i32.shl (local.get $slots) (i32.const 3))))
    (block $done (loop $more
        (br_if $done (i32.ge_u (local.get $counts) (local.get $end)))
        (local.set $a (f64.convert_i32_s (i32.load offset=0 (local.get $counts))))
        (local.set $b (f64.convert_i32_s (i32.load offset=4 (local.get $counts))))
        (local.set $greater (f64.add (local.get $greater) (f64.mul (local.get $a) (local.get $below))))
        (local.set $ties (f64.add (local.get $ties) (f64.mul (local.get $a) (local.get $b))))
        (local.set $below (f64.add (local.get $below) (local.get $b)))
        (i64.store (local.get $counts) (i64.const 0))
        (local.set $counts (i32.add (local.get $counts) (i32.const 8)))
        (br $more)))
    (f64.add (local.get $greater) (f64.mul (f64.const 0.5) (local.get $ties))))

    ;; iqmBlock(...): `reps` replicates of the IQM of one entry without task resampling, the loop of
  ;; aggregateBlock (lib/rl/block.ts) for that common case, kept in WebAssembly to spare a call into
  ;; and out of JavaScript per replicate: draw every task's runs counting value groups (mode 1), write
  ;; trimmed(...) to out[rep] (f64), clear the entry's counts.
  (func (export "iqmBlock")
    (param $state i32) (param $offsets i32) (param $sel i32) (param $groupOf i32)
    (param $taskBase i32) (param $tasks i32) (param $scratch i32)
    (param $entry i32) (param $pooled i32) (param $reps i32) (param $out i32) (param $thresholds i32)
    (local $rep i32)
    (block $done
      (loop $eachRep
        (br_if $done (i32.ge_s (local.get $rep) (local.get $reps)))
        (call $draw (local.get $state) (local.get $offsets) (local.get $sel) (i32.const 0)
          (local.get $groupOf) (i32.const 0) (i32.const 0)
          (local.get $taskBase) (local.get $tasks) (i32.const 1) (local.get $scratch) (local.get $thresholds))
        (f64.store (i32.add (local.get $out) (i32.shl (local.get $rep) (i32.const 3)))
          (call $trimmed (local.get $entry) (local.get $pooled)))
        (call $clearCounts (local.get $entry))
        (local.set $rep (i32.add (local.get $rep) (i32.const 1)))
        (br $eachRep))))

  ;; clearCounts(entry): zero the entry's counts (16 bytes a slot)
  (func $clearCounts (param $entry i32)
    (memory.fill (i32.load offset=4 (local.get $entry)) (i32.const 0) (i32.shl (i32.load offset=8 (local.get $entry)) (i32.const 4))))

  ;; aggregatesBlock(...): `reps` replicates of the mean, median, optimality gap and (when `withIqm`)
  ;; IQM of one entry without task resampling: the loop of aggregateBlock (lib/rl/block.ts) for those
  ;; statistics, with its arithmetic in the same order. Per replicate: draw (mode 0); per-task means
  ;; m_t = taskSums[t] / n_t into `means`; mean = (m_0 + m_1 + ...) / tasks; the means sorted ascending
  ;; by insertion as sortSmall does (-0 before +0) and the median taken as numpy does; optimality gap
  ;; gamma - (clipSums[0] + clipSums[1] + ...) / pooled; the IQM by `trimmed`, then the counts cleared.
  ;; Rows of `reps` f64 at `out`: mean, median, optimality gap, IQM.
  (func (export "aggregatesBlock")
    (param $state i32) (param $offsets i32) (param $sel i32) (param $values i32) (param $groupOf i32)
    (param $taskSums i32) (param $clipSums i32) (param $taskBase i32) (param $tasks i32)
    (param $scratch i32) (param $thresholds i32) (param $entry i32)
    (param $pooled i32) (param $reps i32) (param $out i32) (param $gamma f64)
    (param $means i32) (param $withIqm i32)
    (local $rep i32) (local $t i32) (local $k i32) (local $p i32) (local $row i32)
    (local $m f64) (local $sum f64) (local $clip f64) (local $v f64) (local $w f64)
    (local.set $row (i32.shl (local.get $reps) (i32.const 3)))
    (block $done
      (loop $eachRep
        (br_if $done (i32.ge_s (local.get $rep) (local.get $reps)))
        (call $draw (local.get $state) (local.get $offsets) (local.get $sel) (local.get $values)
          (local.get $groupOf) (local.get $taskSums) (local.get $clipSums)
          (local.get $taskBase) (local.get $tasks) (i32.const 0) (local.get $scratch) (local.get $thresholds))
        (local.set $sum (f64.const 0))
        (local.set $clip (f64.const 0))
        (local.set $t (i32.const 0))
        (block $meansDone (loop $eachMean
            (br_if $meansDone (i32.ge_s (local.get $t) (local.get $tasks)))
            (local.set $p (i32.add (local.get $offsets) (i32.shl (i32.add (local.get $taskBase) (local.get $t)) (i32.const 2))))
            (local.set $m (f64.div
              (f64.load (i32.add (local.get $taskSums) (i32.shl (local.get $t) (i32.const 3))))
              (f64.convert_i32_s (i32.sub (i32.load offset=4 (local.get $p)) (i32.load (local.get $p))))))
            (f64.store (i32.add (local.get $means) (i32.shl (local.get $t) (i32.const 3))) (local.get $m))
            (local.set $sum (f64.add (local.get $sum) (local.get $m)))
            (local.set $clip (f64.add (local.get $clip) (f64.load (i32.add (local.get $clipSums) (i32.shl (local.get $t) (i32.const 3))))))
            (local.set $t (i32.add (local.get $t) (i32.const 1)))
            (br $eachMean)))
        (local.set $p (i32.add (local.get $out) (i32.shl (local.get $rep) (i32.const 3))))
        (f64.store (local.get $p) (f64.div (local.get $sum) (f64.convert_i32_s (local.get $tasks))))
        ;; insertion sort of the means: move while the left value is greater, or is +0 with v = -0
        (local.set $t (i32.const 1))
        (block $sortDone (loop $eachInsert
            (br_if $sortDone (i32.ge_s (local.get $t) (local.get $tasks)))
            (local.set $v (f64.load (i32.add (local.get $means) (i32.shl (local.get $t) (i32.const 3)))))
            (local.set $k (i32.sub (local.get $t) (i32.const 1)))
            (block $placed (loop $shift
                (br_if $placed (i32.lt_s (local.get $k) (i32.const 0)))
                (local.set $w (f64.load (i32.add (local.get $means) (i32.shl (local.get $k) (i32.const 3)))))
                (br_if $placed (i32.eqz (i32.or
                  (f64.gt (local.get $w) (local.get $v))
                  (i32.and (i32.and (f64.eq (local.get $w) (local.get $v)) (f64.eq (local.get $v) (f64.const 0)))
                    (i32.and (i64.ge_s (i64.reinterpret_f64 (local.get $w)) (i64.const 0))
                      (i64.lt_s (i64.reinterpret_f64 (local.get $v)) (i64.const 0)))))))
                (f64.store offset=8 (i32.add (local.get $means) (i32.shl (local.get $k) (i32.const 3))) (local.get $w))
                (local.set $k (i32.sub (local.get $k) (i32.const 1)))
                (br $shift)))
            (f64.store offset=8 (i32.add (local.get $means) (i32.shl (local.get $k) (i32.const 3))) (local.get $v))
            (local.set $t (i32.add (local.get $t) (i32.const 1)))
            (br $eachInsert)))
        (local.set $k (i32.add (local.get $means) (i32.shl (i32.shr_u (local.get $tasks) (i32.const 1)) (i32.const 3))))
        (local.set $p (i32.add (local.get $p) (local.get $row)))
        (f64.store (local.get $p)
          (if (result f64) (i32.and (local.get $tasks) (i32.const 1))
            (then (f64.load (local.get $k)))
            (else (f64.div (f64.add (f64.load offset=0 (i32.sub (local.get $k) (i32.const 8))) (f64.load (local.get $k))) (f64.const 2)))))
        (local.set $p (i32.add (local.get $p) (local.get $row)))
        (f64.store (local.get $p) (f64.sub (local.get $gamma) (f64.div (local.get $clip) (f64.convert_i32_s (local.get $pooled)))))
        (if (local.get $withIqm)
          (then
            (local.set $p (i32.add (local.get $p) (local.get $row)))
            (f64.store (local.get $p)
              (call $trimmed (local.get $entry) (local.get $pooled)))
            (call $clearCounts (local.get $entry))))
        (local.set $rep (i32.add (local.get $rep) (i32.const 1)))
        (br $eachRep))))
)
