// zod at the edge: hono validators whose failures become one "validation" AppError with a message per field.
// Messages never echo the submitted value (it may be a token or a password).
import type { MiddlewareHandler, ValidationTargets } from "hono";
import { type InferInput, validator } from "hono/validator";
import type { z } from "zod";
import { AppError, fieldSentence } from "../app-error.ts";

export function fieldMessages(error: z.ZodError): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.length === 0 ? "body" : issue.path.map(String).join(".");
    fields[key] ??= issue.message;
  }
  return fields;
}

export function validationError(error: z.ZodError): AppError {
  const fields = fieldMessages(error);
  const list = Object.entries(fields)
    .map(([k, m]) => fieldSentence(k, m))
    .join(" ");
  return new AppError("validation", list, { fields });
}

export function parseWith<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw validationError(result.error);
  return result.data;
}

/**
 * A hono validator for `target` that parses with `schema`. The RPC client sees the schema's input (a key with a
 * default is optional; query and path values are strings) and handlers its output.
 */
export function zv<Target extends keyof ValidationTargets, S extends z.ZodType>(target: Target, schema: S) {
  // hono's generic validator types its input from the output; the cast states the schema's input instead.
  return validator(target, (value) => parseWith(schema, value)) as unknown as MiddlewareHandler<
    // biome-ignore lint/suspicious/noExplicitAny: fits any app's Env, as hono's own validator does.
    any,
    string,
    {
      in: { [K in Target]: K extends "json" ? z.input<S> : InferInput<z.input<S>, K> };
      out: { [K in Target]: z.output<S> };
    }
  >;
}
