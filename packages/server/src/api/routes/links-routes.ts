// IB links. Creating one is a live test pull: the statement is fetched with the token + query id, checked
// (the same query check as `closeout check-query`) and only then is anything stored — link with the token
// encrypted, the statement imported, the first sync recorded. The token is write-only: never answered, never
// logged, never part of an error message.
import {
  checkQuery,
  type FlexData,
  FlexFormatError,
  listAccounts,
  parseFlex,
  sectionLabel,
} from "@closeout/core";
import { Hono } from "hono";
import { z } from "zod";
import { AppError } from "../../app-error.ts";
import type { DbExecutor } from "../../db/database.ts";
import { importFlexData } from "../../db/import-flex-data.ts";
import {
  createLink,
  deleteLink,
  findLink,
  type IbLink,
  listLinksForUser,
  replaceLinkToken,
  updateLinkStatus,
} from "../../db/links-repository.ts";
import { finishSyncRun, startSyncRun } from "../../db/sync-runs-repository.ts";
import { FlexServiceError } from "../../flex-client/flex-service-error.ts";
import { nextDailySyncAt } from "../../sync/next-sync-at.ts";
import { rebuildAccountTrades } from "../../sync/rebuild-account-trades.ts";
import { tokenExpiryWarning } from "../../sync/sync-link.ts";
import type { AppDeps, AppEnv } from "../app-env.ts";
import { notFound } from "../http-errors.ts";
import { requireUser } from "../security-middleware.ts";
import { zv } from "../validate.ts";

const TOKEN_WARNING_DAYS = 14;

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

function describeAccounts(data: FlexData) {
  return listAccounts(data).map(({ accountId, baseCurrency }) => {
    const executions = data.executions.filter((e) => e.accountId === accountId && !e.isConversion).length;
    const statements = data.statements.filter((s) => s.accountId === accountId);
    const from =
      statements
        .map((s) => s.fromDate)
        .filter((d): d is string => d !== null)
        .sort()[0] ?? null;
    const to =
      statements
        .map((s) => s.toDate)
        .filter((d): d is string => d !== null)
        .sort()
        .at(-1) ?? null;
    const span = from && to ? ` from ${from} to ${to}` : "";
    return {
      accountId,
      baseCurrency,
      executions,
      fromDate: from,
      toDate: to,
      description: `Account ${accountId}${baseCurrency ? ` (base currency ${baseCurrency})` : ""}: ${executions} execution${executions === 1 ? "" : "s"}${span}.`,
    };
  });
}

function describeCheck(check: ReturnType<typeof checkQuery>) {
  const problems = [
    ...check.missingSections.map(
      (s) =>
        `The query lacks the section "${sectionLabel(s)}": tick it in the query's Sections, then Select All and Save.`,
    ),
    ...check.missingFields.map((f) => `The query lacks the field ${f}.`),
  ];
  return { ...check, problems };
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
      const started = now();
      let xml: string;
      try {
        xml = (await deps.flexClient.fetchStatement({ token, queryId })).xml;
      } catch (error) {
        if (error instanceof FlexServiceError) {
          c.get("log").info("link test pull failed", { ibErrorCode: error.ibCode, kind: error.kind });
          throw new AppError("flex-link-failed", error.info.message, { ibErrorCode: error.ibCode });
        }
        throw scrub(error, token);
      }
      let data: FlexData;
      try {
        data = parseFlex(xml);
      } catch (error) {
        if (error instanceof FlexFormatError) {
          throw new AppError(
            "flex-link-failed",
            `IB sent a statement closeout cannot read: ${error.message}`,
          );
        }
        throw scrub(error, token);
      }
      const check = describeCheck(checkQuery(data));
      if (!check.ok) {
        throw new AppError(
          "flex-query-incomplete",
          `The Flex query needs changes before closeout can use it. ${check.problems.join(" ")}`,
          { check },
        );
      }
      const accounts = describeAccounts(data);

      const link = await createLink(db, {
        userId,
        queryId,
        token: deps.cipher.encrypt(token),
        tokenExpiresOn: tokenExpiresOn ?? null,
      });
      const run = await startSyncRun(db, link.id, started);
      try {
        const imported = await importFlexData(deps.db, {
          userId,
          linkId: link.id,
          data,
          rawXml: xml,
          rebuild: rebuildAccountTrades,
        });
        const finished = now();
        const warning = tokenExpiryWarning(tokenExpiresOn ?? null, finished, TOKEN_WARNING_DAYS);
        await updateLinkStatus(db, link.id, {
          status: warning === null ? "active" : ("token-expiring" as "active"),
          statusMessage: warning,
          lastSyncAt: finished,
          nextSyncAt: nextDailySyncAt(finished),
        });
        await finishSyncRun(db, run.id, {
          status: "succeeded",
          ibErrorCode: null,
          message: `first pull when the link was created: ${imported.executionsAdded} new executions, ${imported.executionsExisting} already stored`,
          finishedAt: finished,
        });
        c.get("log").info("link created", { linkId: link.id, executionsAdded: imported.executionsAdded });
      } catch (error) {
        // Nothing of a rejected link stays (the sync run goes with it by cascade).
        await deleteLink(db, link.id);
        throw scrub(error, token);
      }
      const stored = await ownLink(db, userId, link.id);
      return c.json({ link: await linkJson(stored), check, accounts }, 201);
    })
    .get("/", async (c) => {
      const links = await listLinksForUser(db, c.get("userId"));
      return c.json({ links: await Promise.all(links.map(linkJson)) }, 200);
    })
    .put("/:id/token", zv("param", idParam), zv("json", tokenBody), async (c) => {
      const link = await ownLink(db, c.get("userId"), c.req.valid("param").id);
      const { token, tokenExpiresOn } = c.req.valid("json");
      await replaceLinkToken(db, link.id, deps.cipher.encrypt(token), tokenExpiresOn ?? null);
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

/** The sync job writes "N new executions, …" into the run's message. */
function executionsAddedOf(message: string | null): number | null {
  const m = message?.match(/(\d+) new execution/);
  return m ? Number(m[1]) : null;
}

/** Whatever went wrong after the token was in hand, its text must not carry the token. */
function scrub(error: unknown, token: string): unknown {
  if (error instanceof AppError) {
    return error.message.includes(token)
      ? new AppError(error.code, error.message.replaceAll(token, "[token]"), error.details)
      : error;
  }
  if (error instanceof Error && (error.message.includes(token) || error.stack?.includes(token))) {
    return new Error(error.message.replaceAll(token, "[token]"));
  }
  return error;
}
