// IB Flex Web Service (v3) error codes: what each means for a retry, and what to tell the user.
// "poll": the statement is still being made — ask again shortly; "throttled": back off at least a minute;
// "transient": IB-side trouble — retry later with backoff; "fatal": retrying cannot help, the user must act.
export type RetryClass = "poll" | "throttled" | "transient" | "fatal";

export interface FlexErrorInfo {
  readonly retry: RetryClass;
  /** Link status to record when this error ends a sync. */
  readonly linkStatus:
    | "ok"
    | "token-expired"
    | "token-invalid"
    | "ip-restricted"
    | "query-invalid"
    | "ib-unavailable";
  /** Plain words for the user, with what to do. */
  readonly message: string;
}

const transient = (message: string): FlexErrorInfo => ({
  retry: "transient",
  linkStatus: "ib-unavailable",
  message,
});

export const FLEX_ERROR_CODES: Readonly<Record<string, FlexErrorInfo>> = {
  "1001": transient("IB could not generate the statement right now; closeout will try again later."),
  "1003": transient("IB says the statement is not available yet; closeout will try again later."),
  "1004": transient("IB's statement is incomplete at the moment; closeout will try again later."),
  "1005": transient("IB's settlement data is not ready yet; closeout will try again later."),
  "1006": transient("IB's FIFO P/L data is not ready yet; closeout will try again later."),
  "1007": transient("IB's MTM P/L data is not ready yet; closeout will try again later."),
  "1008": transient("IB's MTM and FIFO P/L data are not ready yet; closeout will try again later."),
  "1009": transient("IB's server is under heavy load; closeout will try again later."),
  "1010": {
    retry: "fatal",
    linkStatus: "query-invalid",
    message:
      "This is a legacy Flex query, which IB no longer serves. Create a new Activity Flex Query and link its Query Id.",
  },
  "1011": {
    retry: "fatal",
    linkStatus: "token-invalid",
    message:
      "IB says the service account is inactive. Check that the Flex Web Service is enabled in IB's settings.",
  },
  "1012": {
    retry: "fatal",
    linkStatus: "token-expired",
    message:
      "The Flex token has expired. Generate a new token under Flex Web Service in IB's settings and update the link.",
  },
  "1013": {
    retry: "fatal",
    linkStatus: "ip-restricted",
    message:
      "The Flex token is restricted to another IP address. Generate a new token with the IP address field left empty and update the link.",
  },
  "1014": {
    retry: "fatal",
    linkStatus: "query-invalid",
    message:
      "IB does not know this Query Id for this token. Copy the Query Id of your Activity Flex Query again and update the link.",
  },
  "1015": {
    retry: "fatal",
    linkStatus: "token-invalid",
    message:
      "IB does not recognise the Flex token. Copy the current token from Flex Web Service in IB's settings and update the link.",
  },
  "1016": {
    retry: "fatal",
    linkStatus: "query-invalid",
    message:
      "IB says the account of this query is invalid. Check that the Flex query belongs to the account you want to link.",
  },
  "1017": transient(
    "IB did not accept the statement's reference code; closeout will request a fresh statement.",
  ),
  "1018": {
    retry: "throttled",
    linkStatus: "ib-unavailable",
    message:
      "Too many requests were made with this token; closeout waits at least a minute before trying again.",
  },
  "1019": { retry: "poll", linkStatus: "ok", message: "IB is still generating the statement." },
  "1020": transient("IB could not validate the request; closeout will try again later."),
  "1021": transient("IB could not hand over the statement right now; closeout will try again later."),
};

export function flexErrorInfo(code: string): FlexErrorInfo {
  return (
    FLEX_ERROR_CODES[code] ?? transient(`IB answered with error ${code}; closeout will try again later.`)
  );
}
