import { createServer, request as forward, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * What the proxy does to one request: pass it on, answer 503 itself (a dependency
 * restarting), drop the connection before the API sees it (the API restarting), or pass it
 * on and drop the connection before the answer (the API killed after it applied the request).
 */
export type Fault = 'pass' | 'unavailable' | 'refuse' | 'lose-answer';

export interface FlakyProxy {
  url: string;
  /** Faults injected so far, by kind. */
  injected: Record<Exclude<Fault, 'pass'>, number>;
  close(): Promise<void>;
}

/** An HTTP proxy in front of the API that injects the faults `decide` picks per request. */
export async function startFlakyProxy(
  target: string,
  decide: (request: IncomingMessage, index: number) => Fault,
): Promise<FlakyProxy> {
  const injected = { unavailable: 0, refuse: 0, 'lose-answer': 0 };
  let count = 0;
  const server: Server = createServer((incoming, outgoing) => {
    const fault = decide(incoming, count++);
    if (fault !== 'pass') injected[fault]++;
    if (fault === 'unavailable') {
      outgoing.writeHead(503, { 'content-type': 'application/json', 'retry-after': '0' });
      outgoing.end(JSON.stringify({ code: 'SERVICE_UNAVAILABLE', message: 'injected' }));
      incoming.resume();
      return;
    }
    if (fault === 'refuse') {
      incoming.socket.destroy();
      return;
    }
    const upstream = forward(
      `${target}${incoming.url}`,
      { method: incoming.method, headers: incoming.headers },
      (answer) => {
        if (fault === 'lose-answer') {
          // The API has applied the request; its answer never reaches the client.
          answer.resume();
          answer.on('end', () => incoming.socket.destroy());
          return;
        }
        outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(outgoing);
      },
    );
    upstream.on('error', () => incoming.socket.destroy());
    incoming.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    injected,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
