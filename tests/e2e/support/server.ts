import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A throwaway self-signed certificate (the browsers are told to accept it). */
function selfSignedCert(): { key: Buffer; cert: Buffer } {
  const dir = mkdtempSync(join(tmpdir(), 'qingfeng-tls-'));
  try {
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', '/CN=qingfeng-test', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem')], { stdio: 'ignore' });
    return { key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

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
  private tls: Server | null = null;
  port = 0;
  tlsPort = 0;

  /** Extra routes: path → handler returning [status, headers, body] (text or bytes). */
  routes = new Map<string, (req: IncomingMessage) => [number, Record<string, string>, string | Uint8Array]>();

  async start(): Promise<this> {
    const handle = (req: IncomingMessage, res: ServerResponse) => {
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
    };
    this.server = createServer(handle);
    this.tls = createTlsServer(selfSignedCert(), handle);
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    await new Promise<void>((resolve) => this.tls!.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
    this.tlsPort = (this.tls.address() as AddressInfo).port;
    return this;
  }

  url(host: string, path = '/'): string {
    return `http://${host}:${this.port}${path}`;
  }

  httpsUrl(host: string, path = '/'): string {
    return `https://${host}:${this.tlsPort}${path}`;
  }

  /** Requests whose Host header is `host` or a subdomain of it (trailing dots ignored). */
  requestsTo(host: string): RecordedRequest[] {
    const h = host.replace(/\.$/, '');
    return this.requests.filter((r) => {
      const rh = r.host.replace(/\.$/, '');
      return rh === h || rh.endsWith(`.${h}`);
    });
  }

  /** Resolves once no request has arrived for `ms` (at most `limitMs` in all). */
  async quiet(ms: number, limitMs = 15_000): Promise<void> {
    const until = Date.now() + limitMs;
    while (Date.now() < until) {
      const last = this.requests.at(-1)?.at ?? 0;
      if (Date.now() - last >= ms) return;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`the browser kept making requests for ${limitMs} ms`);
  }

  clear(): void {
    this.requests.length = 0;
  }

  async stop(): Promise<void> {
    for (const server of [this.server, this.tls]) {
      server?.closeAllConnections();
      await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    }
  }
}
