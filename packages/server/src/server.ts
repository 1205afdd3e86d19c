import './log/native-sha256.ts';
import fs from 'node:fs';
import type { FastifyInstance } from 'fastify';
import type { Config } from './config.ts';
import { type AppContext } from './context.ts';
import { openDatabase } from './db/open.ts';
import { buildApp, type AppOptions } from './http/app.ts';
import { startSequencerLoop } from './log/sequencer.ts';
import { issueSetupToken } from './accounts/setup.ts';
import { deleteExpiredSessions } from './accounts/store.ts';
import { loadDemo } from './demo/seed.ts';
import { createContext, followMechanismClock } from './create-context.ts';
import { startEmailLoop, startNotificationLoop } from './notifications/index.ts';
import { startMatchingLoop } from './matching/index.ts';
import { startAdoptionLoop } from './incidents/adoption-loop.ts';
import { startDashboardLoop } from './dashboard/index.ts';
import { startAuditLoop } from './audit/scrub.ts';
import { openControlSocket } from './audit/control-socket.ts';
import { startCosigningLoop } from './cosigning/push.ts';
import { startDemoWitnesses } from './demo/witnesses.ts';

export interface RunningServer {
  app: FastifyInstance;
  ctx: AppContext;
  url: string;
  setupUrl: string | null;
  demoAccountsFile: string | null;
  close(): Promise<void>;
}

/**
 * Starts Truce: opens (and migrates) the database, builds the app, loads the demo when
 * asked and the data directory is empty, listens, and on an installation without users
 * issues the one-time set-up link.
 */
export async function startServer(
  config: Config,
  options: AppOptions & {
    demo?: boolean;
    demoReports?: number;
    demoDetainees?: number;
    demoWitnesses?: boolean;
    demoClock?: boolean;
    demoProgress?: (line: string) => void;
  } = {},
): Promise<RunningServer> {
  fs.mkdirSync(config.dataDir, { recursive: true, mode: 0o700 });
  const handle = await openDatabase(config);
  const ctx: AppContext = createContext(config, handle);
  let app: FastifyInstance | undefined;
  try {
    let demoAccountsFile: string | null = null;
    // Entries a stopped server committed but did not sequence go in the tree first.
    await ctx.sequencer.flush();
    if (options.demo)
      demoAccountsFile = await loadDemo(ctx, {
        reports: options.demoReports,
        detainees: options.demoDetainees,
        clock: options.demoClock,
        progress: options.demoProgress,
      });
    // The mechanism's time: the system's, or the demo's (its today follows its 2017 story).
    await followMechanismClock(ctx);
    await deleteExpiredSessions(ctx.db);
    app = await buildApp(ctx, options);
    await app.listen({ port: config.port, host: config.host });
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    const shownHost = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host.includes(':') ? `[${config.host}]` : config.host;
    const url = config.publicUrl?.replace(/\/$/, '') ?? `http://${shownHost}:${port}`;
    const token = await issueSetupToken(ctx);
    const setupUrl = token ? `${url}/setup/${token}` : null;
    const started = app;
    const stopNotifications = startNotificationLoop(ctx, app.log);
    // Notification e-mails, when TRUCE_SMTP_URL is set; links point to the public address.
    if (config.smtp && !config.publicUrl) app.log.warn(`TRUCE_SMTP_URL is set without TRUCE_PUBLIC_URL: links in e-mails will point to ${url}`);
    const stopEmails = startEmailLoop(ctx, app.log, url);
    const stopSequencer = startSequencerLoop(ctx.sequencer, app.log);
    // The dashboard's aggregates follow the log (dashboard/rollup/).
    const stopDashboard = startDashboardLoop(ctx.db, app.log);
    // Matching runs queued by new list versions, off the request thread (matching/matching.ts).
    const stopMatching = await startMatchingLoop(ctx, app.log);
    // Findings that waited for a reply are adopted once its deadline passes, without anyone acting.
    const stopAdoption = startAdoptionLoop(ctx, app.log);
    // The audit, now and then: stored records and files against the log (audit/scrub.ts).
    const stopAudit = startAuditLoop(ctx, app.log);
    // The demo runs its guarantors' three witnesses in this process (demo/witnesses.ts).
    const stopDemoWitnesses = options.demo && options.demoWitnesses !== false ? await startDemoWitnesses(ctx) : async () => {};
    // The guarantors' witnesses are asked to cosign each new checkpoint (cosigning/push.ts).
    const stopCosigning = startCosigningLoop(ctx, app.log);
    // `truce audit` reaches the embedded engine, which one process opens, through this server.
    const closeControl = handle.engine === 'pglite' ? await openControlSocket(ctx, app.log) : null;
    return {
      app: started,
      ctx,
      url,
      setupUrl,
      demoAccountsFile,
      close: async () => {
        await stopNotifications();
        await stopDashboard();
        await stopMatching();
        await stopAdoption();
        await stopAudit();
        await stopCosigning();
        await stopDemoWitnesses();
        await closeControl?.();
        await stopEmails();
        await started.close();
        await stopSequencer();
        await handle.close();
      },
    };
  } catch (err) {
    await app?.close();
    await handle.close();
    throw err;
  }
}
