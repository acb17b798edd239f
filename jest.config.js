/** Jest runs unit, emulator, scenario and browser tests; TypeScript through ts-jest. */
// Apps Script evaluates local-time Date methods in the project's zone (America/Lima). Node's
// V8 contexts share the process zone, which must be set before the workers start: jest gives
// tests a copy of process.env, so the emulator's runtime cannot switch it from inside a test.
process.env.TZ = 'America/Lima';
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test', '<rootDir>/emulator'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { diagnostics: false }] },
  testTimeout: 120000,
  // Each execution of the emulator runs in a fresh V8 context, and what a suite leaves behind is
  // only reclaimed with its process: a worker whose memory stays above this after a test file is
  // replaced. Two workers (not jest's 'cores − 1', which on a 2-core CI machine means running
  // in band, in one ever-growing process — it ran out of heap).
  maxWorkers: 2,
  workerIdleMemoryLimit: '1200MB',
  // Rebuilds dist/ when it is older than src/ (the suites install the built bundle): a suite run
  // alone after a change tests the change. Nothing to do after `npm test`'s own build.
  globalSetup: '<rootDir>/test/global-setup.js',
  // Scenario, hostile and reliability suites: a formula the product did not write on purpose, in
  // any cell of any spreadsheet, fails the test during which it appeared.
  setupFilesAfterEnv: ['<rootDir>/test/support/formula-guard.setup.ts'],
};
