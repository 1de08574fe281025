// IB accounts of the user, and the upload of older statements (IB's Flex Web Service only reaches back 365
// days). An upload follows the CLI import's rules: one transaction, idempotent by IB ids, stored as provenance
// `upload` (never verified, never makes the user an account's holder), refused whole when another user's Flex
// link holds one of its accounts.
import { Hono } from "hono";
import { AppError } from "../../app-error.ts";
import { importFlexData } from "../../db/import-flex-data.ts";
import { TRADE_REBUILD } from "../../sync/rebuild-account-trades.ts";
import { oneUploadPerUser } from "../../uploads/one-upload-per-user.ts";
import { readStatementUpload } from "../../uploads/read-statement-upload.ts";
import type { AppDeps, AppEnv } from "../app-env.ts";
import { requireUser } from "../security-middleware.ts";

export function accountsRoutes(deps: AppDeps) {
  const db = deps.db.kysely;
  return new Hono<AppEnv>()
    .use(requireUser)
    .get("/", async (c) => {
      const userId = c.get("userId");
      const rows = await db
        .selectFrom("accounts")
        .select([
          "id",
          "ib_account_id",
          "base_currency",
          "alias",
          "link_id",
          "first_trade_at",
          "last_trade_at",
        ])
        .where("user_id", "=", userId)
        .orderBy("ib_account_id")
        .execute();
      const iso = (v: unknown) =>
        v === null || v === undefined ? null : new Date(v as string).toISOString();
      const accounts = rows.map((r) => ({
        id: r.id,
        accountId: r.ib_account_id,
        baseCurrency: r.base_currency,
        alias: r.alias,
        linkId: r.link_id,
        firstTradeAt: iso(r.first_trade_at),
        lastTradeAt: iso(r.last_trade_at),
      }));
      return c.json({ accounts }, 200);
    })
    .post("/import", oneUploadPerUser(), async (c) => {
      const userId = c.get("userId");
      // Size-limited, checked on a worker thread, then parsed in steps (uploads/read-statement-upload.ts).
      const { xml, data } = await readStatementUpload(c.req.raw, { maxBytes: deps.uploadMaxBytes });
      if (data.statements.length === 0) {
        throw new AppError("not-flex-statement", "the file holds no FlexStatement; nothing was imported");
      }
      const imported = await importFlexData(deps.db, {
        userId,
        data,
        rawXml: xml,
        rawQuotaBytes: deps.rawQuotaBytes,
        ...TRADE_REBUILD,
      });
      // Build the new book and serialize the dashboard's statistics now, not on the next page load.
      const log = c.get("log");
      deps.books?.warm(db, userId).catch((error: unknown) => {
        log.warn("warming the trade book after an upload failed", {
          error: error instanceof Error ? error.message : String(error),
        });
      });
      log.info("statement uploaded", {
        executionsAdded: imported.executionsAdded,
        statementAlreadyStored: imported.statementAlreadyStored,
      });
      return c.json(
        {
          executionsAdded: imported.executionsAdded,
          executionsExisting: imported.executionsExisting,
          tradesRebuilt: imported.tradesRebuilt ?? 0,
          accounts: imported.accounts,
          issues: data.issues.map((i) => ({ code: i.code, path: i.path, message: i.message })),
        },
        200,
      );
    });
}
