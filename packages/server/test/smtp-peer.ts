import { SMTPServer } from 'smtp-server';

/** A real SMTP server for the e-mail tests (smtp-server, by Nodemailer's authors), and what it received, decoded. */

export interface Received {
  user: string | undefined;
  from: string;
  to: string[];
  headers: Record<string, string>;
  text: string;
}

/** Header block and body of a message, the body decoded from its transfer encoding. */
function parse(raw: string): { headers: Record<string, string>; text: string } {
  const split = raw.indexOf('\r\n\r\n');
  const headers: Record<string, string> = {};
  for (const line of raw
    .slice(0, split)
    .replace(/\r\n(?=[ \t])/gu, '')
    .split('\r\n')) {
    const colon = line.indexOf(':');
    headers[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim();
  }
  let body = raw.slice(split + 4);
  const encoding = (headers['content-transfer-encoding'] ?? '7bit').toLowerCase();
  if (encoding === 'quoted-printable') {
    body = Buffer.from(
      body.replace(/=\r\n/gu, '').replace(/=([0-9A-F]{2})/gu, (_, h: string) => String.fromCharCode(parseInt(h, 16))),
      'latin1',
    ).toString('utf8');
  } else if (encoding === 'base64') {
    body = Buffer.from(body, 'base64').toString('utf8');
  }
  return { headers, text: body.replace(/\r\n/gu, '\n') };
}

/** A real SMTP server on a free port that records what it accepts and refuses on demand. */
export async function startPeer() {
  const received: Received[] = [];
  const peer = {
    received,
    /** Answer to RCPT TO for an address: null accepts it. */
    refuse: (_address: string): string | null => null,
    port: 0,
    server: new SMTPServer({
      authOptional: true,
      allowInsecureAuth: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onAuth(auth, _session, callback) {
        if (auth.username === 'mailer' && auth.password === 'p@ss word') return callback(null, { user: auth.username });
        callback(Object.assign(new Error('Invalid username or password'), { responseCode: 535 }));
      },
      onRcptTo(address, _session, callback) {
        const refusal = peer.refuse(address.address);
        if (refusal) return callback(Object.assign(new Error(refusal), { responseCode: 450 }));
        callback();
      },
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          const from = session.envelope.mailFrom ? session.envelope.mailFrom.address : '';
          received.push({
            user: session.user as string | undefined,
            from,
            to: session.envelope.rcptTo.map((r) => r.address),
            ...parse(Buffer.concat(chunks).toString('utf8')),
          });
          callback();
        });
      },
    }),
  };
  await new Promise<void>((resolve, reject) => {
    peer.server.once('error', reject);
    peer.server.listen(0, '127.0.0.1', () => resolve());
  });
  peer.port = (peer.server.server.address() as { port: number }).port;
  return peer;
}

/** An RFC 2047 header (=?UTF-8?B?…?= words, the space between two words dropped) as text. */
export function decodeWords(header: string): string {
  return header.replace(/\?=\s+=\?/g, '?==?').replace(/=\?UTF-8\?B\?([^?]*)\?=/gi, (_, b64: string) => Buffer.from(b64, 'base64').toString('utf8'));
}
