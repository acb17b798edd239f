/**
 * `npm run bench` (after the build): runs every case in bench/cases/*.ts in a fresh emulated
 * workspace and prints one markdown table — executions, calls by service, modeled Apps Script
 * time against the floor of unavoidable calls — then the bundle sizes, the round trips per
 * sidebar view, anything that misses its target, and the sources of the latency table.
 *
 *   npx tsx bench/run.ts [filter]   (filter: only operations whose name contains it)
 *   BENCH_METHODS=1 npx tsx bench/run.ts   (also every case's calls by method)
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { bundleSizes, checkRows, latencySources, measureView, methodBreakdown, renderTable, runBenchCase, type BenchCase, type BenchRow } from './framework';
import { SIDEBAR_VIEWS } from './sidebar-views';

const ROOT = path.resolve(__dirname, '..');

/** Every `cases` export of bench/cases/*.ts, in file-name order. */
async function loadCases(): Promise<BenchCase[]> {
  const dir = path.join(__dirname, 'cases');
  const out: BenchCase[] = [];
  for (const f of fs.readdirSync(dir).filter((x) => x.endsWith('.ts')).sort()) {
    const mod = (await import(path.join(dir, f))) as { cases?: BenchCase[]; default?: { cases?: BenchCase[] } };
    const cases = mod.cases ?? mod.default?.cases;
    if (!Array.isArray(cases)) throw new Error(`bench/cases/${f} must export \`cases: BenchCase[]\``);
    out.push(...cases);
  }
  return out;
}

async function main(): Promise<void> {
  const filter = process.argv[2];
  const cases = (await loadCases()).filter((c) => !filter || c.operation.includes(filter));
  const rows: BenchRow[] = [];
  for (const c of cases) rows.push(runBenchCase(c));

  const out: string[] = [];
  out.push('## Benchmarks (modeled Apps Script time)', '', renderTable(rows), '');
  const sizes = bundleSizes(path.join(ROOT, 'dist'))
    .map((s) => `${s.file} ${s.kib === null ? 'missing (run npm run build)' : `${s.kib.toFixed(1)} KiB`}`)
    .join(', ');
  out.push(`Bundle sizes: ${sizes}.`);

  // Round trips per sidebar view: views come from bench/sidebar-views.ts (later issues add theirs).
  if (SIDEBAR_VIEWS.length === 0) out.push('Round trips per sidebar view: no view registered yet (bench/sidebar-views.ts).');
  else {
    const trips = SIDEBAR_VIEWS.map(measureView);
    out.push(`Round trips per sidebar view (target 1): ${trips.map((t) => `${t.view} ${t.calls}${t.problems.length ? ` ⚠ ${t.problems.join('; ')}` : ''}`).join(', ')}.`);
  }

  const notes = checkRows(rows);
  const untargeted = [...new Set(rows.filter((r) => r.ratioTarget === null).map((r) => r.operation))];
  out.push('', notes.length ? `Off target:\n${notes.map((n) => `- ${n}`).join('\n')}` : 'Every figure with a target is on target.');
  if (untargeted.length) out.push(`No ratio target (the case file says why): ${untargeted.join(', ')}.`);
  // Where a case above its target spends: its calls by method, most modeled time first, beside the floor's.
  const over = rows.filter((r) => r.ratioTarget !== null && r.floor.ms > 0 && r.modeledMs / r.floor.ms > r.ratioTarget);
  for (const r of over) {
    out.push('', `Calls of ${r.operation} (${r.size} ${r.unit}), most modeled time first (calls / floor's calls / seconds):`);
    for (const m of methodBreakdown(r)) out.push(`- ${m.method}: ${m.calls} / ${m.floorCalls} / ${(m.ms / 1000).toFixed(1)}`);
  }
  if (process.env.BENCH_METHODS) {
    for (const r of rows) {
      out.push('', `Calls of ${r.operation} (${r.size} ${r.unit}):`);
      for (const m of methodBreakdown(r, 40)) out.push(`- ${m.method}: ${m.calls} / ${m.floorCalls} / ${(m.ms / 1000).toFixed(1)}`);
    }
  }
  out.push('', 'Floor = modeled time of the unavoidable calls only (each case says which). Latency table (emulator/core/latency.ts) sources:');
  for (const s of latencySources()) out.push(`- ${s}`);
  console.log(out.join('\n'));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
