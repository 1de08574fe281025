// The Flex Web Service address from configuration. Self-hosters give a host (flex-sim, a proxy) as often as
// the full service address, and a host alone made every pull answer HTTP 404, so both are accepted.

export const FLEX_SERVICE_PATH = "/AccountManagement/FlexWebService";

/**
 * The service address for `raw`: a bare origin gets FLEX_SERVICE_PATH; an address already ending with it is
 * kept. Null for anything else (another path, not http(s)), which the caller refuses with its own words.
 */
export function flexServiceUrl(raw: string): string | null {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return null;
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return null;
  if (url.search !== "" || url.hash !== "" || url.username !== "" || url.password !== "") return null;
  const path = url.pathname.replace(/\/+$/, "");
  if (path === "") return `${url.origin}${FLEX_SERVICE_PATH}`;
  if (path.toLowerCase().endsWith(FLEX_SERVICE_PATH.toLowerCase())) return `${url.origin}${path}`;
  return null;
}

export const FLEX_SERVICE_URL_HINT = `must be the Flex Web Service's host (e.g. http://127.0.0.1:<port> for flex-sim) or its full address ending with ${FLEX_SERVICE_PATH}`;
