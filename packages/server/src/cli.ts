import './log/native-sha256.ts';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from './config.ts';

/**
 * The `truce` command:
 *   truce serve [--demo]                      start the server (npm start / npm run demo)
 *   truce verify --url URL [--token T] [--key VKEY] [--policy P] [--state FILE]   the log, and its witness quorum
 *   truce verify --dir DIR [--key VKEY]       verify an exported log offline
 *   truce verify --receipt F --policy P       check one tlog-proof receipt offline (log/cli-receipt.ts)
 *   truce log export --dir DIR [--url URL --token T]
 *   truce mirror --url URL --dir DIR [--token T]      keep a verified copy of the log (log/cli-mirror.ts)
 *   truce witness init|serve                  a guarantor's witness (witness/cli.ts)
 *   truce audit [--json]                      stored records and files against the log (audit/cli-audit.ts)
 *   truce match --sought A.csv --held B.csv --out pairs.csv [--top K] [--min-score S]
 *   truce match --dedupe L.csv --out pairs.csv          duplicates inside one list
 *   truce report un|issg --from D --to D --lang L --format pdf --out F   the UN report or the support-group briefing (publications/cli.ts)
 */
const USAGE = `usage:
  truce serve [--demo]
  truce verify (--url URL [--token TOKEN] | --dir DIR) [--key VKEY] [--policy POLICY] [--state FILE]
  truce verify --receipt RECEIPT.tlog-proof --policy POLICY
  truce log export --dir DIR [--url URL --token TOKEN]
  truce mirror --url URL --dir DIR [--token TOKEN] [--key VKEY] [--policy POLICY] [--watch [--every SECONDS]]
  truce audit [--json]
  truce witness init --name NAME --dir DIR
  truce witness serve --dir DIR --log-vkey VKEY [--port P] [--host H]
  truce audit --receipts DIR --url URL [--token TOKEN] [--policy POLICY]
  truce match --sought SOUGHT.csv --held HELD.csv --out PAIRS.csv [--top K] [--min-score S]
  truce match --dedupe LIST.csv --out PAIRS.csv [--top K] [--min-score S]
  truce report (un|issg) --from YYYY-MM-DD --to YYYY-MM-DD [--lang en|ar|ru|tr|fa] [--format pdf|html|csv|json] [--out FILE] [--issue --as EMAIL]`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'serve':
      return serve(rest);
    case 'verify': {
      const { runVerify } = await import('./log/cli-verify.ts');
      return runVerify(rest);
    }
    case 'mirror': {
      const { runMirror } = await import('./log/cli-mirror.ts');
      return runMirror(rest);
    }
    case 'match': {
      const { runMatchCommand } = await import('./matching/cli-match.ts');
      return runMatchCommand(rest);
    }
    case 'report': {
      const { runReport } = await import('./publications/cli.ts');
      return runReport(rest);
    }
    case 'witness': {
      const { runWitness } = await import('./witness/cli.ts');
      return runWitness(rest);
    }
    case 'audit': {
      const { runAuditCommand } = await import('./audit/cli-audit.ts');
      return runAuditCommand(rest);
    }
    case 'log': {
      if (rest[0] !== 'export') break;
      const { runExport } = await import('./log/cli-export.ts');
      return runExport(rest.slice(1));
    }
    case undefined:
    case '--help':
    case 'help':
      console.log(USAGE);
      return command === undefined ? 2 : 0;
  }
  console.error(`truce: unknown command "${argv.join(' ')}"\n${USAGE}`);
  return 2;
}

async function serve(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { demo: { type: 'boolean', default: false } }, strict: true });
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(`truce: configuration error: ${err.message}`);
      return 2;
    }
    throw err;
  }
  const { startServer } = await import('./server.ts');
  // The demo's loading takes a while, once: its steps are shown as they go.
  const server = await startServer(config, { demo: values.demo, demoProgress: (line) => console.log(line) });
  const lines = [`Truce is running at ${server.url} (${server.ctx.engine === 'pglite' ? `embedded database in ${config.dataDir}` : 'PostgreSQL'})`];
  if (server.setupUrl) lines.push('', 'First start: open this one-time link to create the first administrator:', `  ${server.setupUrl}`, '');
  if (server.demoAccountsFile) {
    const fs = await import('node:fs');
    const accounts = JSON.parse(fs.readFileSync(server.demoAccountsFile, 'utf8')) as { email: string; password: string; organisation: string; role: string }[];
    lines.push('', 'Demo mechanism loaded (all data fictional). Demo accounts:');
    for (const a of accounts) lines.push(`  ${a.email.padEnd(44)} ${a.password}  ${a.role.padEnd(7)} ${a.organisation}`);
    lines.push(`(also in ${server.demoAccountsFile})`, '');
  }
  console.log(lines.join('\n'));
  const stop = async () => {
    await server.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return -1; // keep running
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exit(code);
  },
  (err) => {
    console.error(`truce: ${(err as Error).message}`);
    process.exit(1);
  },
);
