/**
 * "Scales linearly", without asserting wall-clock time (the repository's rule: performance is
 * measured in bench/, never as a time limit in a test, which a loaded CI machine would break).
 * Compares the work at the large size, once, with the work at the small size repeated
 * large/small times — the same amount of input —, best of five each: linear work takes about
 * as long both ways, quadratic work takes large/small times longer at the large size. Machine
 * load slows both alike.
 */
export function timeRatio(run: (n: number) => void, small: number, large: number): number {
  const repeats = Math.round(large / small);
  const best = (work: () => void) => {
    let min = Infinity;
    for (let i = 0; i < 5; i++) {
      const t0 = performance.now();
      work();
      min = Math.min(min, performance.now() - t0);
    }
    return Math.max(min, 0.5); // below half a millisecond the clock says nothing
  };
  run(small); // warm-up: the JIT's first pass is not the algorithm's cost
  const pieces = best(() => {
    for (let i = 0; i < repeats; i++) run(small);
  });
  return best(() => run(large)) / pieces;
}

/**
 * Fails when the large size costs more than `slack` times the same input cut in small pieces.
 * Use a size ratio of 20: quadratic work then shows about 20×, far above the slack, while a
 * second Jest worker busy on the same cores cannot push linear work that high.
 */
export function expectLinear(run: (n: number) => void, small: number, large: number, slack = 6): void {
  const ratio = timeRatio(run, small, large);
  if (ratio > slack) throw new Error(`work at size ${large} took ${ratio.toFixed(1)}× the same input in pieces of ${small} (linear would be about 1×): not linear`);
}
