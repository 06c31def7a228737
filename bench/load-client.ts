import http from 'node:http';

/**
 * The load generators' HTTP client (bench/exams.load.ts, bench/soak.load.ts): plain node:http with a
 * keep-alive agent on loopback; a network error is status 0, never a throw.
 */
export type LoadReply = { status: number; body: string };

export function createLoadClient(maxSockets = 256) {
  const agent = new http.Agent({ keepAlive: true, maxSockets });
  function request(
    base: string,
    method: string,
    path: string,
    headers: Record<string, string>,
    body?: unknown,
  ): Promise<LoadReply> {
    const url = new URL(path, base);
    const payload = body === undefined ? undefined : JSON.stringify(body);
    return new Promise((resolve) => {
      const req = http.request(
        {
          agent,
          host: url.hostname,
          port: url.port,
          method,
          path: url.pathname,
          headers: {
            ...headers,
            ...(payload
              ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) }
              : {}),
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () =>
            resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }),
          );
          res.on('error', () => resolve({ status: 0, body: '' }));
        },
      );
      req.on('error', (err) => resolve({ status: 0, body: String(err) }));
      if (payload) req.write(payload);
      req.end();
    });
  }
  return { request, close: () => agent.destroy() };
}
