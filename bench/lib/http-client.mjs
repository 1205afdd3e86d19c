/**
 * A lean HTTP client for the benches: node:http over kept-alive connections. fetch costs the
 * client about twice the processor time per request, which on a two-core machine is taken
 * from the server being measured and shows in its timings.
 */
import http from 'node:http';

/** An agent keeping up to `sockets` connections open between requests. */
export function keepAlive(sockets) {
  return new http.Agent({ keepAlive: true, maxSockets: sockets });
}

/**
 * One request; resolves with the status, the headers and the body as text.
 * @param {http.Agent} agent @param {string} url @param {string} method
 * @param {Record<string, string>} headers @param {string | undefined} body
 * @returns {Promise<{ status: number, headers: http.IncomingHttpHeaders, text: string }>}
 */
export function send(agent, url, method, headers, body) {
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      { method, headers: body === undefined ? headers : { ...headers, 'content-length': Buffer.byteLength(body) }, agent },
      (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}
