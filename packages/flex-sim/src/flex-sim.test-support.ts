import type { FlexSim } from "./start-flex-sim.ts";

export interface Envelope {
  readonly status: string;
  readonly code: number | null;
  readonly message: string | null;
  readonly reference: string | null;
  readonly url: string | null;
}

export function readEnvelope(text: string): Envelope {
  const tag = (name: string) => new RegExp(`<${name}>([^<]*)</${name}>`).exec(text)?.[1] ?? null;
  const code = tag("ErrorCode");
  return {
    status: tag("Status") ?? "",
    code: code === null ? null : Number(code),
    message: tag("ErrorMessage"),
    reference: tag("ReferenceCode"),
    url: tag("Url"),
  };
}

export async function sendRequest(sim: FlexSim, token: string, queryId: string): Promise<Envelope> {
  const response = await fetch(
    `${sim.url}/AccountManagement/FlexWebService/SendRequest?t=${token}&q=${queryId}&v=3`,
  );
  return readEnvelope(await response.text());
}

export async function getStatement(
  sim: FlexSim,
  token: string,
  reference: string,
): Promise<{ status: number; text: string }> {
  const response = await fetch(
    `${sim.url}/AccountManagement/FlexWebService/GetStatement?t=${token}&q=${reference}&v=3`,
  );
  return { status: response.status, text: await response.text() };
}

export const SMALL_QUERY = {
  accounts: 1,
  seed: 5,
  executions: 120,
  fromDate: "2025-01-02",
  toDate: "2025-06-30",
} as const;
