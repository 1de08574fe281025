// The built web app: files under the dist folder, and index.html for any other GET that is not /api (the
// SPA routes in the browser). Hashed assets are cached for a year; index.html and the service worker never.
import { readFile, stat } from "node:fs/promises";
import { extname, join, normalize, resolve, sep } from "node:path";
import type { MiddlewareHandler } from "hono";

const TYPES: Readonly<Record<string, string>> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".webmanifest": "application/manifest+json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".webp": "image/webp",
  ".woff2": "font/woff2",
  ".txt": "text/plain; charset=utf-8",
  ".map": "application/json",
};

export function serveWebApp(distDir: string): MiddlewareHandler {
  const root = resolve(distDir);
  return async (c, next) => {
    if ((c.req.method !== "GET" && c.req.method !== "HEAD") || c.req.path.startsWith("/api/")) return next();
    let rel: string;
    try {
      rel = normalize(decodeURIComponent(c.req.path)).replace(/^([/\\])+/, "");
    } catch {
      return next();
    }
    const file = join(root, rel);
    if (file !== root && !file.startsWith(root + sep)) return next();
    const found = rel !== "" && (await stat(file).catch(() => null))?.isFile();
    // A missing file with an extension is a real 404; anything else is a route of the SPA.
    if (!found && extname(rel) !== "") return next();
    const path = found ? file : join(root, "index.html");
    const body = await readFile(path).catch(() => null);
    if (body === null) return next();
    const immutable = found && rel.startsWith("assets/");
    c.header("Content-Type", TYPES[extname(path)] ?? "application/octet-stream");
    c.header("Cache-Control", immutable ? "public, max-age=31536000, immutable" : "no-cache");
    if (c.req.method === "HEAD") return c.body(null, 200);
    return c.body(body.buffer.slice(body.byteOffset, body.byteOffset + body.byteLength) as ArrayBuffer, 200);
  };
}
