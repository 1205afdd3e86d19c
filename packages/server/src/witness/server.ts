import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { checkAddCheckpoint, cosignAccepted, parseAddCheckpoint, WitnessRefusal, type Signer, type Verifier } from '@truce/core/log/index';
import { WitnessStateFile } from './state.ts';

/** 63 proof lines and a checkpoint with many signatures fit in far less. */
export const MAX_REQUEST_BYTES = 64 * 1024;

export interface WitnessOptions {
  dir: string;
  signer: Signer;
  /** The logs this witness follows (key name = origin). */
  logs: Verifier[];
  port?: number;
  host?: string;
  /** For tests: the clock used for cosignature timestamps. */
  now?: () => number;
  onError?: (err: unknown) => void;
}

export interface RunningWitness {
  url: string;
  server: http.Server;
  close(): Promise<void>;
}

/**
 * A c2sp.org/tlog-witness server: POST /add-checkpoint only. The check and the state
 * update run in one synchronous step once the body is read, so in this single-threaded
 * process no two requests are ever checked against the same old state.
 */
export async function startWitness(options: WitnessOptions): Promise<RunningWitness> {
  const state = new WitnessStateFile(options.dir);
  const now = options.now ?? Date.now;
  const server = http.createServer((req, res) => {
    const send = (status: number, body: string, type = 'text/plain; charset=utf-8') => {
      // One request per connection: a log sends one request per checkpoint, and a client
      // never finds a pooled connection to a witness that has since restarted.
      res.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(body), 'cache-control': 'no-store', connection: 'close' });
      res.end(body);
    };
    const url = (req.url ?? '/').split('?')[0];
    if (url !== '/add-checkpoint') return send(404, 'not found: this witness serves POST /add-checkpoint\n');
    if (req.method !== 'POST') {
      res.setHeader('allow', 'POST');
      return send(405, 'method not allowed: use POST\n');
    }
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > MAX_REQUEST_BYTES) {
      return send(413, `request too large: at most ${MAX_REQUEST_BYTES} bytes\n`);
    }
    const chunks: Buffer[] = [];
    let length = 0;
    let refused = false;
    req.on('data', (chunk: Buffer) => {
      if (refused) return;
      length += chunk.length;
      if (length > MAX_REQUEST_BYTES) {
        refused = true;
        send(413, `request too large: at most ${MAX_REQUEST_BYTES} bytes\n`);
        req.resume();
        return;
      }
      chunks.push(chunk);
    });
    req.on('error', () => res.destroy());
    req.on('end', () => {
      if (refused) return;
      try {
        const request = parseAddCheckpoint(new Uint8Array(Buffer.concat(chunks)));
        const accepted = checkAddCheckpoint(request, options.logs, (origin) => state.latest(origin));
        const at = now();
        const line = cosignAccepted(accepted, options.signer, at);
        const { origin, size, rootHash } = accepted.checkpoint;
        // Persisted before answering: a cosignature is never out there without the state behind it.
        state.save(origin, size, rootHash, request.note, new Date(at));
        send(200, line);
      } catch (err) {
        if (err instanceof WitnessRefusal) {
          if (err.status === 409) return send(409, `${err.size}\n`, 'text/x.tlog.size');
          return send(err.status, err.message + '\n');
        }
        options.onError?.(err);
        send(500, 'internal error: the state was not changed\n');
      }
    });
  });
  server.requestTimeout = 30_000;
  server.headersTimeout = 10_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${host}:${address.port}`,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
