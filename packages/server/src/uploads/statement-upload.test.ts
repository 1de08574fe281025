// POST /api/accounts/import under abuse: a body past the size limit (declared or streamed), hostile XML read
// on the worker, a worker out of memory, and a second upload of the same user while one is being read.
import { generateStatement } from "@closeout/flex-sim";
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  createTestApp,
  signUp,
  TEST_ORIGIN,
  type TestApp,
  type TestClient,
} from "../api/api-test-support.ts";
import { AppError } from "../app-error.ts";
import { DB_KINDS, dbKindEnabled, releaseTestPostgres } from "../test-support/test-database.ts";
import { checkStatementOffThread } from "./check-statement-off-thread.ts";

afterAll(releaseTestPostgres);

const XML = generateStatement({
  seed: 21,
  accounts: ["U5550001"],
  executions: 60,
  fromDate: "2025-01-02",
  toDate: "2025-12-31",
});
const OTHER_XML = generateStatement({
  seed: 22,
  accounts: ["U5550002"],
  executions: 60,
  fromDate: "2025-01-02",
  toDate: "2025-12-31",
});
const LIMIT = 1024 * 1024;

/** The upload as the web app sends it, with any body (a stream, bytes, text). */
function upload(
  t: TestApp,
  client: TestClient,
  body: RequestInit["body"],
  headers: Record<string, string> = {},
) {
  return t.app.request("/api/accounts/import", {
    method: "POST",
    headers: {
      Cookie: [...client.cookies].map(([k, v]) => `${k}=${v}`).join("; "),
      "X-CSRF-Token": client.cookies.get("closeout_csrf") ?? "",
      Origin: TEST_ORIGIN,
      "Content-Type": "application/xml",
      ...headers,
    },
    body,
    duplex: "half",
  } as RequestInit);
}

async function errorOf(response: Response): Promise<{ status: number; code: string; message: string }> {
  const body = (await response.json()) as { error: { code: string; message: string } };
  return { status: response.status, ...body.error };
}

/** A body that never ends, counting what the server pulled from it. */
function endlessBody(piece: string) {
  const bytes = new TextEncoder().encode(piece);
  let pulled = 0;
  const stream = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        pulled += bytes.byteLength;
        controller.enqueue(bytes);
      },
    },
    { highWaterMark: 0 },
  );
  return { stream, pulled: () => pulled };
}

describe.each(DB_KINDS)("statement upload limits on %s", (kind) => {
  let t: TestApp;
  beforeEach(async () => {
    if (dbKindEnabled(kind)) t = await createTestApp(kind, { uploadMaxBytes: LIMIT });
  });
  afterEach(async () => {
    if (dbKindEnabled(kind)) await t.close();
  });
  const test = it.skipIf(!dbKindEnabled(kind));

  async function accountsOf(client: TestClient): Promise<unknown[]> {
    return (await client.get("/api/accounts")).json.accounts;
  }

  test("a declared body past the limit is refused with 413 before it is read", async () => {
    const { client } = await signUp(t);
    const body = endlessBody("x".repeat(64 * 1024));
    const res = await upload(t, client, body.stream, { "Content-Length": String(LIMIT + 1) });
    const error = await errorOf(res);
    expect(error).toEqual({
      status: 413,
      code: "payload-too-large",
      message:
        "The statement is larger than the upload limit of 1 MB (CLOSEOUT_UPLOAD_MAX_MB); upload a shorter date range.",
    });
    expect(body.pulled()).toBe(0);
  });

  test("an endless body is cut off at the limit while it streams", async () => {
    const { client } = await signUp(t);
    const body = endlessBody(`<FlexQueryResponse>${"<a/>".repeat(16 * 1024)}`);
    const error = await errorOf(await upload(t, client, body.stream));
    expect(error.status).toBe(413);
    expect(error.code).toBe("payload-too-large");
    // Read up to the limit and one piece past it, then no more.
    expect(body.pulled()).toBeGreaterThan(LIMIT);
    expect(body.pulled()).toBeLessThanOrEqual(LIMIT + 2 * 65_555);
    expect(await accountsOf(client)).toEqual([]);
  });

  test.each([
    ["deep nesting", `<FlexQueryResponse>${"<a>".repeat(200_000)}`, "nesting-too-deep", "more than 32 deep"],
    [
      "a tag with too many attributes",
      XML.replace("<Trade ", `<Trade ${Array.from({ length: 5000 }, (_, i) => `x${i}="1"`).join(" ")} `),
      "too-many-attributes",
      "more than 1024 attributes",
    ],
    ["not XML", "hello", "malformed-xml", "not well-formed"],
  ])(
    "%s is refused with 400 by the worker's parse, and nothing is stored",
    async (_what, body, code, says) => {
      const { client } = await signUp(t);
      const error = await errorOf(await upload(t, client, body));
      expect(error.status).toBe(400);
      expect(error.code).toBe(code);
      expect(error.message).toContain(says);
      expect(await accountsOf(client)).toEqual([]);
    },
  );

  test("an empty body is a validation error", async () => {
    const { client } = await signUp(t);
    const error = await errorOf(await upload(t, client, "  \n"));
    expect([error.status, error.code]).toEqual([400, "validation"]);
  });

  test("one upload at a time per user: a second one while the first is read gets 409", async () => {
    const a = await signUp(t);
    const b = await signUp(t);
    const bytes = new TextEncoder().encode(XML);
    let reading!: () => void;
    const readingStarted = new Promise<void>((resolve) => {
      reading = resolve;
    });
    let finish!: () => void;
    const finished = new Promise<void>((resolve) => {
      finish = resolve;
    });
    let sent = 0;
    const slow = new ReadableStream<Uint8Array>(
      {
        async pull(controller) {
          if (sent === 0) {
            sent = 1;
            reading();
            controller.enqueue(bytes.subarray(0, 100));
            return;
          }
          await finished;
          controller.enqueue(bytes.subarray(100));
          controller.close();
        },
      },
      { highWaterMark: 0 },
    );
    const first = upload(t, a.client, slow);
    await readingStarted;

    const second = await errorOf(await upload(t, a.client, XML));
    expect(second.status).toBe(409);
    expect(second.code).toBe("upload-in-progress");
    expect(second.message).toMatch(/^Another statement upload of yours is still being read/);
    // Another user is not held up.
    expect((await upload(t, b.client, OTHER_XML)).status).toBe(200);

    finish();
    expect((await first).status).toBe(200);
    // The gate is open again once the first upload is done.
    const again = await upload(t, a.client, XML);
    expect(again.status).toBe(200);
    expect(((await again.json()) as { executionsAdded: number }).executionsAdded).toBe(0);
  });
});

describe("the checking worker", () => {
  it("answers 413 when a statement needs more memory than its heap limit, and the process carries on", async () => {
    const big = generateStatement({
      seed: 23,
      accounts: 1,
      executions: 40_000,
      fromDate: "2025-01-02",
      toDate: "2025-12-31",
    });
    const bytes = new TextEncoder().encode(big);
    const error = await checkStatementOffThread(bytes, {}, 16).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).httpStatus).toBe(413);
    expect((error as AppError).message).toMatch(/more memory than an upload may use/);
    // With its normal heap the same statement passes, and a small one passes with the small heap.
    await expect(checkStatementOffThread(bytes)).resolves.toBeUndefined();
    const small = new TextEncoder().encode(XML);
    await expect(checkStatementOffThread(small, {}, 16)).resolves.toBeUndefined();
  });
});
