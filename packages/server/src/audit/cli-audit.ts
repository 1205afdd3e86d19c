import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { commandArgs } from '../cli-args.ts';
import { ConfigError, loadConfig } from '../config.ts';
import { openDatabase } from '../db/index.ts';
import { auditNow, type AuditReport } from './audit-now.ts';
import { CONTROL_SOCKET } from './control-socket.ts';

type Out = (line: string) => void;

/**
 * `truce audit [--json]`: the audit on the configured database (DATABASE_URL or
 * TRUCE_DATA_DIR), while the server runs. On PostgreSQL it opens the database itself; on
 * the embedded engine it asks the running server through its control socket, and opens
 * the database itself only when no server answers. Exits 1 when anything differs.
 * `truce audit --receipts DIR --url URL --token T` is a party's audit from its receipts.
 */
export async function runAuditCommand(args: string[], out: Out = console.log, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const values = commandArgs(
    'truce audit',
    args,
    {
      json: { type: 'boolean', default: false },
      receipts: { type: 'string' },
      url: { type: 'string' },
      token: { type: 'string' },
      policy: { type: 'string' },
    },
    out,
  );
  if (!values) return 2;
  if (values.receipts !== undefined) {
    // A party's audit from the receipts it holds, through the API with its own access (cli-audit-receipts.ts).
    if (!values.url) {
      out('truce audit: --receipts DIR needs --url URL (and --token TOKEN, or TRUCE_TOKEN)');
      return 2;
    }
    const { runReceiptsAudit } = await import('./cli-audit-receipts.ts');
    return runReceiptsAudit({ dir: values.receipts, url: values.url, token: values.token ?? env.TRUCE_TOKEN, policy: values.policy }, out);
  }
  if (values.url || values.token || values.policy) {
    out('truce audit: --url, --token and --policy go with --receipts DIR');
    return 2;
  }
  let config;
  try {
    config = loadConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) {
      out(`truce audit: configuration error: ${err.message}`);
      return 2;
    }
    throw err;
  }
  let report: AuditReport | null = null;
  if (!config.databaseUrl) report = await askServer(path.join(config.dataDir, CONTROL_SOCKET));
  if (!report) {
    if (!config.databaseUrl && !fs.existsSync(path.join(config.dataDir, 'pgdata'))) {
      out(`truce audit: no database in ${config.dataDir} (set TRUCE_DATA_DIR or DATABASE_URL)`);
      return 2;
    }
    const handle = await openDatabase(config);
    try {
      report = await auditNow({ db: handle.db, dataDir: config.dataDir });
    } finally {
      await handle.close();
    }
  }
  if (values.json) out(JSON.stringify(report, null, 2));
  else print(report, out);
  return report.total === 0 && report.damaged.length === 0 ? 0 : 1;
}

function print(report: AuditReport, out: Out): void {
  // Counters of items whose commitment could not be opened (written before commitments had a fixed order) are said apart.
  const compared = Object.entries(report.checked)
    .filter(([kind]) => !kind.endsWith('_unopened'))
    .map(([kind, n]) => `${kind} ${n}`)
    .join(', ');
  for (const [kind, n] of Object.entries(report.checked)) {
    if (kind.endsWith('_unopened') && n > 0)
      out(
        `NOTE ${n} ${kind.replace(/_unopened$/, '')} item(s) recorded before their persons were committed in a fixed order: their counts were checked, their persons could not be`,
      );
  }
  for (const m of report.mismatches) out(`MISMATCH ${m.kind} ${m.id} field ${m.field} (log entry ${m.logIndex ?? 'none'}): ${m.message}`);
  if (report.total > report.mismatches.length) out(`… and ${report.total - report.mismatches.length} more`);
  for (const d of report.damaged) out(`DAMAGED ${d.kind} sha256:${d.sha256} since ${d.firstSeen}: ${d.detail}`);
  if (report.total === 0 && report.damaged.length === 0) out(`OK: every record and stored file matches the log (compared: ${compared})`);
  else out(`FAILED: ${report.total} mismatch(es), ${report.damaged.length} damaged file(s) (compared: ${compared})`);
}

/** The running server's audit through its control socket; null when no server answers there. */
function askServer(socketPath: string): Promise<AuditReport | null> {
  if (!fs.existsSync(socketPath)) return Promise.resolve(null);
  return new Promise((resolve, reject) => {
    const req = http.get({ socketPath, path: '/audit' }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        if (res.statusCode !== 200) reject(new Error(`the running server could not audit: ${text.trim()}`));
        else resolve(JSON.parse(text) as AuditReport);
      });
    });
    // A socket left by a server that is gone: open the database directly.
    req.on('error', (err: NodeJS.ErrnoException) => (err.code === 'ECONNREFUSED' || err.code === 'ENOENT' ? resolve(null) : reject(err)));
  });
}
