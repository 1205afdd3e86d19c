/**
 * `npm run bench [-- NAME ...]`: runs the named benches one after another, each in its own
 * process (each measures memory and time of its own). Without a name, the foundation bench;
 * `all` runs every one. Names: foundation, geo, ingest, dashboard, matching, publications, scale.
 * PostgreSQL benches read TRUCE_BENCH_DATABASE_URL (or TRUCE_TEST_DATABASE_URL); see
 * bench/README.md for each bench's knobs, bars and results file.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const BENCHES = ['foundation', 'geo', 'ingest', 'dashboard', 'matching', 'publications', 'scale'] as const;
const here = path.dirname(fileURLToPath(import.meta.url));

const asked = process.argv.slice(2);
const names = asked.length === 0 ? ['foundation'] : asked.includes('all') ? [...BENCHES] : asked;
const unknown = names.filter((n) => !(BENCHES as readonly string[]).includes(n));
if (unknown.length > 0) {
  console.error(`bench: unknown bench ${unknown.join(', ')}; choose from ${BENCHES.join(', ')} or all`);
  process.exit(2);
}
let failed = 0;
for (const name of names) {
  console.log(`\n== bench ${name}`);
  const run = spawnSync(process.execPath, ['--import', 'tsx', path.join(here, `${name}.ts`)], { stdio: 'inherit', env: process.env });
  if (run.status !== 0) {
    console.error(`bench ${name} failed (exit ${run.status ?? run.signal})`);
    failed++;
  }
}
process.exit(failed > 0 ? 1 : 0);
