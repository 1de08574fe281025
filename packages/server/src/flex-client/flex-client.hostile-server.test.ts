// The Flex client against a Flex host that misbehaves on purpose, over real HTTP on loopback: a redirect (to a
// host the allow-list would refuse) is never followed, and a body that never ends is cut off at the size cap.
// Neither error may carry the token.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { testFlexClient } from "../sync/sync-test-kit.ts";
import { FlexServiceError } from "./flex-service-error.ts";

const TOKEN = "hostileTOKENsecret00000000";
const servers: Server[] = [];

afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
});

async function listen(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<string> {
  const server = createServer(handler);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function envelope(base: string): string {
  return (
    "<FlexStatementResponse><Status>Success</Status><ReferenceCode>1234567890</ReferenceCode>" +
    `<Url>${base}/GetStatement</Url></FlexStatementResponse>`
  );
}

async function failure(
  base: string,
  options: { maxStatementBytes?: number } = {},
): Promise<FlexServiceError> {
  const error = await testFlexClient({ url: base }, { ...options, baseUrl: base })
    .fetchStatement({ token: TOKEN, queryId: "42" })
    .then(
      () => null,
      (e: unknown) => e,
    );
  expect(error).toBeInstanceOf(FlexServiceError);
  const visible = `${(error as Error).message} ${(error as Error).stack ?? ""} ${JSON.stringify(error)}`;
  expect(visible).not.toContain("secret");
  return error as FlexServiceError;
}

/** Writes 64 KiB pieces, honouring back-pressure, until the client goes away; resolves with the bytes sent. */
function endless(res: ServerResponse): Promise<number> {
  return new Promise((resolve) => {
    const piece = Buffer.alloc(64 * 1024, "<a/>");
    let sent = 0;
    let open = true;
    res.once("close", () => {
      open = false;
      resolve(sent);
    });
    res.writeHead(200, { "Content-Type": "text/xml" });
    res.write("<FlexQueryResponse>");
    const pump = () => {
      while (open) {
        sent += piece.length;
        if (!res.write(piece)) {
          res.once("drain", pump);
          return;
        }
      }
    };
    pump();
  });
}

describe("flex client against a hostile Flex host", () => {
  it.each(["SendRequest", "GetStatement"])(
    "refuses a redirect from %s and never asks the target",
    async (at) => {
      let targetHits = 0;
      const target = await listen((_req, res) => {
        targetHits++;
        res.end(envelope("http://127.0.0.1:9"));
      });
      const base = await listen((req, res) => {
        if (req.url?.startsWith(`/${at}`)) {
          res.writeHead(302, { Location: `${target}/${at}?stolen=1` });
          res.end();
        } else res.end(envelope(base));
      });
      const error = await failure(base);
      expect(error.kind).toBe("disallowed-host");
      expect(error.retry).toBe("fatal");
      expect(error.message).toMatch(/answered with a redirect/);
      expect(targetHits).toBe(0);
    },
  );

  it("cuts off an endless statement at the size cap and says it is too large", async () => {
    let sent: Promise<number> = Promise.resolve(0);
    const base = await listen((req, res) => {
      if (req.url?.startsWith("/SendRequest")) res.end(envelope(base));
      else sent = endless(res);
    });
    const error = await failure(base, { maxStatementBytes: 1024 * 1024 });
    expect(error.kind).toBe("too-large");
    expect(error.retry).toBe("fatal");
    expect(error.message).toBe(
      "The statement from IB is larger than 1 MB (CLOSEOUT_FLEX_MAX_MB), so closeout did not read it; " +
        "shorten the Flex query's period or raise the limit.",
    );
    // The client hung up: the server's endless writer stopped, having sent a few socket buffers past the cap.
    expect(await sent).toBeLessThan(32 * 1024 * 1024);
  });

  it("caps IB's answer to SendRequest too (a few lines, never megabytes)", async () => {
    const base = await listen((_req, res) => {
      void endless(res);
    });
    const error = await failure(base);
    expect(error.kind).toBe("too-large");
    expect(error.message).toMatch(/larger than 1 MB/);
  });

  it("reads a statement within the cap", async () => {
    const statement = `<FlexQueryResponse>${" ".repeat(500_000)}</FlexQueryResponse>`;
    const base = await listen((req, res) => {
      res.end(req.url?.startsWith("/SendRequest") ? envelope(base) : statement);
    });
    const fetched = await testFlexClient(
      { url: base },
      { baseUrl: base, maxStatementBytes: 1024 * 1024 },
    ).fetchStatement({ token: TOKEN, queryId: "42" });
    expect(fetched.xml).toBe(statement);
  });
});
