// Serialized answers (UTF-8 JSON bytes) kept per (user, book version, normalized query). A dashboard asks for
// the same statistics again and again while its data only changes with an import, so the answer is computed
// and serialized once per version, not per request. Bounded by entry count and total bytes, least recently
// used first out; a user's entries of older versions go as soon as a newer version is stored. Large bodies are
// also kept gzip-compressed, so the compression is paid once per version too.
import { createHash } from "node:crypto";
import { gzipSync } from "node:zlib";
import type { TypedResponse } from "hono";

export interface CachedBody {
  readonly bytes: Uint8Array<ArrayBuffer>;
  /** Strong validator of these exact bytes. */
  readonly etag: string;
  /** The same body gzip-compressed (once, when cached), for clients that accept it; null when tiny. */
  readonly gzip: { readonly bytes: Uint8Array<ArrayBuffer>; readonly etag: string } | null;
}

const GZIP_FROM_BYTES = 1024;

export interface ResponseCache {
  /** The cached body, or the one `compute` gives (then stored). */
  get(userId: string, version: string, key: string, compute: () => unknown): CachedBody;
  /** True when the body is already cached (no work needed). */
  has(userId: string, version: string, key: string): boolean;
  forget(userId: string): void;
  /** For tests and diagnostics. */
  readonly stats: { entries: number; bytes: number };
}

export interface ResponseCacheOptions {
  readonly maxEntries?: number;
  readonly maxBytes?: number;
}

const encoder = new TextEncoder();
const size = (b: CachedBody): number => b.bytes.byteLength + (b.gzip?.bytes.byteLength ?? 0);

export function createResponseCache(options: ResponseCacheOptions = {}): ResponseCache {
  const maxEntries = options.maxEntries ?? 256;
  const maxBytes = options.maxBytes ?? 96 * 1024 * 1024;
  const entries = new Map<string, { userId: string; version: string; body: CachedBody }>();
  /** The latest version stored per user, to drop the older ones. */
  const versions = new Map<string, string>();
  let bytes = 0;

  const drop = (k: string): void => {
    const e = entries.get(k);
    if (!e) return;
    entries.delete(k);
    bytes -= size(e.body);
  };
  const dropUser = (userId: string, keep?: string): void => {
    for (const [k, e] of entries) if (e.userId === userId && e.version !== keep) drop(k);
  };
  const id = (userId: string, version: string, key: string) => `${userId}\u0000${version}\u0000${key}`;

  return {
    get(userId, version, key, compute) {
      const k = id(userId, version, key);
      const hit = entries.get(k);
      if (hit) {
        entries.delete(k);
        entries.set(k, hit);
        return hit.body;
      }
      const data = encoder.encode(JSON.stringify(compute()));
      const etag = `"${createHash("sha256").update(data).digest("base64url").slice(0, 27)}"`;
      const gzip =
        data.byteLength >= GZIP_FROM_BYTES
          ? { bytes: new Uint8Array(gzipSync(data, { level: 6 })), etag: `${etag.slice(0, -1)}-gzip"` }
          : null;
      const body: CachedBody = { bytes: data, etag, gzip };
      if (versions.get(userId) !== version) {
        dropUser(userId, version);
        versions.set(userId, version);
      }
      entries.set(k, { userId, version, body });
      bytes += size(body);
      while (entries.size > 0 && (entries.size > maxEntries || bytes > maxBytes)) {
        const oldest = entries.keys().next().value as string;
        if (oldest === k) break;
        drop(oldest);
      }
      if (versions.size > maxEntries * 4) versions.clear();
      return body;
    },
    has(userId, version, key) {
      return entries.has(id(userId, version, key));
    },
    forget(userId) {
      dropUser(userId);
      versions.delete(userId);
    },
    get stats() {
      return { entries: entries.size, bytes };
    },
  };
}

/** Whether an Accept-Encoding header accepts gzip (listed without q=0). */
function acceptsGzip(acceptEncoding: string | undefined): boolean {
  if (!acceptEncoding) return false;
  return acceptEncoding.split(",").some((part) => {
    const [coding, ...params] = part.trim().toLowerCase().split(";");
    if (coding !== "gzip" && coding !== "x-gzip") return false;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
    return q === undefined || Number(q.slice(2)) > 0;
  });
}

/**
 * The cached JSON bytes as the answer, gzip-compressed when the client accepts it, 304 when the client
 * already holds them; typed as JSON for hono/client.
 */
export function cachedJson<T>(
  req: { header(name: string): string | undefined },
  body: CachedBody,
): TypedResponse<T, 200, "json"> {
  const gzip = body.gzip && acceptsGzip(req.header("Accept-Encoding")) ? body.gzip : null;
  const etag = gzip?.etag ?? body.etag;
  const headers: Record<string, string> = {
    ETag: etag,
    "Cache-Control": "private, no-cache",
    Vary: "Accept-Encoding",
  };
  const ifNoneMatch = req.header("If-None-Match");
  if (ifNoneMatch?.split(/\s*,\s*/).includes(etag)) {
    return new Response(null, { status: 304, headers }) as unknown as TypedResponse<T, 200, "json">;
  }
  headers["Content-Type"] = "application/json";
  if (gzip) headers["Content-Encoding"] = "gzip";
  return new Response(gzip?.bytes ?? body.bytes, { status: 200, headers }) as unknown as TypedResponse<
    T,
    200,
    "json"
  >;
}
