import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { loadConfig, type Config } from '../src/config.ts';
import { startServer, type RunningServer } from '../src/server.ts';
import type { DemoAccount } from '../src/demo/seed.ts';

/**
 * Integration tests run through real HTTP against a real server on both engines:
 * always the embedded PGlite, and PostgreSQL too when TRUCE_TEST_DATABASE_URL is set
 * (each server then gets its own fresh database, dropped afterwards).
 */
export type Engine = 'pglite' | 'postgres';

export const ENGINES: Engine[] = process.env.TRUCE_TEST_DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];

export interface TestServer {
  url: string;
  server: RunningServer;
  dataDir: string;
  accounts: DemoAccount[];
  client(): Client;
  /** A client signed in as the demo account of this organisation key and role. */
  signedIn(email: string): Promise<Client>;
  close(): Promise<void>;
}

async function freshDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const adminUrl = process.env.TRUCE_TEST_DATABASE_URL!;
  const name = `truce_test_${process.pid}_${Date.now()}_${Math.floor(Math.random() * 1e6)}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

export async function startTestServer(
  engine: Engine,
  options: { demo?: boolean; demoReports?: number; demoDetainees?: number; demoWitnesses?: boolean; demoClock?: boolean; env?: Record<string, string> } = {},
): Promise<TestServer> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'truce-test-'));
  const db = engine === 'postgres' ? await freshDatabase() : null;
  const config: Config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    TRUCE_DATA_DIR: dataDir,
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    // Tests sign in as dozens of demo accounts from one address within a minute; the
    // spraying limit is tested where a test sets it (tokens.int.test.ts).
    TRUCE_LOGIN_CLIENT_RATE_LIMIT: '100000',
    ...(db ? { DATABASE_URL: db.url } : {}),
    ...options.env,
  });
  // The demo's fictional reports only where a test asks for them: the others start from an empty record.
  // Its witnesses too (witness.int.test.ts): elsewhere /log/checkpoint is the log-signed one, never behind a write.
  const server = await startServer(config, {
    demo: options.demo,
    demoReports: options.demoReports ?? 0,
    demoDetainees: options.demoDetainees ?? 0,
    demoWitnesses: options.demoWitnesses ?? false,
    // The system's clock unless a test asks for the demo's (its reports are of every year).
    demoClock: options.demoClock ?? false,
    serveWeb: false,
  });
  const accounts: DemoAccount[] = server.demoAccountsFile ? JSON.parse(fs.readFileSync(server.demoAccountsFile, 'utf8')) : [];
  const ts: TestServer = {
    url: server.url,
    server,
    dataDir,
    accounts,
    client: () => new Client(server.url),
    async signedIn(email) {
      const account = accounts.find((a) => a.email === email);
      if (!account) throw new Error(`no demo account ${email}`);
      const c = new Client(server.url);
      const res = await c.post('/api/session', { email, password: account.password });
      if (res.status !== 200) throw new Error(`sign-in as ${email} failed: ${res.status} ${JSON.stringify(res.body)}`);
      return c;
    },
    async close() {
      try {
        await server.close();
      } catch {
        /* already closed by the test */
      } finally {
        await db?.drop();
        fs.rmSync(dataDir, { recursive: true, force: true });
      }
    },
  };
  return ts;
}

export interface Res<T = any> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
}

/** A tiny HTTP client that keeps the session cookie, like a browser would. */
export class Client {
  cookie: string | undefined;
  bearer: string | undefined;
  constructor(readonly base: string) {}

  async request(method: string, url: string, body?: unknown, init: { headers?: Record<string, string>; raw?: string | Uint8Array } = {}): Promise<Res> {
    const headers: Record<string, string> = { ...init.headers };
    if (this.cookie) headers.cookie = this.cookie;
    if (this.bearer) headers.authorization = `Bearer ${this.bearer}`;
    let payload: string | Uint8Array | undefined = init.raw;
    if (body !== undefined) {
      payload = JSON.stringify(body);
      headers['content-type'] ??= 'application/json';
    } else if (payload !== undefined) {
      headers['content-type'] ??= 'application/json';
    }
    const res = await fetch(this.base + url, { method, headers, body: payload as BodyInit | undefined });
    const setCookie = res.headers.getSetCookie().find((c) => c.startsWith('truce_session='));
    if (setCookie) {
      const value = setCookie.split(';')[0];
      this.cookie = value === 'truce_session=' ? undefined : value;
    }
    const text = await res.text();
    let parsed: unknown = text;
    if ((res.headers.get('content-type') ?? '').includes('json') && text) parsed = JSON.parse(text);
    return { status: res.status, headers: res.headers, body: parsed, text };
  }

  get(url: string, init?: { headers?: Record<string, string> }) {
    return this.request('GET', url, undefined, init);
  }
  post(url: string, body?: unknown, init?: { headers?: Record<string, string>; raw?: string | Uint8Array }) {
    return this.request('POST', url, body, init);
  }
  patch(url: string, body?: unknown) {
    return this.request('PATCH', url, body);
  }
  delete(url: string, body?: unknown) {
    return this.request('DELETE', url, body);
  }
  async bytes(url: string): Promise<{ status: number; data: Uint8Array }> {
    const headers: Record<string, string> = {};
    if (this.cookie) headers.cookie = this.cookie;
    if (this.bearer) headers.authorization = `Bearer ${this.bearer}`;
    const res = await fetch(this.base + url, { headers });
    return { status: res.status, data: new Uint8Array(await res.arrayBuffer()) };
  }
}

/** Demo account e-mail for an organisation key and role. */
export const demo = (orgKey: string, role: 'admin' | 'officer' | 'viewer') => `${role}.${orgKey}@demo.truce.example`;
