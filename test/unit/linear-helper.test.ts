import { expectLinear } from '../support/linear';

/** The linearity check the import tests use must catch quadratic work (or it guards nothing). */
describe('expectLinear (test/support/linear.ts)', () => {
  const linear = (n: number) => {
    let s = 0;
    for (let i = 0; i < n * 2000; i++) s += i % 7;
    return s;
  };
  const quadratic = (n: number) => {
    let s = 0;
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) s += (i ^ j) % 7;
    return s;
  };
  test('linear work passes', () => {
    expect(() => expectLinear((n) => void linear(n), 250, 5000)).not.toThrow();
  });
  test('quadratic work fails', () => {
    expect(() => expectLinear((n) => void quadratic(n), 250, 5000)).toThrow(/not linear/);
  });
});
