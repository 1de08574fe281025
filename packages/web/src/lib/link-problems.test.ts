import { describe, expect, it } from "vitest";
import { ApiError } from "../api/client.ts";
import { problemsFromCheck, problemsFromError, validateLinkForm } from "./link-problems.ts";

describe("problemsFromCheck", () => {
  it("names missing sections as IB's screen does", () => {
    const problems = problemsFromCheck({
      ok: false,
      missingSections: ["OptionEAE", "SecuritiesInfo"],
      missingFields: ["Trades.dateTime"],
      missingRecommended: [],
      warnings: ["The statement covers 30 days; choose Last 365 Calendar Days."],
      problems: [],
    });
    expect(problems.map((p) => p.title)).toEqual([
      "Section missing: Option Exercises, Assignments and Expirations",
      "Section missing: Financial Instrument Information",
      "Trades have no time of day",
      "Worth a look",
    ]);
    expect(problems.map((p) => p.blocking)).toEqual([true, true, true, false]);
    expect(problems[2]?.step).toBe("delivery");
  });
  it("is empty for a complete query", () => {
    expect(
      problemsFromCheck({
        ok: true,
        missingSections: [],
        missingFields: [],
        missingRecommended: [],
        warnings: [],
        problems: [],
      }),
    ).toEqual([]);
  });
});

describe("problemsFromError", () => {
  it("explains an expired token with the server's message", () => {
    const error = new ApiError(422, {
      error: { code: "token-expired", message: "The Flex token has expired." },
    });
    const [problem] = problemsFromError(error);
    expect(problem?.kind).toBe("token-expired");
    expect(problem?.step).toBe("token");
    expect(problem?.detail).toBe("The Flex token has expired.");
  });
  it("reads the IB error code of a failed test pull", () => {
    const error = new ApiError(422, {
      error: {
        code: "flex-link-failed",
        message: "The token is restricted to another IP address.",
        ibErrorCode: "1013",
      },
    });
    expect(problemsFromError(error)[0]?.kind).toBe("ip-restricted");
    const expired = new ApiError(422, {
      error: { code: "flex-link-failed", message: "x", ibErrorCode: "1012" },
    });
    expect(problemsFromError(expired)[0]?.kind).toBe("token-expired");
  });
  it("prefers the query check a refusal carries", () => {
    const error = new ApiError(422, {
      error: {
        code: "flex-query-incomplete",
        message: "x",
        check: {
          ok: false,
          missingSections: ["Trades"],
          missingFields: [],
          missingRecommended: [],
          warnings: [],
          problems: [],
        },
      },
    });
    expect(problemsFromError(error)[0]?.title).toBe("Section missing: Trades");
  });
  it("lists form errors by field", () => {
    const error = new ApiError(400, {
      error: { code: "validation", message: "x", fields: { queryId: "Required." } },
    });
    expect(problemsFromError(error)).toEqual([
      { kind: "form", title: "Query Id", detail: "Required.", step: "link", blocking: true },
    ]);
  });
});

describe("validateLinkForm", () => {
  it("checks only the shape", () => {
    expect(validateLinkForm("", "")).toHaveProperty("token");
    expect(validateLinkForm("123456789012345678901234", "x12").queryId).toMatch(/digits only/);
    expect(validateLinkForm("123456789012345678901234", "12.5").queryId).toMatch(/digits only/);
    expect(validateLinkForm("123456789012345678901234", "987654")).toEqual({});
    expect(validateLinkForm("abc", "12 34")).toEqual({
      token: expect.any(String),
      queryId: expect.any(String),
    });
  });
});
