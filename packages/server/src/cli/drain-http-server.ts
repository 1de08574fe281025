// Graceful close of a node:http server: stop accepting, let requests in flight finish, and close keep-alive
// connections as soon as they are idle (a keep-alive client would otherwise hold the server open until its
// timeout). Answers sent while closing say `Connection: close`. closeAll() is for the deadline.
import type { Server, ServerResponse } from "node:http";

export interface HttpDrain {
  /** Resolves once every connection is closed. */
  close(): Promise<void>;
  /** Cuts the connections still open (requests in flight included). */
  closeAll(): void;
  /** Requests whose answer has not finished yet. */
  readonly inFlight: number;
}

export function trackHttpDrain(server: Server): HttpDrain {
  const open = new Set<ServerResponse>();
  let closing: Promise<void> | null = null;
  server.on("request", (_req, res: ServerResponse) => {
    if (closing !== null) res.shouldKeepAlive = false;
    open.add(res);
    res.once("close", () => open.delete(res));
    res.once("finish", () => {
      if (closing !== null) setImmediate(() => server.closeIdleConnections());
    });
  });
  return {
    close() {
      closing ??= new Promise<void>((done) => {
        for (const res of open) if (!res.headersSent) res.shouldKeepAlive = false;
        server.close(() => done());
        server.closeIdleConnections();
      });
      return closing;
    },
    closeAll() {
      server.closeAllConnections();
    },
    get inFlight() {
      return open.size;
    },
  };
}
