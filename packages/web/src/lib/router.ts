// A tiny history router: the app has a dozen flat routes, so a route table and two hooks cover it without a
// routing library. The server must answer every non-/api path with index.html (SPA fallback).
export interface RouteMatch {
  name: RouteName;
  params: Record<string, string>;
}

export type RouteName =
  | "home"
  | "login"
  | "signup"
  | "link"
  | "dashboard"
  | "trades"
  | "trade"
  | "breakdowns"
  | "accounts"
  | "account"
  | "settings"
  | "public"
  | "day"
  | "not-found";

const ROUTES: readonly [RouteName, string][] = [
  ["home", "/"],
  ["login", "/login"],
  ["signup", "/signup"],
  ["link", "/link"],
  ["dashboard", "/dashboard"],
  ["trades", "/trades"],
  ["trade", "/trades/:id"],
  ["breakdowns", "/breakdowns"],
  ["accounts", "/accounts"],
  ["account", "/account"],
  ["settings", "/settings"],
  ["public", "/p/:handle"],
  ["day", "/journal/:date"],
];

export function matchRoute(pathname: string): RouteMatch {
  const path = pathname.length > 1 ? pathname.replace(/\/+$/, "") : pathname;
  const segments = path.split("/");
  for (const [name, pattern] of ROUTES) {
    const parts = pattern.split("/");
    if (parts.length !== segments.length) continue;
    const params: Record<string, string> = {};
    let ok = true;
    for (let i = 0; i < parts.length; i++) {
      const part = parts[i]!;
      const segment = segments[i]!;
      if (part.startsWith(":")) {
        if (segment === "") {
          ok = false;
          break;
        }
        try {
          params[part.slice(1)] = decodeURIComponent(segment);
        } catch {
          ok = false;
          break;
        }
      } else if (part !== segment) {
        ok = false;
        break;
      }
    }
    if (ok) return { name, params };
  }
  return { name: "not-found", params: {} };
}

/** Routes anyone may open without a session. */
export const PUBLIC_ROUTES: ReadonlySet<RouteName> = new Set(["login", "signup", "public", "not-found"]);
