// Streaming reader of one Flex document: saxes tokens in, normalised records out, no document tree.
import { SaxesParser, type SaxesTagPlain } from "saxes";
import type { AccountInfo, FlexData } from "../types.ts";
import { ForbiddenMarkupScanner } from "./detect-forbidden-markup.ts";
import { FlexFormatError } from "./flex-format-error.ts";
import {
  DEFAULT_FLEX_INPUT_LIMITS,
  type FlexInputLimits,
  tooDeep,
  tooManyRows,
} from "./flex-input-limits.ts";
import { MarkupLengthGuard } from "./markup-length-guard.ts";
import { mergeAccounts } from "./merge-accounts.ts";
import { normalizeAccountInformation } from "./normalize-account-information.ts";
import { normalizeStatementHeader, type StatementHeader } from "./normalize-statement-header.ts";
import { type Attrs, readAttr } from "./read-attr.ts";
import { AttributeCollector } from "./row-attributes.ts";
import { RowContext } from "./row-context.ts";
import { RowSink } from "./row-sink.ts";
import { routeAttributes } from "./saxes-attribute-adapter.ts";
import { serviceError } from "./service-error.ts";

export interface FlexParserOptions {
  /** First `fileOrder` given to this document's rows (keep orders unique across files). */
  readonly fileOrderStart?: number;
  /** First `StatementMeta.index` of this document (keep indexes unique across files). */
  readonly statementIndexStart?: number;
  /** Bounds past which the document is refused as hostile; each one defaults to DEFAULT_FLEX_INPUT_LIMITS. */
  readonly limits?: Partial<FlexInputLimits>;
}

/**
 * The chunk size to read a statement in (ADR 0002, "Memory"): strings above 128 KiB go to V8's large-object
 * space, which only a full collection frees, while 64 KiB chunks die young.
 */
export const FLEX_CHUNK_BYTES = 64 * 1024;

export interface FlexParser {
  /** Feeds the next piece of text; throws FlexFormatError as soon as the input is known to be unusable. */
  write(chunk: string): void;
  /** Finishes the document and returns what was read; throws FlexFormatError for unusable input. */
  end(): FlexData;
}

export function createFlexParser(options: FlexParserOptions = {}): FlexParser {
  return new FlexDocumentReader(options.fileOrderStart ?? 0, options.statementIndexStart ?? 0, {
    ...DEFAULT_FLEX_INPUT_LIMITS,
    ...options.limits,
  });
}

/** Characters kept of one field of IB's error envelope. */
const SERVICE_TEXT_CHARS = 4096;

class FlexDocumentReader implements FlexParser {
  private readonly sax = new SaxesParser({ xmlns: false, position: false });
  private readonly attributes: AttributeCollector;
  private readonly scanner = new ForbiddenMarkupScanner();
  private readonly guard: MarkupLengthGuard;
  private readonly ctx: RowContext;
  private readonly sink: RowSink;
  private readonly statements: StatementHeader[] = [];
  private readonly accounts: AccountInfo[] = [];
  private failed: FlexFormatError | null = null;
  private depth = 0;
  /** Elements opened so far (every one may keep something: a row, a section name, a statement header). */
  private elements = 0;
  private rootSeen = false;
  private rootClosed = false;
  private localStatements = 0;
  /** Depth of the open FlexStatement element, -1 outside one. */
  private statementDepth = -1;
  private current: StatementHeader | null = null;
  /** The current statement's section names, for a constant-time "seen before". */
  private currentSections = new Set<string>();
  private sawAccountInfo = false;
  private accountCurrencyMissing = false;
  /** FlexStatementResponse (the Web Service's error envelope): element name → text. */
  private service: Map<string, string> | null = null;
  private serviceField = "";

  constructor(
    fileOrderStart: number,
    private readonly statementIndexStart: number,
    private readonly limits: FlexInputLimits,
  ) {
    this.attributes = new AttributeCollector(limits);
    this.guard = new MarkupLengthGuard(limits);
    this.ctx = new RowContext(fileOrderStart);
    this.sink = new RowSink(this.ctx);
    routeAttributes(
      this.sax,
      (name, value) => this.attributes.push(name, value),
      () => this.attributes.finish(),
    );
    this.sax.on("opentag", (tag) => this.open(tag));
    this.sax.on("closetag", () => this.close());
    this.sax.on("doctype", () => {
      throw new FlexFormatError(
        "doctype-forbidden",
        "The file declares a DOCTYPE, which a Flex statement never has.",
      );
    });
    this.sax.on("error", (err) => {
      throw new FlexFormatError(
        "malformed-xml",
        `The file is not well-formed XML (${err.message.slice(0, 120)}).`,
      );
    });
  }

  write(chunk: string): void {
    if (this.failed !== null) throw this.failed;
    try {
      this.scanner.scan(chunk);
      this.guard.scan(chunk);
      this.sax.write(chunk);
    } catch (e) {
      throw this.fail(e);
    }
  }

