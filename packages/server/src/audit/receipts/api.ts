/** An answer other than 2xx: 404 means the server does not show this reader the item. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** The server's public API with the party's own token: the audit sees what that party is served, nothing more. */
export class Api {
  constructor(
    readonly base: string,
    readonly token: string | undefined,
  ) {}
  private async get(p: string): Promise<Response> {
    const res = await fetch(this.base + p, { headers: this.token ? { authorization: `Bearer ${this.token}` } : {} });
    if (!res.ok) {
      let detail = '';
      try {
        detail = ((await res.json()) as { detail?: string }).detail ?? '';
      } catch {
        /* not a problem document */
      }
      throw new HttpError(res.status, `GET ${p} answered ${res.status}${detail ? `: ${detail}` : ''}`);
    }
    return res;
  }
  async text(p: string): Promise<string> {
    return (await this.get(p)).text();
  }
  async json(p: string): Promise<unknown> {
    return (await this.get(p)).json();
  }
  async bytes(p: string): Promise<Uint8Array> {
    return new Uint8Array(await (await this.get(p)).arrayBuffer());
  }
}
