import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { AppContext } from '../context.ts';
import { auditNow } from './audit-now.ts';

/** The control socket's name in the data directory. */
export const CONTROL_SOCKET = 'control.sock';
/** Longest Unix socket path Linux and macOS accept. */
const MAX_SOCKET_PATH = 103;

/**
 * The embedded engine opens its database in one process only, so `truce audit` asks a
 * running server through a Unix socket in the data directory, readable and writable by
 * its owner only (mode 0600 in a 0700 directory): whoever can use it could read the
 * database files anyway. It answers `GET /audit` and nothing else. Returns the closer,
 * or null when the data directory's path is too long for a socket.
 */
export async function openControlSocket(ctx: AppContext, log: { warn: (msg: string) => void }): Promise<(() => Promise<void>) | null> {
  const socketPath = path.join(ctx.config.dataDir, CONTROL_SOCKET);
  if (socketPath.length > MAX_SOCKET_PATH) {
    log.warn(`the data directory's path is too long for the control socket; truce audit needs the server stopped to run`);
    return null;
  }
  fs.rmSync(socketPath, { force: true }); // left by a server that did not stop cleanly
  const server = http.createServer((req, res) => {
    if (req.method !== 'GET' || req.url !== '/audit') {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('only GET /audit\n');
      return;
    }
    auditNow({ db: ctx.db, dataDir: ctx.config.dataDir }).then(
      (report) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(report)),
      (err: Error) => res.writeHead(500, { 'content-type': 'text/plain' }).end(`${err.message}\n`),
    );
  });
  const oldMask = process.umask(0o177);
  try {
    await new Promise<void>((resolve, reject) => server.once('error', reject).listen(socketPath, resolve));
  } finally {
    process.umask(oldMask);
  }
  fs.chmodSync(socketPath, 0o600);
  return async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    fs.rmSync(socketPath, { force: true });
  };
}
