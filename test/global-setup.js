/**
 * Jest's globalSetup: the suites that install the product (scenario, reliability, hostile,
 * browser, bench-framework) load the BUILT bundle, dist/, not the TypeScript. Run alone after a
 * change to src/ (`npx jest test/reliability`), they would test yesterday's bundle and pass or
 * fail for the wrong reason. So before any suite runs, dist/ is rebuilt when it is missing or
 * older than what it is built from; when it is fresh — as after `npm test`'s own `npm run build` —
 * nothing is done (a stat of each source file, a few milliseconds).
 *
 * Chosen over "refuse to run when stale": esbuild builds the bundle in about two seconds, and a
 * refusal would only tell the person to type the build command. SOE_NO_BUILD=1 turns the build
 * into that refusal instead (e.g. to test a dist/ built elsewhere). See docs/reliability.md,
 * "The bundle under test".
 */
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');

/** What dist/ is built from (scripts/build.ts): the server code, the sidebar, the manifest, the build itself. */
const INPUTS = ['src', 'sidebar', 'appsscript.json', 'scripts/build.ts'];
/** What the build writes and the suites read. */
const OUTPUTS = ['dist/Code.js', 'dist/Sidebar.html', 'dist/appsscript.json', 'dist/exports.json'];

function newest(p) {
  if (!fs.existsSync(p)) return { at: 0, file: '' };
  const st = fs.statSync(p);
  if (!st.isDirectory()) return { at: st.mtimeMs, file: p };
  let best = { at: 0, file: '' };
  for (const name of fs.readdirSync(p)) {
    const n = newest(path.join(p, name));
    if (n.at > best.at) best = n;
  }
  return best;
}

/**
 * Why dist/ under `root` is stale ('' when it is fresh): an output missing, or an input changed
 * after the oldest output was written.
 */
function staleReason(root = ROOT) {
  let oldest = Infinity;
  for (const out of OUTPUTS) {
    const p = path.join(root, out);
    if (!fs.existsSync(p)) return `${out} is missing`;
    oldest = Math.min(oldest, fs.statSync(p).mtimeMs);
  }
  let changed = { at: 0, file: '' };
  for (const input of INPUTS) {
    const n = newest(path.join(root, input));
    if (n.at > changed.at) changed = n;
  }
  return changed.at > oldest ? `${path.relative(root, changed.file)} changed after the last build` : '';
}

module.exports = async function globalSetup() {
  const why = staleReason();
  if (!why) return;
  if (process.env.SOE_NO_BUILD === '1') {
    throw new Error(`dist/ is stale (${why}) and SOE_NO_BUILD=1: run \`npm run build\` first.`);
  }
  process.stdout.write(`\ndist/ is stale (${why}): building it before the tests (npm run build)…\n`);
  execFileSync(process.execPath, [require.resolve('tsx/cli'), 'scripts/build.ts'], { cwd: ROOT, stdio: 'inherit' });
};
module.exports.staleReason = staleReason;
module.exports.INPUTS = INPUTS;
module.exports.OUTPUTS = OUTPUTS;
