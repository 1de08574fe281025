// The file `closeout flex-sim --config FILE` reads: the simulated IB Flex Web Service's tokens and their queries
// (README, "Trying the scale-out path without IB"). JSON, checked with a schema; a bad file is refused with a
// message naming the setting, never a token (a token is a key of the file, so paths show its position only).
import { readFileSync } from "node:fs";
import type { FlexSimToken } from "@closeout/flex-sim";
import { z } from "zod";
import { AppError } from "../app-error.ts";

export interface FlexSimConfig {
  readonly seed: number;
  readonly tokens: Readonly<Record<string, FlexSimToken>>;
}

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "must be yyyy-MM-dd");

const query = z
  .object({
    accounts: z.union([z.number().int().min(1).max(50), z.array(z.string().regex(/^[A-Z]\d{5,9}$/)).min(1)]),
    seed: z.number().int().min(1),
    executions: z.number().int().min(1).max(1_000_000),
    fromDate: day,
    toDate: day,
    omitSections: z.array(z.string()),
  })
  .partial()
  .strict();

const token = z
  .object({
    queries: z.record(z.string().regex(/^\d{1,12}$/, "query ids are digits"), query),
    expired: z.boolean().optional(),
    invalid: z.boolean().optional(),
    ipRestricted: z.boolean().optional(),
    pollsBeforeReady: z.number().int().min(0).max(100).optional(),
  })
  .strict();

const schema = z
  .object({
    seed: z.number().int().min(1).default(2026),
    tokens: z.record(z.string().regex(/^[A-Za-z0-9]{8,64}$/, "tokens are 8–64 letters and digits"), token),
  })
  .strict();

/** The last 365 days, like the demo, for queries that name no dates. */
function lastYear(today: Date): { fromDate: string; toDate: string } {
  const iso = (d: Date) => d.toISOString().slice(0, 10);
  return { fromDate: iso(new Date(today.getTime() - 364 * 86_400_000)), toDate: iso(today) };
}

export function parseFlexSimConfig(text: string, today: Date): FlexSimConfig {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new AppError("usage", "flex-sim: the config file is not JSON");
  }
  const result = schema.safeParse(json);
  if (!result.success) {
    const tokenNames = Object.keys((json as { tokens?: object })?.tokens ?? {});
    const problems = result.error.issues.map((issue) => {
      const path = issue.path.map((part, i) =>
        i === 1 && issue.path[0] === "tokens" ? `#${tokenNames.indexOf(String(part)) + 1}` : String(part),
      );
      return `${path.join(".") || "file"}: ${issue.message}`;
    });
    throw new AppError("usage", `flex-sim: bad config file — ${problems.join("; ")}`);
  }
  const dates = lastYear(today);
  const tokens = Object.fromEntries(
    Object.entries(result.data.tokens).map(([name, t]) => [
      name,
      {
        ...t,
        queries: Object.fromEntries(Object.entries(t.queries).map(([id, q]) => [id, { ...dates, ...q }])),
      },
    ]),
  );
  return { seed: result.data.seed, tokens };
}

export function readFlexSimConfig(path: string, today: Date): FlexSimConfig {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch {
    throw new AppError("unreadable-file", `flex-sim: cannot read the config file ${path}`);
  }
  return parseFlexSimConfig(text, today);
}
