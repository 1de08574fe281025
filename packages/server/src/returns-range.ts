// The date range of an account-returns request (CLI --from/--to, API ?from=&to=), checked once for both.
import type { ReturnsRange } from "@closeout/core";
import { AppError } from "./app-error.ts";

const ISO_DAY = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/** `where` names the command or route in the error ("returns", "GET /api/returns"). */
export function returnsRange(from: string | undefined, to: string | undefined, where: string): ReturnsRange {
  for (const [name, value] of [
    ["from", from],
    ["to", to],
  ] as const) {
    if (value !== undefined && !ISO_DAY.test(value))
      throw new AppError("usage", `${where}: ${name} must be a date written yyyy-MM-dd`);
  }
  if (from !== undefined && to !== undefined && from > to)
    throw new AppError("usage", `${where}: from is after to`);
  return { ...(from === undefined ? {} : { from }), ...(to === undefined ? {} : { to }) };
}