  end(): FlexData {
    if (this.failed !== null) throw this.failed;
    if (this.rootSeen && !this.rootClosed) {
      throw this.fail(
        new FlexFormatError("truncated", "The file ends before the statement is complete: it was cut off."),
      );
    }
    if (!this.rootSeen) {
      throw this.fail(
        new FlexFormatError("malformed-xml", "The file holds no XML element: it is empty or not XML."),
      );
    }
    try {
      this.sax.close();
    } catch (e) {
      throw this.fail(e);
    }
    const data = this.result();
    this.ctx.release();
    return data;
  }

  private fail(e: unknown): unknown {
    if (e instanceof FlexFormatError) this.failed = e;
    return e;
  }

  private open(tag: SaxesTagPlain): void {
    // Saxes calls this before it pushes the tag on its stack, so a refused tag is never kept.
    const depth = ++this.depth;
    if (depth > this.limits.maxDepth) throw tooDeep(this.limits);
    if (++this.elements > this.limits.maxRows) throw tooManyRows(this.limits);
    if (depth === 1) {
      this.openRoot(tag.name);
      return;
    }
    if (this.service !== null) {
      this.serviceField = tag.name;
      return;
    }
    const sd = this.statementDepth;
    if (sd < 0) {
      if (tag.name === "FlexStatement") this.openStatement(this.attributes.row);
    } else if (depth === sd + 2) {
      this.sink.row(tag.name, this.attributes.row);
    } else if (depth === sd + 1) {
      this.openSection(tag.name, this.attributes.row);
    }
  }

  private close(): void {
    const depth = this.depth--;
    if (depth === this.statementDepth) {
      this.statementDepth = -1;
      this.current = null;
    } else if (depth === 1) {
      this.rootClosed = true;
      if (this.service !== null) throw serviceError(this.service);
    }
    this.serviceField = "";
  }

  private openRoot(name: string): void {
    this.rootSeen = true;
    if (name === "FlexQueryResponse") return;
    if (name === "FlexStatementResponse") {
      const service = new Map<string, string>();
      this.service = service;
      this.sax.on("text", (text) => {
        if (this.serviceField === "") return;
        // IB's messages are one line; text split by comments must not grow one without bound.
        const known = service.get(this.serviceField) ?? "";
        if (known.length < SERVICE_TEXT_CHARS) service.set(this.serviceField, known + text);
      });
      return;
    }
    throw new FlexFormatError(
      "not-flex-statement",
      `The root element is <${name.slice(0, 40)}>, not <FlexQueryResponse>: this is not a Flex statement.`,
    );
  }

  private openStatement(a: Attrs): void {
    const ctx = this.ctx;
    ctx.statementLocal = this.localStatements++;
    ctx.statementIndex = this.statementIndexStart + ctx.statementLocal;
    const account = readAttr(a, "accountId");
    ctx.statementAccountId = account === null ? "" : ctx.intern(account);
    ctx.section = "";
    ctx.rowIndex = -1;
    this.current = normalizeStatementHeader(a, ctx);
    this.statements.push(this.current);
    this.currentSections = new Set();
    this.statementDepth = this.depth;
  }

  private openSection(name: string, a: Attrs): void {
    const sections = this.current?.sections;
    if (sections !== undefined && !this.currentSections.has(name)) {
      this.currentSections.add(name);
      sections.push(name);
    }
    this.sink.section(name, a);
    if (name === "AccountInformation") {
      const info = normalizeAccountInformation(a, this.ctx);
      this.accounts.push(info);
      this.sawAccountInfo = true;
      if (info.baseCurrency === null) this.accountCurrencyMissing = true;
    }
  }

  private result(): FlexData {
    const seen = new Set<string>();
    for (const s of this.statements) for (const name of s.sections) seen.add(name);
    const sections = [...seen];
    const headerAccounts: AccountInfo[] = this.statements
      .filter((s) => s.accountId !== "")
      .map((s) => ({ accountId: s.accountId, baseCurrency: null, alias: null, name: null }));
    const sink = this.sink;
    return {
      statements: this.statements,
      accounts: mergeAccounts([...this.accounts, ...headerAccounts]),
      executions: sink.executions,
      optionEvents: sink.optionEvents,
      corporateActions: sink.corporateActions,
      openPositions: sink.openPositions,
      securities: sink.securities,
      conversionRates: sink.conversionRates,
      transfers: sink.transfers,
      cashTransactions: sink.cashTransactions,
      navRows: sink.navRows,
      changesInNav: sink.changesInNav,
      shape: {
        sections,
        executionsHaveTime: this.ctx.executionsHaveTime,
        hasExecutions: this.ctx.hasExecutions,
        accountCurrencyPresent: this.sawAccountInfo && !this.accountCurrencyMissing,
      },
      issues: this.ctx.issues,
    };
  }
}
