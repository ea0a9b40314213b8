import net from 'node:net';

export interface PortRange {
  min: number;
  max: number;
}

/**
 * `count` distinct free TCP ports on the loopback interface. Without a range the system picks them
 * (from its ephemeral range); with one, random ports in it are tried. Every listener stays open until
 * all are found, so no port is handed out twice.
 */
export async function freePorts(count: number, range?: PortRange): Promise<number[]> {
  const servers: net.Server[] = [];
  try {
    const ports: number[] = [];
    for (let tries = 0; ports.length < count; tries++) {
      if (tries > count * 50)
        throw new Error(`no ${count} free ports between ${range?.min} and ${range?.max}`);
      const wanted = range ? range.min + Math.floor(Math.random() * (range.max - range.min + 1)) : 0;
      const server = net.createServer();
      const port = await listen(server, wanted);
      if (port === undefined) continue;
      servers.push(server);
      ports.push(port);
    }
    return ports;
  } finally {
    await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  }
}

/** The port listened on, or undefined if it was taken. */
function listen(server: net.Server, port: number): Promise<number | undefined> {
  return new Promise((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) =>
      err.code === 'EADDRINUSE' ? resolve(undefined) : reject(err),
    );
    server.listen(port, '127.0.0.1', () => {
      const address = server.address();
      if (typeof address === 'object' && address) resolve(address.port);
      else reject(new Error('no port'));
    });
  });
}
