import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  host: string;
  url: string;
  at: number;
}

/**
 * A local web server that real hostnames are mapped to. It records every request it receives,
 * so a test can prove a blocked host received none.
 */
export class TestServer {
  readonly requests: RecordedRequest[] = [];
  private server: Server | null = null;
  port = 0;

  /** Extra routes: path → handler returning [status, headers, body]. */
  routes = new Map<string, (req: IncomingMessage) => [number, Record<string, string>, string]>();

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const host = (req.headers.host ?? '').replace(/:\d+$/, '').toLowerCase();
      this.requests.push({ host, url: req.url ?? '/', at: Date.now() });
      const route = this.routes.get((req.url ?? '/').split('?')[0] ?? '/');
      if (route) {
        const [status, headers, body] = route(req);
        res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', ...headers });
        res.end(body);
        return;
      }
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(`<!doctype html><title>${host}</title><h1 id="served">served by ${host}</h1>`);
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  url(host: string, path = '/'): string {
    return `http://${host}:${this.port}${path}`;
  }

  /** Requests whose Host header is `host` or a subdomain of it (trailing dots ignored). */
  requestsTo(host: string): RecordedRequest[] {
    const h = host.replace(/\.$/, '');
    return this.requests.filter((r) => {
      const rh = r.host.replace(/\.$/, '');
      return rh === h || rh.endsWith(`.${h}`);
    });
  }

  clear(): void {
    this.requests.length = 0;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
    this.server?.closeAllConnections();
  }
}
