import { describe, expect, it } from "vitest";
import { ApiError, CSRF_HEADER, createApiClient, readCookie, toQuery } from "./client.ts";

interface Call {
  url: string;
  init: RequestInit | undefined;
}

function recorder(answer: (url: string) => Response) {
  const calls: Call[] = [];
  const fetch = async (url: string, init?: RequestInit) => {
    calls.push({ url, init });
    return answer(url);
  };
  return { calls, fetch };
}

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });

const headersOf = (call: Call | undefined) => {
  const headers = new Headers(call?.init?.headers);
  return {
    [CSRF_HEADER]: headers.get(CSRF_HEADER) ?? undefined,
    "Content-Type": headers.get("Content-Type") ?? undefined,
  };
};

describe("readCookie", () => {
  it("finds a cookie among others and decodes it", () => {
    expect(readCookie("a=1; closeout_csrf=abc%3D%3D; b=2", "closeout_csrf")).toBe("abc==");
  });
  it("does not match a cookie whose name merely ends the same", () => {
    expect(readCookie("xcloseout_csrf=nope", "closeout_csrf")).toBeNull();
  });
  it("returns null for an empty cookie string", () => {
    expect(readCookie("", "closeout_csrf")).toBeNull();
  });
});

describe("CSRF double submit", () => {
  it("sends the closeout_csrf cookie as X-CSRF-Token on POST, same-origin credentials", async () => {
    const { calls, fetch } = recorder(() => json(201, { user: { id: "u1" } }));
    const client = createApiClient({ fetch, cookies: () => "closeout_csrf=tok123" });
    await client.signup("a@example.com", "correct horse battery");
    expect(calls[0]?.url).toBe("/api/auth/signup");
    expect(calls[0]?.init?.method).toBe("POST");
    expect(calls[0]?.init?.credentials).toBe("same-origin");
    expect(headersOf(calls[0])[CSRF_HEADER]).toBe("tok123");
    expect(JSON.parse(String(calls[0]?.init?.body))).toEqual({
      email: "a@example.com",
      password: "correct horse battery",
    });
  });

  it("sends an invite code with a sign-up only when there is one; reads the sign-up mode", async () => {
    const { calls, fetch } = recorder((url) =>
      url.endsWith("/options") ? json(200, { signup: "invite" }) : json(201, { user: { id: "u1" } }),
    );
    const client = createApiClient({ fetch, cookies: () => "closeout_csrf=t" });
    await client.signup("a@example.com", "correct horse battery", "code123");
    expect(JSON.parse(String(calls[0]?.init?.body))).toMatchObject({ invite: "code123" });
    expect(await client.signupOptions()).toEqual({ signup: "invite" });
    expect(calls[1]?.url).toBe("/api/auth/options");
  });

  it("sends the header on PUT and DELETE too", async () => {
    const { calls, fetch } = recorder(() => new Response(null, { status: 204 }));
    const client = createApiClient({ fetch, cookies: () => "closeout_csrf=t" });
    await client.deleteLink("l 1");
    await client.deleteAccount("pw");
    expect(calls.map((c) => c.init?.method)).toEqual(["DELETE", "DELETE"]);
    expect(calls[0]?.url).toBe("/api/links/l%201");
    expect(calls.every((c) => headersOf(c)[CSRF_HEADER] === "t")).toBe(true);
  });

  it("signs out everywhere with a POST to /api/me/sessions/revoke, CSRF header included", async () => {
    const { calls, fetch } = recorder(() => new Response(null, { status: 204 }));
    const client = createApiClient({ fetch, cookies: () => "closeout_csrf=t" });
    await client.logoutEverywhere();
    expect(calls[0]?.url).toBe("/api/me/sessions/revoke");
    expect(calls[0]?.init?.method).toBe("POST");
    expect(headersOf(calls[0])[CSRF_HEADER]).toBe("t");
  });

  it("does not send the header on GET", async () => {
    const { calls, fetch } = recorder(() => json(200, { links: [] }));
    const client = createApiClient({ fetch, cookies: () => "closeout_csrf=t" });
    await client.links();
    expect(headersOf(calls[0])[CSRF_HEADER]).toBeUndefined();
    expect(calls[0]?.init?.credentials).toBe("same-origin");
  });

  it("under https echoes the __Host-closeout_csrf cookie", async () => {
    const { calls, fetch } = recorder(() => new Response(null, { status: 204 }));
    const client = createApiClient({
      fetch,
      cookies: () => "closeout_csrf=stale; __Host-closeout_csrf=bound",
    });
    await client.logout();
    expect(headersOf(calls[0])[CSRF_HEADER]).toBe("bound");
  });

  it("reads the cookie at request time, not at creation", async () => {
    let jar = "";
    const { calls, fetch } = recorder(() => new Response(null, { status: 204 }));
    const client = createApiClient({ fetch, cookies: () => jar });
    jar = "closeout_csrf=later";
    await client.logout();
    expect(headersOf(calls[0])[CSRF_HEADER]).toBe("later");
  });
});

