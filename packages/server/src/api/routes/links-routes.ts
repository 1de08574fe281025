// IB links. Creating one is a live test pull (links/link-account.ts): nothing is stored when IB refuses the
// token or the query lacks a section closeout needs. The link's first import is a queued job whose progress
// GET /:id/import answers. The token is write-only: never answered, never logged, never part of an error
// message or a job.
import { Hono } from "hono";
import { z } from "zod";
import type { DbExecutor } from "../../db/database.ts";
import { findLinkImport, type LinkImport } from "../../db/link-imports-repository.ts";
import {
  deleteLink,
  findLink,
  type IbLink,
  listLinksForUser,
  replaceLinkToken,
} from "../../db/links-repository.ts";
import { linkAccount, TOKEN_WARNING_DAYS } from "../../links/link-account.ts";
import { tokenExpiryWarning } from "../../sync/sync-link.ts";
import type { AppDeps, AppEnv } from "../app-env.ts";
import { notFound } from "../http-errors.ts";
import { requireUser } from "../security-middleware.ts";
import { zv } from "../validate.ts";

const tokenSchema = z
  .string({ message: "is required" })
  .trim()
  .regex(
    /^[A-Za-z0-9]{8,64}$/,
    "must be the Flex Web Service token shown in IB's Flex settings (8–64 letters or digits)",
  );
const createBody = z.object({
  token: tokenSchema,
  queryId: z
    .string({ message: "is required" })
    .trim()
    .regex(/^\d{1,12}$/, "must be the numeric Query ID shown next to the Flex query in IB"),
  tokenExpiresOn: z.iso.date({ message: "must be a date as yyyy-MM-dd" }).nullable().optional(),
});
const tokenBody = z.object({
  token: tokenSchema,
  tokenExpiresOn: z.iso.date({ message: "must be a date as yyyy-MM-dd" }).nullable().optional(),
});
export const idParam = z.object({ id: z.string() });
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A link of this user, or 404 (also for other users' links and for malformed ids). */
export async function ownLink(db: DbExecutor, userId: string, id: string): Promise<IbLink> {
  const link = UUID.test(id) ? await findLink(db, id) : null;
  if (link === null || link.userId !== userId) throw notFound("link");
  return link;
}

export function linksRoutes(deps: AppDeps) {
  const db = deps.db.kysely;
  const now = () => new Date(deps.clock.now());

  async function linkJson(link: IbLink) {
    const accounts = await db
      .selectFrom("accounts")
      .select("ib_account_id")
      .where("link_id", "=", link.id)
      .orderBy("ib_account_id")
      .execute();
    return {
      id: link.id,
      queryId: link.queryId,
      status: link.status as string,
      statusMessage: link.statusMessage,
      tokenExpiresOn: link.tokenExpiresOn,
      tokenWarning: tokenExpiryWarning(link.tokenExpiresOn, now(), TOKEN_WARNING_DAYS),
      lastSyncAt: link.lastSyncAt,
      nextSyncAt: link.nextSyncAt,
      createdAt: link.createdAt,
      accounts: accounts.map((a) => a.ib_account_id),
    };
  }

  return new Hono<AppEnv>()
    .use(requireUser)
    .post("/", zv("json", createBody), async (c) => {
      const userId = c.get("userId");
      const { token, queryId, tokenExpiresOn } = c.req.valid("json");
      const created = await linkAccount(
        { ...deps, log: (message, fields) => c.get("log").info(message, fields) },
        { userId, token, queryId, tokenExpiresOn: tokenExpiresOn ?? null },
      );
      const { link, check, accounts } = created;
      try {
        await deps.enqueueSync(link.id, "link");
      } catch (error) {
        // The link's next_sync_at queues it a little later all the same (link-account.ts).
        c.get("log").warn("queueing a new link's first import failed", {
          linkId: link.id,
          error: error instanceof Error ? error.message : String(error),
        });
      }
      const stored = await ownLink(db, userId, link.id);
      return c.json(
        { link: await linkJson(stored), check, accounts, import: importJson(created.import) },
        201,
      );
    })
    .get("/:id/import", zv("param", idParam), async (c) => {
      const link = await ownLink(db, c.get("userId"), c.req.valid("param").id);
      const progress = await findLinkImport(db, link.id);
      if (progress === null) throw notFound("link import");
      return c.json({ import: importJson(progress) }, 200);
    })
    .get("/", async (c) => {
      const links = await listLinksForUser(db, c.get("userId"));
      return c.json({ links: await Promise.all(links.map(linkJson)) }, 200);
    })
    .put("/:id/token", zv("param", idParam), zv("json", tokenBody), async (c) => {
      const link = await ownLink(db, c.get("userId"), c.req.valid("param").id);
      const { token, tokenExpiresOn } = c.req.valid("json");
      await replaceLinkToken(db, link.id, deps.cipher.encrypt(token, link.id), tokenExpiresOn ?? null);
      await deps.enqueueSync(link.id, "link");
      c.get("log").info("link token replaced", { linkId: link.id });
      return c.json({ link: await linkJson(await ownLink(db, c.get("userId"), link.id)) }, 200);
    })
    .delete("/:id", zv("param", idParam), async (c) => {
      const link = await ownLink(db, c.get("userId"), c.req.valid("param").id);
      await deleteLink(db, link.id);
      c.get("log").info("link deleted", { linkId: link.id });
      return c.body(null, 204);
    })
    .post("/:id/sync", zv("param", idParam), async (c) => {
      const link = await ownLink(db, c.get("userId"), c.req.valid("param").id);
      await deps.enqueueSync(link.id, "manual");
      return c.json({ queued: true as const }, 202);
    })
    .get("/:id/syncs", zv("param", idParam), async (c) => {
      const link = await ownLink(db, c.get("userId"), c.req.valid("param").id);
      const rows = await db
        .selectFrom("sync_runs")
        .selectAll()
        .where("link_id", "=", link.id)
        .orderBy("started_at", "desc")
        .limit(100)
        .execute();
      const syncs = rows.map((r) => ({
        id: r.id,
        status: r.status,
        startedAt: r.started_at.toISOString(),
        finishedAt: r.finished_at?.toISOString() ?? null,
        ibErrorCode: r.ib_error_code,
        message: r.message,
        executionsAdded: executionsAddedOf(r.message),
      }));
      return c.json({ syncs }, 200);
    });
}

/** A link's first import as the wizard shows it: a state, and counts once they are known. */
function importJson(i: LinkImport) {
  return {
    state: i.state,
    statementExecutions: i.statementExecutions,
    executionsAdded: i.executionsAdded,
    executionsExisting: i.executionsExisting,
    trades: i.trades,
    attempts: i.attempts,
    message: i.message,
    updatedAt: i.updatedAt,
  };
}

/** The sync job writes "N new executions, …" into the run's message. */
function executionsAddedOf(message: string | null): number | null {
  const m = message?.match(/(\d+) new execution/);
  return m ? Number(m[1]) : null;
}
