/**
 * The load generator, run in a worker thread so that it does not share the server's
 * event loop: `concurrency` clients, each sending its next request as soon as its last
 * one answered, until `count` requests were sent or `timeLimitMs` passed. Loopback only.
 *
 * Requests go through the lean client of http-client.mjs, one kept-alive connection per client.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { keepAlive, send } from './http-client.mjs';

/** @param {import("./load.ts").LoadJob} job */
async function run(job) {
  const host = new URL(job.url).hostname;
  if (host !== '127.0.0.1' && host !== 'localhost' && host !== '::1') throw new Error(`load only on loopback, not ${host}`);
  let next = 0;
  let ok = 0;
  let firstError = null;
  const statuses = {};
  const latencies = [];
  const started = performance.now();
  const deadline = started + job.timeLimitMs;
  const agent = keepAlive(job.concurrency);
  async function client() {
    while (next < job.count && performance.now() < deadline) {
      const i = next++;
      const t = performance.now();
      try {
        const res = await send(agent, job.url, job.method, job.headers, job.method === 'POST' ? job.bodies[i % job.bodies.length] : undefined);
        const text = res.text;
        latencies.push(performance.now() - t);
        statuses[res.status] = (statuses[res.status] ?? 0) + 1;
        if (res.status < 300) ok++;
        else if (!firstError) firstError = `${res.status} ${text.slice(0, 300)}`;
      } catch (err) {
        latencies.push(performance.now() - t);
        statuses.error = (statuses.error ?? 0) + 1;
        if (!firstError) firstError = String(err);
      }
    }
  }
  await Promise.all(Array.from({ length: job.concurrency }, client));
  agent.destroy();
  return { sent: latencies.length, ok, statuses, elapsedMs: performance.now() - started, latenciesMs: latencies, firstError };
}

if (parentPort) parentPort.postMessage(await run(workerData));
