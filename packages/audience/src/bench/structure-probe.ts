/**
 * Structure probe: the measurement behind the index design (see README).
 * Compares the composite spec (3 OR-groups x 5 interests, 3 exclusions, country and age masks)
 * on roaring bitmaps (CRoaring) versus dense Uint32Array bitsets with a fused word loop.
 * Run: pnpm exec tsx src/bench/structure-probe.ts --users 1000000
 */
import { RoaringBitmap32 } from '../roaring.js';

const argUsers = process.argv.indexOf('--users');
const N = argUsers >= 0 ? Number(process.argv[argUsers + 1]) : 1_000_000;
const W = Math.ceil(N / 32);
let seed = 12345;
const rnd = (): number => {
  seed = (seed * 1664525 + 1013904223) >>> 0;
  return seed / 4294967296;
};

function makeSet(density: number): { dense: Uint32Array; roaring: RoaringBitmap32 } {
  const dense = new Uint32Array(W);
  const ids: number[] = [];
  for (let u = 0; u < N; u++) {
    if (rnd() < density) {
      dense[u >>> 5]! |= 1 << (u & 31);
      ids.push(u);
    }
  }
  const roaring = new RoaringBitmap32(Uint32Array.from(ids));
  roaring.runOptimize();
  roaring.shrinkToFit();
  return { dense, roaring };
}

function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

function time(label: string, fn: () => number, reps = 30): void {
  const t: number[] = [];
  let r = 0;
  for (let i = 0; i < reps; i++) {
    const s = performance.now();
    r = fn();
    t.push(performance.now() - s);
  }
  t.sort((a, b) => a - b);
  console.log(
    `${label.padEnd(40)} p50 ${t[Math.floor(reps / 2)]!.toFixed(2)} ms  p99 ${t[reps - 1]!.toFixed(2)} ms  count ${r}`,
  );
}

for (const density of [0.002, 0.02, 0.1]) {
  const groups = [0, 1, 2].map(() => [0, 1, 2, 3, 4].map(() => makeSet(density * (0.5 + rnd()))));
  const excl = [0, 1, 2].map(() => makeSet(density));
  const country = makeSet(0.4);
  const age = makeSet(0.6);
  let denseBytes = 0;
  let roarBytes = 0;
  for (const s of [...groups.flat(), ...excl]) {
    denseBytes += s.dense.byteLength;
    roarBytes += s.roaring.getSerializationSizeInBytes('croaring');
  }
  console.log(
    `\nN=${N} interest density ~${density}: dense ${(denseBytes / 18 / 1024).toFixed(0)} KiB/interest, roaring ${(roarBytes / 18 / 1024).toFixed(0)} KiB/interest`,
  );
  time('roaring orMany/and/andNot + size', () => {
    const acc = RoaringBitmap32.and(country.roaring, age.roaring);
    for (const g of groups) acc.andInPlace(RoaringBitmap32.orMany(g.map((s) => s.roaring)));
    return acc.andNotCardinality(RoaringBitmap32.orMany(excl.map((s) => s.roaring)));
  });
  time('roaring smallest-group-first', () => {
    const ors = groups.map((g) => RoaringBitmap32.orMany(g.map((s) => s.roaring)));
    ors.sort((a, b) => a.size - b.size);
    let acc = ors[0]!;
    for (let i = 1; i < ors.length; i++) acc = RoaringBitmap32.and(acc, ors[i]!);
    acc.andInPlace(country.roaring);
    acc.andInPlace(age.roaring);
    for (const e of excl) acc.andNotInPlace(e.roaring);
    return acc.size;
  });
  const gd = groups.map((g) => g.map((s) => s.dense));
  const ed = excl.map((s) => s.dense);
  time('dense fused loop', () => {
    let c = 0;
    const [a0, a1, a2, a3, a4] = gd[0]!;
    const [b0, b1, b2, b3, b4] = gd[1]!;
    const [c0, c1, c2, c3, c4] = gd[2]!;
    const [e0, e1, e2] = ed;
    const cm = country.dense;
    const am = age.dense;
    for (let w = 0; w < W; w++) {
      const x =
        (a0![w]! | a1![w]! | a2![w]! | a3![w]! | a4![w]!) &
        (b0![w]! | b1![w]! | b2![w]! | b3![w]! | b4![w]!) &
        (c0![w]! | c1![w]! | c2![w]! | c3![w]! | c4![w]!) &
        ~(e0![w]! | e1![w]! | e2![w]!) &
        cm[w]! &
        am[w]!;
      if (x !== 0) c += popcount(x);
    }
    return c;
  });
  time('dense generic (group by group)', () => {
    const acc = new Uint32Array(W);
    acc.set(country.dense);
    for (let w = 0; w < W; w++) acc[w]! &= age.dense[w]!;
    const tmp = new Uint32Array(W);
    for (const g of gd) {
      tmp.fill(0);
      for (const s of g) for (let w = 0; w < W; w++) tmp[w]! |= s[w]!;
      for (let w = 0; w < W; w++) acc[w]! &= tmp[w]!;
    }
    for (const s of ed) for (let w = 0; w < W; w++) acc[w]! &= ~s[w]!;
    let c = 0;
    for (let w = 0; w < W; w++) c += popcount(acc[w]!);
    return c;
  });
}
