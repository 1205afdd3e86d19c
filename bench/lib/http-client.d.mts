import type http from 'node:http';
export function keepAlive(sockets: number): http.Agent;
export function send(
  agent: http.Agent,
  url: string,
  method: string,
  headers: Record<string, string>,
  body: string | undefined,
): Promise<{ status: number; headers: http.IncomingHttpHeaders; text: string }>;
