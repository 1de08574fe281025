// Serves one PGlite instance to several `pg` connections on loopback. PGlite is a single Postgres session, so
// the connections must take turns, and a turn has to be a whole protocol exchange: pglite-socket 0.2.17
// interleaves single messages of different connections, and under concurrency one connection's Bind then
// meets another's Parse (unnamed statements are per session) — wrong rows or errors. Here a turn runs every
// message up to Sync (or a simple Query), and a connection that leaves a transaction open keeps the turn
// until the transaction ends, so transactions are serialised as if the database allowed one writer.
import { createServer, type Server, type Socket } from "node:net";
import type { PGlite } from "@electric-sql/pglite";

const SSL_REQUEST = 80877103;
const CANCEL_REQUEST = 80877102;
const GSS_REQUEST = 80877104;

export interface PgliteServer {
  /** "127.0.0.1:PORT" */
  readonly address: string;
  stop(): Promise<void>;
}

interface Connection {
  readonly socket: Socket;
  closed: boolean;
}

export async function servePglite(
  db: PGlite,
  options: { host?: string; port?: number; maxConnections?: number } = {},
): Promise<PgliteServer> {
  const host = options.host ?? "127.0.0.1";
  let owner: Connection | null = null;
  const waiting: (() => void)[] = [];
  const sockets = new Set<Socket>();

  async function takeTurn(conn: Connection): Promise<void> {
    if (owner === conn) return;
    while (owner !== null) await new Promise<void>((resolve) => waiting.push(resolve));
    owner = conn;
  }

  function endTurn(conn: Connection): void {
    if (owner !== conn) return;
    if (!conn.closed && db.isInTransaction()) return;
    owner = null;
    for (const wake of waiting.splice(0)) wake();
  }

  async function run(conn: Connection, messages: readonly Uint8Array[]): Promise<void> {
    await takeTurn(conn);
    try {
      await db.runExclusive(async () => {
        for (const message of messages) {
          await db.execProtocolRawStream(message, {
            onRawData: (data) => {
              if (!conn.closed && data.length > 0) conn.socket.write(Buffer.from(data));
            },
          });
        }
      });
    } finally {
      endTurn(conn);
    }
  }

  async function release(conn: Connection): Promise<void> {
    conn.closed = true;
    if (owner === conn && db.isInTransaction()) await db.exec("rollback").catch(() => {});
    endTurn(conn);
  }

  function handle(socket: Socket): void {
    sockets.add(socket);
    socket.setNoDelay(true);
    const conn: Connection = { socket, closed: false };
    // Unparsed bytes, as received. A large message (a 5,000-row INSERT, a compressed statement) arrives in
    // many 64 KB chunks: they are joined once the message is complete (`needed` bytes), because joining on
    // every chunk copied the growing buffer each time, quadratic in the message size.
    let chunks: Buffer[] = [];
    let received = 0;
    let needed = 0;
    let started = false;
    let batch: Uint8Array[] = [];
    let chain: Promise<void> = Promise.resolve();
    const enqueue = (messages: Uint8Array[]) => {
      chain = chain
        .then(() => (conn.closed ? undefined : run(conn, messages)))
        .catch(() => {
          socket.destroy();
        });
    };

    socket.on("data", (chunk: Buffer) => {
      chunks.push(chunk);
      received += chunk.length;
      if (received < needed) return;
      let buffer = chunks.length === 1 ? chunk : Buffer.concat(chunks, received);
      const wait = (bytes: number) => {
        chunks = buffer.length === 0 ? [] : [buffer];
        received = buffer.length;
        needed = bytes;
      };
      for (;;) {
        if (!started) {
          if (buffer.length < 8) return wait(8);
          const length = buffer.readInt32BE(0);
          if (buffer.length < length) return wait(length);
          const code = buffer.readInt32BE(4);
          const message = buffer.subarray(0, length);
          buffer = buffer.subarray(length);
          if (code === SSL_REQUEST || code === GSS_REQUEST) {
            socket.write("N");
            continue;
          }
          if (code === CANCEL_REQUEST) {
            socket.destroy();
            return;
          }
          started = true;
          enqueue([new Uint8Array(message)]);
          continue;
        }
        if (buffer.length < 5) return wait(5);
        const type = String.fromCharCode(buffer[0] ?? 0);
        const length = 1 + buffer.readInt32BE(1);
        if (buffer.length < length) return wait(length);
        const message = new Uint8Array(buffer.subarray(0, length));
        buffer = buffer.subarray(length);
        if (type === "X") {
          // Terminate would end PGlite's only session; the client is just closing its connection.
          socket.end();
          return;
        }
        batch.push(message);
        if (type === "S" || type === "Q" || type === "H") {
          enqueue(batch);
          batch = [];
        }
      }
    });
    const close = () => {
      sockets.delete(socket);
      chain = chain.then(() => release(conn));
    };
    socket.on("close", close);
    socket.on("error", () => socket.destroy());
  }

  const server: Server = createServer(handle);
  server.maxConnections = options.maxConnections ?? 100;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("PGlite server has no TCP address");
  return {
    address: `${host}:${address.port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
