/**
 * "Scales linearly", without asserting wall-clock time (the repository's rule: performance is
 * measured in bench/, never as a time limit in a test, which a loaded CI machine would break).
 * Runs the work at a small and at a large size, best of three each, and checks that the large
 * one takes at most `slack` times its share: quadratic work fails by far (× the size ratio),
 * machine load slows both sizes alike.
 */
export function timeRatio(run: (n: number) => void, small: number, large: number): number {
  const best = (n: number) => {
    let min = Infinity;
    for (let i = 0; i < 3; i++) {
      const t0 = performance.now();
      run(n);
      min = Math.min(min, performance.now() - t0);
    }
    return Math.max(min, 0.5); // below half a millisecond the clock says nothing
  };
  best(small); // warm-up: the JIT's first pass is not the algorithm's cost
  return best(large) / best(small);
}

export function expectLinear(run: (n: number) => void, small: number, large: number, slack = 3): void {
  const ratio = timeRatio(run, small, large);
  const linear = large / small;
  if (ratio > linear * slack) throw new Error(`work at size ${large} took ${ratio.toFixed(1)}× the time at ${small} (linear would be ${linear}×): not linear`);
}
