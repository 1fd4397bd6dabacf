// A real HTTP CONNECT proxy on loopback, for the proxy tests: it tunnels TLS to the target and records what
// it saw, including every byte the client sent through the tunnel (to prove the token was not in clear text).
// It connects only to loopback addresses: a host name is looked up in `hosts` (as a real proxy would look it
// up in DNS), and any other target is refused with 502, so a test can never reach out of the machine.
import * as http from 'node:http';
import * as net from 'node:net';
import type { AddressInfo } from 'node:net';

export interface ConnectProxyOptions {
  /** The loopback address to listen on. Default 127.0.0.1. */
  host?: string;
  /** Default 0: a free port. A test that must name the proxy before it starts (in settings read at start-up) picks one. */
  port?: number;
  /** Host names the proxy resolves, to loopback addresses: `{ 'api.kantata.test': '127.0.0.2' }`. */
  hosts?: Readonly<Record<string, string>>;
}

export interface ConnectProxy {
  readonly url: string;
  /** `host:port` of every CONNECT request, as the client wrote it. */
  readonly tunnels: string[];
  /** The headers of each CONNECT request, in the same order: they tell one client's tunnels from another's. */
  readonly connectHeaders: http.IncomingHttpHeaders[];
  /** Requests that were not CONNECT (a client sending plain HTTP to the proxy). */
  readonly plainRequests: string[];
  /** Everything clients sent into the tunnels. */
  sentThroughTunnels(): Buffer;
  close(): Promise<void>;
}

const isLoopback = (host: string): boolean => /^127(\.\d{1,3}){3}$/.test(host) || host === '::1' || host === 'localhost';

export async function startConnectProxy(options: ConnectProxyOptions = {}): Promise<ConnectProxy> {
  const tunnels: string[] = [];
  const connectHeaders: http.IncomingHttpHeaders[] = [];
  const plainRequests: string[] = [];
  const chunks: Buffer[] = [];
  const sockets = new Set<net.Socket>();
  const server = http.createServer((request, response) => {
    plainRequests.push(`${request.method ?? ''} ${request.url ?? ''}`);
    response.writeHead(400).end();
  });
  server.on('connect', (request: http.IncomingMessage, client: net.Socket, head: Buffer) => {
    const target = request.url ?? '';
    tunnels.push(target);
    connectHeaders.push(request.headers);
    const match = /^\[?([^\]]*?)\]?:(\d+)$/.exec(target);
    const name = match?.[1] ?? '';
    const address = options.hosts?.[name.toLowerCase()] ?? name;
    sockets.add(client);
    client.on('close', () => sockets.delete(client));
    client.on('error', () => client.destroy());
    if (!match || !isLoopback(address)) {
      client.end('HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    const upstream = net.connect(Number(match[2]), address, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length > 0) {
        chunks.push(head);
        upstream.write(head);
      }
      client.on('data', (chunk: Buffer) => chunks.push(chunk));
      client.pipe(upstream);
      upstream.pipe(client);
    });
    sockets.add(upstream);
    const end = () => {
      client.destroy();
      upstream.destroy();
    };
    upstream.on('error', end);
    client.on('error', end);
    upstream.on('close', () => sockets.delete(upstream));
  });
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host}:${port}`,
    tunnels,
    connectHeaders,
    plainRequests,
    sentThroughTunnels: () => Buffer.concat(chunks),
    close: () =>
      new Promise<void>((resolve) => {
        sockets.forEach((socket) => socket.destroy());
        server.close(() => resolve());
      }),
  };
}
