// The loopback server's framing: Postgres messages split across many TCP chunks, or several in one chunk,
// reach PGlite whole and in order, and a multi-megabyte parameter arrives intact.
import { createHash, randomBytes } from "node:crypto";
import { connect, type Socket } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type PgliteServer, servePglite } from "./serve-pglite.ts";

let db: PGlite;
let server: PgliteServer;
beforeAll(async () => {
  db = await PGlite.create();
  server = await servePglite(db);
});
afterAll(async () => {
  await server.stop();
  await db.close();
});

function startupMessage(): Buffer {
  const params = Buffer.from("user\0postgres\0database\0postgres\0\0", "utf8");
  const head = Buffer.alloc(8);
  head.writeInt32BE(8 + params.length, 0);
  head.writeInt32BE(196608, 4); // protocol 3.0
  return Buffer.concat([head, params]);
}

function queryMessage(sql: string): Buffer {
  const text = Buffer.from(`${sql}\0`, "utf8");
  const head = Buffer.alloc(5);
  head.write("Q", 0);
  head.writeInt32BE(4 + text.length, 1);
  return Buffer.concat([head, text]);
}

/** The text of every DataRow's first column, until `count` ReadyForQuery messages have come back. */
function readRows(socket: Socket, count: number): Promise<string[]> {
  return new Promise((resolve, reject) => {
    let buffer = Buffer.alloc(0);
    let ready = 0;
    const rows: string[] = [];
    socket.on("error", reject);
    socket.on("data", (chunk: Buffer) => {
      buffer = Buffer.concat([buffer, chunk]);
      while (buffer.length >= 5) {
        const length = 1 + buffer.readInt32BE(1);
        if (buffer.length < length) break;
        const type = String.fromCharCode(buffer[0] ?? 0);
        if (type === "D") {
          const size = buffer.readInt32BE(7);
          rows.push(buffer.subarray(11, 11 + size).toString("utf8"));
        }
        if (type === "Z" && ++ready === count) return resolve(rows);
        buffer = buffer.subarray(length);
      }
    });
  });
}

describe("servePglite", () => {
  it("reassembles messages cut into single bytes, and splits several sent in one chunk", async () => {
    const [host, port] = server.address.split(":");
    const socket = connect(Number(port), host);
    await new Promise((resolve) => socket.once("connect", resolve));
    socket.setNoDelay(true);
    // 1 ReadyForQuery after the startup, then one per query.
    const rows = readRows(socket, 4);
    const bytes = Buffer.concat([startupMessage(), queryMessage("select 40 + 2")]);
    for (const byte of bytes) {
      socket.write(Buffer.from([byte]));
      await sleep(1);
    }
    socket.write(Buffer.concat([queryMessage("select 'a' || 'b'"), queryMessage("select 7 * 6")]));
    expect(await rows).toEqual(["42", "ab", "42"]);
    socket.destroy();
  });

  it("passes a multi-megabyte parameter through intact", async () => {
    const client = new pg.Client(`postgres://postgres@${server.address}/postgres`);
    await client.connect();
    try {
      const bytes = randomBytes(9 * 1024 * 1024);
      const { rows } = await client.query<{ md5: string; n: number }>(
        "select md5($1::bytea) as md5, length($1::bytea) as n",
        [bytes],
      );
      expect(rows[0]).toEqual({ md5: createHash("md5").update(bytes).digest("hex"), n: bytes.length });
    } finally {
      await client.end();
    }
  });
});
