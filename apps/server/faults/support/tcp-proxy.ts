import net from 'node:net';

/**
 * A TCP proxy between the app and PostgreSQL that the test can cut:
 * - `refuse()`: resets every open connection and refuses new ones (the database server went away);
 * - `blackhole()`: keeps connections open but forwards nothing, and accepts new ones without answering (a
 *   network partition: packets vanish, nothing is reset);
 * - `restore()`: forwards again (connections cut before stay cut, as after a real outage).
 */
export type TcpProxy = {
  port: number;
  refuse: () => Promise<void>;
  blackhole: () => void;
  restore: () => Promise<void>;
  close: () => Promise<void>;
};

export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  let mode: 'up' | 'refuse' | 'blackhole' = 'up';
  const sockets = new Set<net.Socket>();
  const onConnection = (client: net.Socket) => {
    sockets.add(client);
    client.on('close', () => sockets.delete(client));
    client.on('error', () => {});
    if (mode !== 'up') {
      if (mode === 'refuse') client.destroy();
      return; // blackhole: accepted, never answered
    }
    const upstream = net.connect(target.port, target.host);
    sockets.add(upstream);
    upstream.on('close', () => sockets.delete(upstream));
    upstream.on('error', () => client.destroy());
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
    // Forward only while up: in a blackhole the bytes are dropped.
    client.on('data', (d) => {
      if (mode === 'up') upstream.write(d);
    });
    upstream.on('data', (d) => {
      if (mode === 'up') client.write(d);
    });
  };
  let server = net.createServer(onConnection);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as net.AddressInfo).port;
  const closeListener = () => new Promise<void>((r) => server.close(() => r()));
  return {
    port,
    async refuse() {
      mode = 'refuse';
      const closed = closeListener();
      for (const s of sockets) s.destroy();
      await closed;
    },
    blackhole() {
      mode = 'blackhole';
    },
    async restore() {
      const wasRefusing = mode === 'refuse';
      if (mode === 'blackhole') for (const s of sockets) s.destroy(); // the partition broke those
      mode = 'up';
      if (wasRefusing) {
        server = net.createServer(onConnection);
        await new Promise<void>((r) => server.listen(port, '127.0.0.1', r));
      }
    },
    async close() {
      for (const s of sockets) s.destroy();
      if (server.listening) await closeListener();
    },
  };
}
