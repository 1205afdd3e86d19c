import net from 'node:net';
import path from 'node:path';
import {
  DEFAULT_EVIDENCE_TYPES,
  EVIDENCE_MEDIA_TYPES,
  isEvidenceMediaType,
  normaliseMediaType,
  type EvidenceMediaType,
} from '@truce/core/evidence/media-types';

/**
 * Configuration: one validated object built at start-up from environment variables
 * (STYLE #10). Every variable is documented in README.md. Bad values stop the start with
 * a message naming the variable.
 */
export interface Config {
  /** Port to listen on (PORT, default 8080). */
  port: number;
  /** Interface to listen on (HOST, default 127.0.0.1; 0.0.0.0 to serve a network). */
  host: string;
  /** Directory for the embedded database, the log key and evidence (TRUCE_DATA_DIR, default ./data). */
  dataDir: string;
  /** PostgreSQL server to use instead of the embedded engine (DATABASE_URL). */
  databaseUrl: string | undefined;
  /** The log's signing key in note signer format (TRUCE_LOG_KEY); generated on first start when unset. */
  logKey: string | undefined;
  /** Origin line of checkpoints (TRUCE_LOG_ORIGIN); defaults to truce/<mechanism slug>. */
  logOrigin: string | undefined;
  /** Public base URL, used in links printed or mailed (TRUCE_PUBLIC_URL). */
  publicUrl: string | undefined;
  /** Sign-in attempts allowed per e-mail address and client per minute (TRUCE_LOGIN_RATE_LIMIT, default 10). */
  loginRateLimit: number;
  /** Sign-in attempts allowed per client per minute, whatever the e-mail address (TRUCE_LOGIN_CLIENT_RATE_LIMIT, default 20). */
  loginClientRateLimit: number;
  /**
   * Which proxies' X-Forwarded-For to believe when telling clients apart (TRUCE_TRUST_PROXY):
   * false (none: the socket's address is the client), or the proxies' addresses and CIDRs.
   * Passed to Fastify's `trustProxy`.
   */
  trustProxy: false | string[];
  /** Session lifetime in hours (TRUCE_SESSION_HOURS, default 12). */
  sessionHours: number;
  /** Log level for the structured JSON logs (LOG_LEVEL, default info). */
  logLevel: string;
  /** Serve secure cookies (TRUCE_SECURE_COOKIES; default: on when TRUCE_PUBLIC_URL is https). */
  secureCookies: boolean;
  /** Largest evidence file accepted, in bytes (TRUCE_EVIDENCE_MAX_BYTES, default 100 MiB). */
  evidenceMaxBytes: number;
  /** Media types accepted as evidence (TRUCE_EVIDENCE_TYPES, comma-separated; default all recognised). */
  evidenceTypes: readonly EvidenceMediaType[];
  /** Longest free text (a report's description, a reply, an assessment's reasoning), in characters (TRUCE_TEXT_MAX_CHARS, default 20,000). */
  textMaxChars: number;
  /** Largest JSON request body, in bytes (TRUCE_JSON_MAX_BYTES, default 1 MiB). */
  jsonMaxBytes: number;
  /** Largest detainee list file (CSV or XLSX), in bytes (TRUCE_LIST_MAX_BYTES, default 20 MiB). */
  listMaxBytes: number;
  /** Most persons in one list file or list (TRUCE_LIST_MAX_ROWS, default 100,000). */
  listMaxRows: number;
  /** Most records in one export of reports or incidents (TRUCE_EXPORT_MAX_ROWS, default 100,000). */
  exportMaxRows: number;
  /** Worker threads the matcher uses (TRUCE_MATCH_WORKERS, default 2). */
  matchWorkers: number;
  /** Minutes between background audits (TRUCE_AUDIT_EVERY_MINUTES, default 60; 0 turns the scrub off). */
  auditEveryMinutes: number;
  /** Outgoing e-mail (TRUCE_SMTP_*); undefined when TRUCE_SMTP_URL is unset, and notifications then stay in the app. */
  smtp: SmtpConfig | undefined;
}

/** Where and how notification e-mails are sent (see notifications/email.ts). */
export interface SmtpConfig {
  host: string;
  port: number;
  /** TLS from the first byte (smtps://, usually port 465). */
  secure: boolean;
  /** User and password from the URL, when it has them. */
  auth: { user: string; pass: string } | undefined;
  /** STARTTLS on smtp://: "auto" when the server offers it, "required", or "off" (a local relay). */
  starttls: 'auto' | 'required' | 'off';
  /** The From header: an address, or "Name <address>" (TRUCE_SMTP_FROM). */
  from: string;
  /** Attempts before a message is given up (TRUCE_SMTP_MAX_ATTEMPTS, default 8: about four hours of backoff). */
  maxAttempts: number;
}

