// IB answers SendRequest, and GetStatement when no statement is ready, with a small
// <FlexStatementResponse> envelope. It is read with anchored patterns rather than a general XML parser:
// the envelope is tiny and flat, and the statement itself goes through core's hardened parser.
export interface FlexEnvelope {
  readonly status: string;
  readonly referenceCode: string | null;
  readonly url: string | null;
  readonly errorCode: string | null;
  readonly errorMessage: string | null;
}

const MAX_ENVELOPE_CHARS = 64 * 1024;

export function isFlexEnvelope(body: string): boolean {
  const head = body.slice(0, 512).replace(/^\uFEFF?\s*(<\?xml[^>]*\?>)?\s*/, "");
  return head.startsWith("<FlexStatementResponse");
}

export function readFlexEnvelope(body: string): FlexEnvelope | null {
  if (body.length > MAX_ENVELOPE_CHARS || !isFlexEnvelope(body)) return null;
  const status = element(body, "Status");
  if (status === null) return null;
  return {
    status,
    referenceCode: element(body, "ReferenceCode"),
    url: element(body, "Url"),
    errorCode: element(body, "ErrorCode"),
    errorMessage: element(body, "ErrorMessage"),
  };
}

function element(body: string, name: string): string | null {
  const match = new RegExp(`<${name}>([^<]*)</${name}>`).exec(body);
  return match?.[1] === undefined ? null : decodeText(match[1].trim());
}

function decodeText(text: string): string {
  return text
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, "&");
}
