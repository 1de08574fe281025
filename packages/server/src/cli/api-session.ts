// A minimal client of our own HTTP API with a cookie jar and the CSRF header, for the demo set-up (it goes
// through the same routes a browser does).
export interface ApiSession {
  call(method: string, path: string, body?: unknown): Promise<{ status: number; json: unknown }>;
}

export async function openApiSession(baseUrl: string): Promise<ApiSession> {
  const cookies = new Map<string, string>();
  const remember = (response: Response) => {
    for (const line of response.headers.getSetCookie()) {
      const [pair = ""] = line.split(";");
      const eq = pair.indexOf("=");
      if (eq > 0) cookies.set(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim());
    }
  };
  const call: ApiSession["call"] = async (method, path, body) => {
    const headers: Record<string, string> = {
      Cookie: [...cookies].map(([k, v]) => `${k}=${v}`).join("; "),
      Origin: baseUrl,
    };
    const csrf = cookies.get("__Host-closeout_csrf") ?? cookies.get("closeout_csrf");
    if (csrf) headers["X-CSRF-Token"] = csrf;
    if (body !== undefined) headers["Content-Type"] = "application/json";
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers,
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    remember(response);
    const text = await response.text();
    return { status: response.status, json: text ? JSON.parse(text) : null };
  };
  await call("GET", "/api/auth/csrf");
  return { call };
}