export class ConfigError extends Error {}

function integer(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
    throw new ConfigError(`${name} must be a whole number from ${min} to ${max}, got "${raw}"`);
  }
  return Number(raw);
}

function url(env: NodeJS.ProcessEnv, name: string, protocols: string[]): string | undefined {
  const raw = env[name];
  if (raw === undefined || raw === '') return undefined;
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    throw new ConfigError(`${name} is not a valid URL`);
  }
  if (!protocols.includes(parsed.protocol)) {
    throw new ConfigError(`${name} must start with ${protocols.map((p) => p + '//').join(' or ')}`);
  }
  return raw;
}

/** Names proxy-addr (Fastify's trustProxy) understands for ranges of addresses. */
const PROXY_RANGES = ['loopback', 'linklocal', 'uniquelocal'];

function trustProxy(env: NodeJS.ProcessEnv): false | string[] {
  const raw = (env.TRUCE_TRUST_PROXY ?? '').trim();
  if (raw === '') return false;
  // Fastify 5 treats a hop count as "trust no proxy" (it cannot check the nearest peer),
  // so a count would silently do nothing: the proxies are named instead.
  if (/^\d+$/.test(raw))
    throw new ConfigError(`TRUCE_TRUST_PROXY must name the proxies' addresses or CIDRs (e.g. 127.0.0.1,10.0.0.0/8), not a hop count ("${raw}")`);
  const items = raw
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
  for (const item of items) {
    if (PROXY_RANGES.includes(item)) continue;
    const [address, prefix, ...rest] = item.split('/');
    const family = net.isIP(address);
    const bits = family === 6 ? 128 : 32;
    const prefixOk = prefix === undefined || (/^\d+$/.test(prefix) && Number(prefix) <= bits);
    if (family === 0 || !prefixOk || rest.length > 0) {
      // "true" would believe any client's X-Forwarded-For: the very forgery this setting is for.
      throw new ConfigError(
        `TRUCE_TRUST_PROXY: "${item}" is not an address or CIDR; give the proxy's addresses (e.g. 127.0.0.1,10.0.0.0/8) or ${PROXY_RANGES.join(', ')}`,
      );
    }
  }
  if (items.length === 0) throw new ConfigError('TRUCE_TRUST_PROXY lists no address');
  return items;
}

function evidenceTypes(env: NodeJS.ProcessEnv): readonly EvidenceMediaType[] {
  const raw = env.TRUCE_EVIDENCE_TYPES;
  if (raw === undefined || raw.trim() === '') return DEFAULT_EVIDENCE_TYPES;
  const types: EvidenceMediaType[] = [];
  for (const item of raw.split(',')) {
    const type = normaliseMediaType(item);
    if (type === '') continue;
    if (!isEvidenceMediaType(type)) {
      throw new ConfigError(
        `TRUCE_EVIDENCE_TYPES: "${item.trim()}" is not a type Truce recognises from content; use some of ${EVIDENCE_MEDIA_TYPES.join(', ')}`,
      );
    }
    if (!types.includes(type)) types.push(type);
  }
  if (types.length === 0) throw new ConfigError('TRUCE_EVIDENCE_TYPES lists no media type');
  return types;
}

