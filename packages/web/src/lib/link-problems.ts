// Turns the answer of POST /api/links (or its error) into the list of things the user must fix, in the
// words and screen names of IB's portal.
import type { ApiError } from "../api/client.ts";
import type { QueryCheck } from "../api/types.ts";
import { fieldExplanation, fieldTitle, sectionLabel } from "./flex-guide.ts";

export type ProblemKind =
  | "missing-section"
  | "missing-field"
  | "warning"
  | "token-expired"
  | "token-invalid"
  | "ip-restricted"
  | "query-invalid"
  | "ib-unavailable"
  | "form"
  | "other";

export interface Problem {
  kind: ProblemKind;
  /** Short headline. */
  title: string;
  /** What to do, in plain words. */
  detail: string;
  /** Wizard step that fixes it. */
  step?: string;
  /** A warning does not block the link. */
  blocking: boolean;
  /** For a missing section: its Flex element name. */
  element?: string;
}

export function problemsFromCheck(check: QueryCheck): Problem[] {
  const problems: Problem[] = [];
  for (const element of check.missingSections) {
    const name = sectionLabel(element);
    problems.push({
      kind: "missing-section",
      title: `Section missing: ${name}`,
      detail: `Edit the query in IB, open “${name}”, click Select All (keep the default option), Save, then save the query.`,
      step: "sections",
      blocking: true,
      element,
    });
  }
  for (const field of check.missingFields) {
    problems.push({
      kind: "missing-field",
      title: fieldTitle(field),
      detail: fieldExplanation(field),
      step: field.startsWith("Trades.") ? "delivery" : "sections",
      blocking: true,
    });
  }
  for (const warning of check.warnings) {
    problems.push({
      kind: "warning",
      title: "Worth a look",
      detail: warning,
      step: "delivery",
      blocking: false,
    });
  }
  return problems;
}

const BY_CODE: Readonly<Record<string, Omit<Problem, "detail" | "blocking">>> = {
  "token-expired": { kind: "token-expired", title: "The Flex token has expired", step: "token" },
  "token-invalid": { kind: "token-invalid", title: "IB does not accept this Flex token", step: "token" },
  "ip-restricted": { kind: "ip-restricted", title: "The token is locked to an IP address", step: "token" },
  "query-invalid": { kind: "query-invalid", title: "IB does not know this Query Id", step: "query-id" },
  "ib-unavailable": { kind: "ib-unavailable", title: "IB is not answering right now" },
};

const DEFAULT_DETAIL: Readonly<Record<string, string>> = {
  "token-expired":
    "Generate a new token under Flex Web Service in IB's settings (choose 1 year) and paste it here.",
  "token-invalid":
    "Copy the Current Token again from Flex Web Service in IB's settings; make sure nothing is cut off.",
  "ip-restricted":
    "Generate a new token and leave the IP address field empty: closeout's servers are not your computer.",
  "query-invalid": "Open the saved query in IB (the pen icon) and copy the Query Id shown in its details.",
  "ib-unavailable": "Nothing is wrong with your settings. Try again in a few minutes.",
};

/** IB Flex Web Service error codes, grouped by what the user has to do. */
export function kindOfIbError(code: string | null | undefined): string {
  switch (code) {
    case "1012":
      return "token-expired";
    case "1011":
    case "1015":
      return "token-invalid";
    case "1013":
      return "ip-restricted";
    case "1010":
    case "1014":
    case "1016":
      return "query-invalid";
    case null:
    case undefined:
      return "";
    default:
      return "ib-unavailable";
  }
}

/** The problems a refused link carries: a query check, an IB error, or form errors. */
export function problemsFromError(error: ApiError): Problem[] {
  if (error.body?.error.check) {
    const fromCheck = problemsFromCheck(error.body.error.check);
    if (fromCheck.length > 0) return fromCheck;
  }
  const known = BY_CODE[error.code] ?? BY_CODE[kindOfIbError(error.body?.error.ibErrorCode)];
  if (known) {
    return [{ ...known, detail: error.message || DEFAULT_DETAIL[error.code] || "", blocking: true }];
  }
  const fields = Object.entries(error.fields);
  if (fields.length > 0) {
    return fields.map(([field, message]) => ({
      kind: "form" as const,
      title: field === "token" ? "Flex token" : field === "queryId" ? "Query Id" : field,
      detail: message,
      step: "link",
      blocking: true,
    }));
  }
  return [{ kind: "other", title: "The link did not work", detail: error.message, blocking: true }];
}

/** Shape checks only (IB decides what is valid): present, no spaces, not obviously cut off. */
export function validateLinkForm(token: string, queryId: string): Record<string, string> {
  const errors: Record<string, string> = {};
  const t = token.trim();
  const q = queryId.trim();
  if (t === "") errors.token = "Paste the Current Token from Flex Web Service.";
  else if (/\s/.test(t) || t.length < 8)
    errors.token = "This does not look like a whole Flex token; copy it again.";
  if (q === "") errors.queryId = "Paste the Query Id of your Activity Flex Query.";
  else if (/\s/.test(q)) errors.queryId = "A Query Id has no spaces; it is shown in the query's details.";
  else if (!/^\d+$/.test(q))
    errors.queryId =
      "A Query Id is a number, digits only (such as 123456); it is shown in the query's details.";
  return errors;
}
