// One statement upload at a time per user (per process): an upload holds its body, a worker and an import, so a
// user who sends many at once would multiply all three. A second one is refused at once, before its body is read.
import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "../api/app-env.ts";
import { AppError } from "../app-error.ts";

export function oneUploadPerUser(): MiddlewareHandler<AppEnv> {
  const busy = new Set<string>();
  return async (c, next) => {
    const userId = c.get("userId");
    if (busy.has(userId)) {
      throw new AppError(
        "upload-in-progress",
        "another statement upload of yours is still being read; wait for it to finish, then try again",
      );
    }
    busy.add(userId);
    try {
      await next();
    } finally {
      busy.delete(userId);
    }
  };
}