function smtp(env: NodeJS.ProcessEnv): SmtpConfig | undefined {
  const raw = url(env, 'TRUCE_SMTP_URL', ['smtp:', 'smtps:']);
  const others = ['TRUCE_SMTP_FROM', 'TRUCE_SMTP_TLS', 'TRUCE_SMTP_MAX_ATTEMPTS'].filter((name) => env[name]);
  if (raw === undefined) {
    if (others.length > 0) throw new ConfigError(`${others.join(', ')} set without TRUCE_SMTP_URL; set it to send e-mail, or unset them`);
    return undefined;
  }
  const parsed = new URL(raw);
  if (parsed.hostname === '') throw new ConfigError('TRUCE_SMTP_URL names no host');
  if ((parsed.pathname !== '' && parsed.pathname !== '/') || parsed.search !== '' || parsed.hash !== '') {
    throw new ConfigError('TRUCE_SMTP_URL must be smtp[s]://[user:password@]host[:port], without a path or query');
  }
  const secure = parsed.protocol === 'smtps:';
  const starttls = env.TRUCE_SMTP_TLS || 'auto';
  if (starttls !== 'auto' && starttls !== 'required' && starttls !== 'off') {
    throw new ConfigError('TRUCE_SMTP_TLS must be "auto", "required" or "off"');
  }
  if (secure && starttls !== 'auto') throw new ConfigError('TRUCE_SMTP_TLS applies to smtp:// only; smtps:// is always TLS');
  let user: string;
  let pass: string;
  try {
    user = decodeURIComponent(parsed.username);
    pass = decodeURIComponent(parsed.password);
  } catch {
    throw new ConfigError('TRUCE_SMTP_URL has a badly escaped user or password (percent-encode reserved characters)');
  }
  if (pass !== '' && user === '') throw new ConfigError('TRUCE_SMTP_URL has a password without a user');
  const from = (env.TRUCE_SMTP_FROM ?? '').trim();
  // An address, or a display name and an address in angle brackets; no line breaks (header injection).
  if (!/^(?:[^<>\r\n]*<[^\s<>@]+@[^\s<>@]+>|[^\s<>@]+@[^\s<>@]+)$/u.test(from)) {
    throw new ConfigError('TRUCE_SMTP_FROM must be an address like truce@example.org or "Truce <truce@example.org>" when TRUCE_SMTP_URL is set');
  }
  return {
    host: parsed.hostname.replace(/^\[(.*)\]$/u, '$1'),
    port: parsed.port ? Number(parsed.port) : secure ? 465 : 587,
    secure,
    auth: user ? { user, pass } : undefined,
    starttls,
    from,
    maxAttempts: integer(env, 'TRUCE_SMTP_MAX_ATTEMPTS', 8, 1, 100),
  };
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const publicUrl = url(env, 'TRUCE_PUBLIC_URL', ['http:', 'https:']);
  const secure = env.TRUCE_SECURE_COOKIES;
  if (secure !== undefined && !['', 'true', 'false'].includes(secure)) {
    throw new ConfigError('TRUCE_SECURE_COOKIES must be "true" or "false"');
  }
  const logLevel = env.LOG_LEVEL || 'info';
  if (!['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].includes(logLevel)) {
    throw new ConfigError('LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent');
  }
  const origin = env.TRUCE_LOG_ORIGIN || undefined;
  if (origin !== undefined && (/[\s+]/u.test(origin) || origin.length > 200)) {
    throw new ConfigError('TRUCE_LOG_ORIGIN must be at most 200 characters without spaces or "+"');
  }
  return {
    port: integer(env, 'PORT', 8080, 0, 65535),
    host: env.HOST || '127.0.0.1',
    dataDir: path.resolve(env.TRUCE_DATA_DIR || 'data'),
    databaseUrl: url(env, 'DATABASE_URL', ['postgres:', 'postgresql:']),
    logKey: env.TRUCE_LOG_KEY || undefined,
    logOrigin: origin,
    publicUrl,
    loginRateLimit: integer(env, 'TRUCE_LOGIN_RATE_LIMIT', 10, 1, 100_000),
    loginClientRateLimit: integer(env, 'TRUCE_LOGIN_CLIENT_RATE_LIMIT', 20, 1, 100_000),
    trustProxy: trustProxy(env),
    sessionHours: integer(env, 'TRUCE_SESSION_HOURS', 12, 1, 24 * 30),
    logLevel,
    secureCookies: secure ? secure === 'true' : (publicUrl?.startsWith('https:') ?? false),
    // From 1 KiB (a photo's thumbnail) to 64 GiB (hours of video); 100 MiB by default.
    evidenceMaxBytes: integer(env, 'TRUCE_EVIDENCE_MAX_BYTES', 100 * 1024 * 1024, 1024, 64 * 1024 ** 3),
    evidenceTypes: evidenceTypes(env),
    // A long statement fits in 20,000 characters; 200,000 still fits the largest JSON body.
    textMaxChars: integer(env, 'TRUCE_TEXT_MAX_CHARS', 20_000, 500, 200_000),
    jsonMaxBytes: integer(env, 'TRUCE_JSON_MAX_BYTES', 1024 * 1024, 64 * 1024, 16 * 1024 * 1024),
    listMaxBytes: integer(env, 'TRUCE_LIST_MAX_BYTES', 20 * 1024 * 1024, 64 * 1024, 200 * 1024 * 1024),
    listMaxRows: integer(env, 'TRUCE_LIST_MAX_ROWS', 100_000, 10, 1_000_000),
    exportMaxRows: integer(env, 'TRUCE_EXPORT_MAX_ROWS', 100_000, 100, 1_000_000),
    matchWorkers: integer(env, 'TRUCE_MATCH_WORKERS', 2, 1, 64),
    auditEveryMinutes: integer(env, 'TRUCE_AUDIT_EVERY_MINUTES', 60, 0, 7 * 24 * 60),
    smtp: smtp(env),
  };
}
