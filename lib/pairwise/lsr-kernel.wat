;; The I-LSR fit's three loops over compiled choice events in WebAssembly, called from lsr-kernel.ts; the
;; module is assembled by scripts/build-wasm.mjs into lsr-kernel-wasm.ts (run `npm run build:wasm` after
;; editing). Each function is the JavaScript twin in plackett-luce.ts / stationary.ts written out with the
;; same float operations in the same order, so both give the same bits (the tests compare them). Why:
;; a fit runs each loop a handful of times, mostly before V8 has optimised the JavaScript, whose
;; unoptimised code boxes every intermediate double on the heap; that garbage drives the collector
;; (in the side-by-side harness, marking the parsed input's 50 MB heap) for longer than the loops take.
;; WebAssembly runs compiled from the first call and allocates nothing.
;; All pointers are byte offsets into the module's memory: i32 arrays offsets, members, choices; f64
;; arrays weight, w, chain (n×n), suffix, a (n×n), b, x (n).
(module
  (import "m" "log" (func $log (param f64) (result f64)))
  ;; the memory is the events' arena (lsr-kernel.ts), in which compileChoices may have built them
  (import "m" "memory" (memory 1))

  ;; rates: the LSR chain at strengths w, stored by winner (plackett-luce.ts lsrRates): for every
  ;; record e the suffix sums of w backwards, then for each of its choices i, weight[e]/suffix[i]
  ;; added at chain[members[start+i]·n + members[k]] for every later member k.
  (func (export "rates")
    (param $offsets i32) (param $members i32) (param $choices i32) (param $weight i32) (param $events i32)
    (param $w i32) (param $chain i32) (param $suffix i32) (param $n i32)
    (local $e i32) (local $start i32) (local $end i32) (local $k i32) (local $i i32) (local $c i32)
    (local $row i32) (local $p i32) (local $sum f64) (local $val f64) (local $wt f64)
    (memory.fill (local.get $chain) (i32.const 0) (i32.shl (i32.mul (local.get $n) (local.get $n)) (i32.const 3)))
    (block $done (loop $each
      (br_if $done (i32.ge_s (local.get $e) (local.get $events)))
      (local.set $p (i32.add (local.get $offsets) (i32.shl (local.get $e) (i32.const 2))))
      (local.set $start (i32.load (local.get $p)))
      (local.set $end (i32.load offset=4 (local.get $p)))
      (local.set $sum (f64.const 0))
      (local.set $k (i32.sub (local.get $end) (i32.const 1)))
      (block $sumsDone (loop $sums
        (br_if $sumsDone (i32.lt_s (local.get $k) (local.get $start)))
        (local.set $sum (f64.add (local.get $sum)
          (f64.load (i32.add (local.get $w) (i32.shl (i32.load (i32.add (local.get $members) (i32.shl (local.get $k) (i32.const 2)))) (i32.const 3))))))
        (f64.store (i32.add (local.get $suffix) (i32.shl (i32.sub (local.get $k) (local.get $start)) (i32.const 3))) (local.get $sum))
        (local.set $k (i32.sub (local.get $k) (i32.const 1)))
        (br $sums)))
      (local.set $c (i32.load (i32.add (local.get $choices) (i32.shl (local.get $e) (i32.const 2)))))
      (local.set $wt (f64.load (i32.add (local.get $weight) (i32.shl (local.get $e) (i32.const 3)))))
      (local.set $i (i32.const 0))
      (block $choicesDone (loop $eachChoice
        (br_if $choicesDone (i32.ge_s (local.get $i) (local.get $c)))
        (local.set $val (f64.div (local.get $wt) (f64.load (i32.add (local.get $suffix) (i32.shl (local.get $i) (i32.const 3))))))
        (local.set $k (i32.add (local.get $start) (local.get $i)))
        (local.set $row (i32.add (local.get $chain)
          (i32.shl (i32.mul (i32.load (i32.add (local.get $members) (i32.shl (local.get $k) (i32.const 2)))) (local.get $n)) (i32.const 3))))
        (local.set $k (i32.add (local.get $k) (i32.const 1)))
        (block $losersDone (loop $eachLoser
          (br_if $losersDone (i32.ge_s (local.get $k) (local.get $end)))
          (local.set $p (i32.add (local.get $row) (i32.shl (i32.load (i32.add (local.get $members) (i32.shl (local.get $k) (i32.const 2)))) (i32.const 3))))
          (f64.store (local.get $p) (f64.add (f64.load (local.get $p)) (local.get $val)))
          (local.set $k (i32.add (local.get $k) (i32.const 1)))
          (br $eachLoser)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $eachChoice)))
      (local.set $e (i32.add (local.get $e) (i32.const 1)))
      (br $each))))

  ;; stationary: stationary.ts's solve for a chain stored by winner (transposed) plus alpha on every
  ;; rate: a = Qᵀ with its last row ones, b = (0, …, 0, n); Gaussian elimination with partial pivoting;
  ;; x by back substitution. Returns 1 when a pivot is not above scale·n·1e-14 (not unique), else 0.
  (func (export "stationary") (param $rates i32) (param $n i32) (param $alpha f64) (param $a i32) (param $b i32) (param $x i32) (result i32)
    (local $nn i32) (local $k i32) (local $i i32) (local $j i32) (local $r i32) (local $col i32) (local $pivot i32)
    (local $top i32) (local $row i32) (local $p i32) (local $q i32)
    (local $out f64) (local $scale f64) (local $tiny f64) (local $t f64) (local $piv f64) (local $f f64) (local $s f64)
    (local.set $nn (i32.mul (local.get $n) (local.get $n)))
    (memory.copy (local.get $a) (local.get $rates) (i32.shl (local.get $nn) (i32.const 3)))
    (if (f64.ne (local.get $alpha) (f64.const 0))
      (then
        (block $d (loop $l
          (br_if $d (i32.ge_s (local.get $k) (local.get $nn)))
          (local.set $p (i32.add (local.get $a) (i32.shl (local.get $k) (i32.const 3))))
          (f64.store (local.get $p) (f64.add (f64.load (local.get $p)) (local.get $alpha)))
          (local.set $k (i32.add (local.get $k) (i32.const 1)))
          (br $l)))))
    ;; diagonal: minus the column's off-diagonal sum, in row order
    (block $d (loop $l
      (br_if $d (i32.ge_s (local.get $i) (local.get $n)))
      (local.set $out (f64.const 0))
      (local.set $j (i32.const 0))
      (block $dj (loop $lj
        (br_if $dj (i32.ge_s (local.get $j) (local.get $n)))
        (if (i32.ne (local.get $j) (local.get $i))
          (then (local.set $out (f64.add (local.get $out)
            (f64.load (i32.add (local.get $a) (i32.shl (i32.add (i32.mul (local.get $j) (local.get $n)) (local.get $i)) (i32.const 3))))))))
        (local.set $j (i32.add (local.get $j) (i32.const 1)))
        (br $lj)))
      (f64.store (i32.add (local.get $a) (i32.shl (i32.add (i32.mul (local.get $i) (local.get $n)) (local.get $i)) (i32.const 3))) (f64.neg (local.get $out)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $l)))
    (local.set $j (i32.const 0))
    (block $d (loop $l
      (br_if $d (i32.ge_s (local.get $j) (local.get $n)))
      (f64.store (i32.add (local.get $a) (i32.shl (i32.add (i32.mul (i32.sub (local.get $n) (i32.const 1)) (local.get $n)) (local.get $j)) (i32.const 3))) (f64.const 1))
      (f64.store (i32.add (local.get $b) (i32.shl (local.get $j) (i32.const 3))) (f64.const 0))
      (local.set $j (i32.add (local.get $j) (i32.const 1)))
      (br $l)))
    (f64.store (i32.add (local.get $b) (i32.shl (i32.sub (local.get $n) (i32.const 1)) (i32.const 3))) (f64.convert_i32_s (local.get $n)))
    (local.set $k (i32.const 0))
    (block $d (loop $l
      (br_if $d (i32.ge_s (local.get $k) (local.get $nn)))
      (local.set $scale (f64.max (local.get $scale) (f64.abs (f64.load (i32.add (local.get $a) (i32.shl (local.get $k) (i32.const 3)))))))
      (local.set $k (i32.add (local.get $k) (i32.const 1)))
      (br $l)))
    (local.set $tiny (f64.mul (f64.mul (local.get $scale) (f64.convert_i32_s (local.get $n))) (f64.const 1e-14)))
    (block $cols (loop $eachCol
      (br_if $cols (i32.ge_s (local.get $col) (local.get $n)))
      (local.set $pivot (local.get $col))
      (local.set $r (i32.add (local.get $col) (i32.const 1)))
      (block $d (loop $l
        (br_if $d (i32.ge_s (local.get $r) (local.get $n)))
        (if (f64.gt
              (f64.abs (f64.load (i32.add (local.get $a) (i32.shl (i32.add (i32.mul (local.get $r) (local.get $n)) (local.get $col)) (i32.const 3)))))
              (f64.abs (f64.load (i32.add (local.get $a) (i32.shl (i32.add (i32.mul (local.get $pivot) (local.get $n)) (local.get $col)) (i32.const 3))))))
          (then (local.set $pivot (local.get $r))))
        (local.set $r (i32.add (local.get $r) (i32.const 1)))
        (br $l)))
      (if (i32.eqz (f64.gt
            (f64.abs (f64.load (i32.add (local.get $a) (i32.shl (i32.add (i32.mul (local.get $pivot) (local.get $n)) (local.get $col)) (i32.const 3)))))
            (local.get $tiny)))
        (then (return (i32.const 1))))
      (if (i32.ne (local.get $pivot) (local.get $col))
        (then
          (local.set $j (local.get $col))
          (block $d (loop $l
            (br_if $d (i32.ge_s (local.get $j) (local.get $n)))
            (local.set $p (i32.add (local.get $a) (i32.shl (i32.add (i32.mul (local.get $col) (local.get $n)) (local.get $j)) (i32.const 3))))
            (local.set $q (i32.add (local.get $a) (i32.shl (i32.add (i32.mul (local.get $pivot) (local.get $n)) (local.get $j)) (i32.const 3))))
            (local.set $t (f64.load (local.get $p)))
            (f64.store (local.get $p) (f64.load (local.get $q)))
            (f64.store (local.get $q) (local.get $t))
            (local.set $j (i32.add (local.get $j) (i32.const 1)))
            (br $l)))
          (local.set $p (i32.add (local.get $b) (i32.shl (local.get $col) (i32.const 3))))
          (local.set $q (i32.add (local.get $b) (i32.shl (local.get $pivot) (i32.const 3))))
          (local.set $t (f64.load (local.get $p)))
          (f64.store (local.get $p) (f64.load (local.get $q)))
          (f64.store (local.get $q) (local.get $t))))
      (local.set $top (i32.mul (local.get $col) (local.get $n)))
      (local.set $piv (f64.load (i32.add (local.get $a) (i32.shl (i32.add (local.get $top) (local.get $col)) (i32.const 3)))))
      (local.set $r (i32.add (local.get $col) (i32.const 1)))
      (block $rows (loop $eachRow
        (br_if $rows (i32.ge_s (local.get $r) (local.get $n)))
        (local.set $row (i32.mul (local.get $r) (local.get $n)))
        (local.set $f (f64.div (f64.load (i32.add (local.get $a) (i32.shl (i32.add (local.get $row) (local.get $col)) (i32.const 3)))) (local.get $piv)))
        (if (f64.ne (local.get $f) (f64.const 0))
          (then
            (local.set $j (local.get $col))
            (block $d (loop $l
              (br_if $d (i32.ge_s (local.get $j) (local.get $n)))
              (local.set $p (i32.add (local.get $a) (i32.shl (i32.add (local.get $row) (local.get $j)) (i32.const 3))))
              (f64.store (local.get $p) (f64.sub (f64.load (local.get $p))
                (f64.mul (local.get $f) (f64.load (i32.add (local.get $a) (i32.shl (i32.add (local.get $top) (local.get $j)) (i32.const 3)))))))
              (local.set $j (i32.add (local.get $j) (i32.const 1)))
              (br $l)))
            (local.set $p (i32.add (local.get $b) (i32.shl (local.get $r) (i32.const 3))))
            (f64.store (local.get $p) (f64.sub (f64.load (local.get $p))
              (f64.mul (local.get $f) (f64.load (i32.add (local.get $b) (i32.shl (local.get $col) (i32.const 3)))))))))
        (local.set $r (i32.add (local.get $r) (i32.const 1)))
        (br $eachRow)))
      (local.set $col (i32.add (local.get $col) (i32.const 1)))
      (br $eachCol)))
    (local.set $r (i32.sub (local.get $n) (i32.const 1)))
    (block $d (loop $l
      (br_if $d (i32.lt_s (local.get $r) (i32.const 0)))
      (local.set $s (f64.load (i32.add (local.get $b) (i32.shl (local.get $r) (i32.const 3)))))
      (local.set $j (i32.add (local.get $r) (i32.const 1)))
      (block $dj (loop $lj
        (br_if $dj (i32.ge_s (local.get $j) (local.get $n)))
        (local.set $s (f64.sub (local.get $s)
          (f64.mul (f64.load (i32.add (local.get $a) (i32.shl (i32.add (i32.mul (local.get $r) (local.get $n)) (local.get $j)) (i32.const 3))))
            (f64.load (i32.add (local.get $x) (i32.shl (local.get $j) (i32.const 3)))))))
        (local.set $j (i32.add (local.get $j) (i32.const 1)))
        (br $lj)))
      (f64.store (i32.add (local.get $x) (i32.shl (local.get $r) (i32.const 3)))
        (f64.div (local.get $s) (f64.load (i32.add (local.get $a) (i32.shl (i32.add (i32.mul (local.get $r) (local.get $n)) (local.get $r)) (i32.const 3))))))
      (local.set $r (i32.sub (local.get $r) (i32.const 1)))
      (br $l)))
    (i32.const 0))

  ;; logLik: plackett-luce.ts logLikelihood for strengths within 600 of the largest (`top`), `w` holding
  ;; e^(θ − top) and `theta` the log-strengths: per record, backwards, the suffix sum of w; at each
  ;; choice weight·(θ − top) added and the suffix sum multiplied into a product, whose log is taken
  ;; when it leaves [1e-30, 1e30] and at the record's end.
  (func (export "logLik")
    (param $offsets i32) (param $members i32) (param $choices i32) (param $weight i32) (param $events i32)
    (param $w i32) (param $theta i32) (param $top f64) (result f64)
    (local $e i32) (local $start i32) (local $k i32) (local $c i32) (local $m i32) (local $p i32)
    (local $ll f64) (local $sum f64) (local $product f64) (local $wt f64) (local $th f64)
    (block $done (loop $each
      (br_if $done (i32.ge_s (local.get $e) (local.get $events)))
      (local.set $p (i32.add (local.get $offsets) (i32.shl (local.get $e) (i32.const 2))))
      (local.set $start (i32.load (local.get $p)))
      (local.set $k (i32.sub (i32.load offset=4 (local.get $p)) (i32.const 1)))
      (local.set $c (i32.load (i32.add (local.get $choices) (i32.shl (local.get $e) (i32.const 2)))))
      (local.set $wt (f64.load (i32.add (local.get $weight) (i32.shl (local.get $e) (i32.const 3)))))
      (local.set $sum (f64.const 0))
      (local.set $product (f64.const 1))
      (block $membersDone (loop $eachMember
        (br_if $membersDone (i32.lt_s (local.get $k) (local.get $start)))
        (local.set $m (i32.shl (i32.load (i32.add (local.get $members) (i32.shl (local.get $k) (i32.const 2)))) (i32.const 3)))
        (local.set $th (f64.load (i32.add (local.get $theta) (local.get $m))))
        (local.set $sum (f64.add (local.get $sum) (f64.load (i32.add (local.get $w) (local.get $m)))))
        (if (i32.lt_s (i32.sub (local.get $k) (local.get $start)) (local.get $c))
          (then
            (local.set $ll (f64.add (local.get $ll) (f64.mul (local.get $wt) (f64.sub (local.get $th) (local.get $top)))))
            (local.set $product (f64.mul (local.get $product) (local.get $sum)))
            (if (i32.or (f64.gt (local.get $product) (f64.const 1e30)) (f64.lt (local.get $product) (f64.const 1e-30)))
              (then
                (local.set $ll (f64.sub (local.get $ll) (f64.mul (local.get $wt) (call $log (local.get $product)))))
                (local.set $product (f64.const 1))))))
        (local.set $k (i32.sub (local.get $k) (i32.const 1)))
        (br $eachMember)))
      (if (f64.ne (local.get $product) (f64.const 1))
        (then (local.set $ll (f64.sub (local.get $ll) (f64.mul (local.get $wt) (call $log (local.get $product)))))))
      (local.set $e (i32.add (local.get $e) (i32.const 1)))
      (br $each)))
    (local.get $ll))
)