describe("errors", () => {
  it("turns the error body into an ApiError with code, message and fields", async () => {
    const { fetch } = recorder(() =>
      json(400, {
        error: { code: "validation", message: "Check the form.", fields: { email: "Not an e-mail." } },
      }),
    );
    const client = createApiClient({ fetch });
    const error = await client.login("x", "y").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(400);
    expect((error as ApiError).code).toBe("validation");
    expect((error as ApiError).fields).toEqual({ email: "Not an e-mail." });
  });

  it("reports a network failure as code network", async () => {
    const client = createApiClient({
      fetch: async () => {
        throw new TypeError("failed");
      },
    });
    const error = (await client.me().catch((e: unknown) => e)) as ApiError;
    expect(error.code).toBe("network");
    expect(error.status).toBe(0);
  });

  it("copes with a non-JSON error page", async () => {
    const { fetch } = recorder(() => new Response("<html>bad gateway</html>", { status: 502 }));
    const error = (await createApiClient({ fetch })
      .me()
      .catch((e: unknown) => e)) as ApiError;
    expect(error.code).toBe("http-502");
  });
});

describe("query strings", () => {
  it("drops empty values and keeps the rest", () => {
    expect(toQuery({ symbol: "AAPL", side: undefined, from: "", limit: 50 })).toBe("?symbol=AAPL&limit=50");
    expect(toQuery({})).toBe("");
  });

  it("puts filters, sort and cursor on GET /api/trades", async () => {
    const { calls, fetch } = recorder(() => json(200, { trades: [], nextCursor: null }));
    await createApiClient({ fetch }).trades({ symbol: "MSFT", outcome: "win" }, "-closedAt", "c2", 50);
    expect(calls[0]?.url).toBe("/api/trades?symbol=MSFT&outcome=win&sort=-closedAt&cursor=c2&limit=50");
  });

  it("asks GET /api/stats for the light answer, or for more with detail", async () => {
    const { calls, fetch } = recorder(() => json(200, {}));
    const client = createApiClient({ fetch });
    await client.stats({ symbol: "MSFT" });
    await client.stats({}, "symbols");
    expect(calls.map((c) => c.url)).toEqual(["/api/stats?symbol=MSFT", "/api/stats?detail=symbols"]);
  });

  it("builds the CSV download link without empty filters", () => {
    const client = createApiClient({ baseUrl: "https://closeout.example" });
    expect(client.tradesCsvUrl({ symbol: "AAPL", side: undefined, from: "" })).toBe(
      "https://closeout.example/api/trades.csv?symbol=AAPL",
    );
    expect(createApiClient().tradesCsvUrl({})).toBe("/api/trades.csv");
  });

  it("encodes path parameters", async () => {
    const { calls, fetch } = recorder(() => json(200, { handle: "a b" }));
    await createApiClient({ fetch }).publicProfile("a b/c");
    expect(calls[0]?.url).toBe("/api/public/a%20b%2Fc");
  });

  it("posts an older statement as XML", async () => {
    const { calls, fetch } = recorder(() =>
      json(200, { executionsAdded: 3, executionsExisting: 0, tradesRebuilt: 1, issues: [] }),
    );
    await createApiClient({ fetch, cookies: () => "closeout_csrf=t" }).importStatement(
      "<FlexQueryResponse/>",
    );
    expect(headersOf(calls[0])["Content-Type"]).toBe("application/xml");
    expect(calls[0]?.init?.body).toBe("<FlexQueryResponse/>");
    expect(calls[0]?.init?.credentials).toBe("same-origin");
    expect(headersOf(calls[0])[CSRF_HEADER]).toBe("t");
  });
});
