/**
 * Jest setupFilesAfterEnv (jest.config.js): in the suites that run the product on data from the
 * public — scenario, hostile input, reliability — every execution is followed by a scan of every
 * cell of every tab of every spreadsheet, and a test fails when a formula the product did not write
 * on purpose appeared during it (test/support/formulas.ts). Emulator and unit suites write
 * formulas on purpose and are left alone.
 */
/** Suites whose test path matches are guarded. */
export const GUARDED = /[\\/]test[\\/](scenario|hostile|reliability)[\\/]/;

const testPath = expect.getState().testPath ?? '';
if (GUARDED.test(testPath)) {
  // Loaded only here: unit and emulator suites do not pay for the emulator's import.
  const { installFormulaGuard } = require('./formulas') as typeof import('./formulas');
  const guard = installFormulaGuard();
  const check = () => {
    const found = guard.take();
    if (found.length) throw new Error(`Formula safety (DESIGN.md "Data in Sheets"):\n  ${found.slice(0, 20).join('\n  ')}${found.length > 20 ? `\n  … and ${found.length - 20} more` : ''}`);
  };
  afterEach(check);
  afterAll(check);
}
