/**
 * `npm run bench`: runs every benchmark in bench/ (files named `*.bench.ts`), or only those
 * whose name contains one of the words given (`npm run bench -- slack`). Each benchmark
 * measures our stack and its baseline in the same run and appends to bench/RESULTS.md.
 * `npm run bench -- burst` runs bench/burst.bench.ts: 30 people at once in one Slack channel
 * (help, aanmelden, the welcome's start button), ours vs a bare Bolt app, as people feel it.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const dir = fileURLToPath(new URL('.', import.meta.url));
const filters = process.argv.slice(2);
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => filters.length === 0 || filters.some((w) => f.includes(w)))
  .sort();
if (files.length === 0) {
  process.stderr.write('no benchmarks matched\n');
  process.exit(1);
}
let failed = 0;
for (const file of files) {
  process.stdout.write(`\n== ${file} ==\n`);
  const result = spawnSync(process.execPath, ['--import', 'tsx', `${dir}${file}`], {
    stdio: 'inherit',
  });
  if (result.status !== 0) failed++;
}
process.exit(failed > 0 ? 1 : 0);
