import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { Socket } from "node:net";
import { flexErrorEnvelope, flexSuccessEnvelope } from "./flex-errors.ts";
import { type FlexSimQuery, FlexSimRegistry, type StatementDelivery } from "./flex-sim-registry.ts";
import { generateStatementChunks } from "./generate-statement.ts";

export interface StartFlexSimOptions {
  /** 0 (default) picks a free port. */
  readonly port?: number;
  readonly host?: "127.0.0.1";
  readonly seed: number;
  /** Clock for pacing checks and envelope timestamps; tests may pass a fake one. */
  readonly now?: () => number;
}

export interface FlexSim {
  readonly url: string;
  readonly registry: FlexSimRegistry;
  close(): Promise<void>;
}

const BASE_PATH = "/AccountManagement/FlexWebService";
const XML_TYPE = "text/xml;charset=utf-8";

function statementChunks(query: FlexSimQuery, seed: number): Iterable<string> {
  if (query.xml !== undefined) return [query.xml];
  return generateStatementChunks({
    seed: query.seed ?? seed,
    accounts: query.accounts ?? 1,
    executions: query.executions ?? 200,
    fromDate: query.fromDate ?? "2025-01-02",
    toDate: query.toDate ?? "2025-12-31",
    omitSections: query.omitSections ?? [],
    accountSections: query.accountSections ?? false,
  });
}

/** Writes with backpressure, so a 50 MB generated statement streams instead of piling up in memory. */
async function writeChunk(res: ServerResponse, chunk: string | Buffer): Promise<boolean> {
  if (res.destroyed) return false;
  if (res.write(chunk)) return true;
  return new Promise((resolve) => {
    const done = (ok: boolean) => () => {
      res.off("drain", onDrain);
      res.off("close", onClose);
      resolve(ok);
    };
    const onDrain = done(true);
    const onClose = done(false);
    res.once("drain", onDrain).once("close", onClose);
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function sendStatement(
  res: ServerResponse,
  chunks: Iterable<string>,
  delivery: StatementDelivery,
): Promise<void> {
  if (delivery.kind === "whole") {
    res.writeHead(200, { "content-type": XML_TYPE });
    for (const chunk of chunks) if (!(await writeChunk(res, chunk))) return;
    res.end();
    return;
  }
  const body = Buffer.from([...chunks].join(""), "utf8");
  res.writeHead(200, { "content-type": XML_TYPE, "content-length": String(body.length) });
  if (delivery.kind === "truncated") {
    await writeChunk(res, body.subarray(0, Math.floor(body.length / 2)));
    // A dropped connection mid-body: the client sees fewer bytes than Content-Length promised.
    setTimeout(() => res.destroy(), 10);
    return;
  }
  for (let offset = 0; offset < body.length; offset += delivery.bytesPerTick) {
    if (!(await writeChunk(res, body.subarray(offset, offset + delivery.bytesPerTick)))) return;
    await sleep(delivery.intervalMs);
  }
  res.end();
}

/** A fake IB Flex Web Service v3 on loopback: same paths, envelopes, error codes and pacing as IB. */
export async function startFlexSim(options: StartFlexSimOptions): Promise<FlexSim> {
  const now = options.now ?? Date.now;
  const registry = new FlexSimRegistry(options.seed, now);
  const sockets = new Set<Socket>();
  let base = "";

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? "/", base);
    const endpoint =
      url.pathname === `${BASE_PATH}/SendRequest`
        ? "SendRequest"
        : url.pathname === `${BASE_PATH}/GetStatement`
          ? "GetStatement"
          : null;
    if (!endpoint || (req.method !== "GET" && req.method !== "POST")) {
      res.writeHead(404, { "content-type": "text/plain" }).end("Not Found");
      return;
    }
    const params = url.searchParams;
    const decision = registry.handle(endpoint, params.get("t"), params.get("q"), params.get("v"));
    switch (decision.type) {
      case "timeout":
        return; // never answered; close() tears the socket down
      case "http-500":
        res
          .writeHead(500, { "content-type": "text/html" })
          .end("<html><body>Internal Server Error</body></html>");
        return;
      case "error":
        res.writeHead(200, { "content-type": XML_TYPE }).end(flexErrorEnvelope(decision.code, now()));
        return;
      case "reference":
        res
          .writeHead(200, { "content-type": XML_TYPE })
          .end(flexSuccessEnvelope(decision.referenceCode, `${base}${BASE_PATH}/GetStatement`, now()));
        return;
      case "statement":
        await sendStatement(res, statementChunks(decision.query, options.seed), decision.delivery);
    }
  };

  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      // Deliberately silent: request URLs carry the token, which must never reach a log.
      if (!res.headersSent) res.writeHead(500).end();
      else res.destroy();
    });
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, options.host ?? "127.0.0.1", () => resolve());
  });
  const address = server.address();
  if (!address || typeof address === "string") throw new Error("flex-sim did not get a TCP address");
  base = `http://${options.host ?? "127.0.0.1"}:${address.port}`;
  return {
    url: base,
    registry,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
