// What a link's test pull found, in words for people: the query check's problems (as `closeout check-query`
// words them) and the accounts in the statement.
import { type checkQuery, type FlexData, listAccounts, sectionLabel } from "@closeout/core";

export function describeCheck(check: ReturnType<typeof checkQuery>) {
  const problems = [
    ...check.missingSections.map(
      (s) =>
        `The query lacks the section "${sectionLabel(s)}": tick it in the query's Sections, then Select All and Save.`,
    ),
    ...check.missingFields.map((f) => `The query lacks the field ${f}.`),
  ];
  return { ...check, problems };
}

export function describeAccounts(data: FlexData) {
  return listAccounts(data).map(({ accountId, baseCurrency }) => {
    const executions = data.executions.filter((e) => e.accountId === accountId && !e.isConversion).length;
    const statements = data.statements.filter((s) => s.accountId === accountId);
    const from =
      statements
        .map((s) => s.fromDate)
        .filter((d): d is string => d !== null)
        .sort()[0] ?? null;
    const to =
      statements
        .map((s) => s.toDate)
        .filter((d): d is string => d !== null)
        .sort()
        .at(-1) ?? null;
    const span = from && to ? ` from ${from} to ${to}` : "";
    return {
      accountId,
      baseCurrency,
      executions,
      fromDate: from,
      toDate: to,
      description: `Account ${accountId}${baseCurrency ? ` (base currency ${baseCurrency})` : ""}: ${executions} execution${executions === 1 ? "" : "s"}${span}.`,
    };
  });
}

/** The error a link answers when its query lacks something closeout needs. */
export function queryIncomplete(check: ReturnType<typeof describeCheck>): {
  message: string;
  details: { check: ReturnType<typeof describeCheck> };
} {
  return {
    message: `The Flex query needs changes before closeout can use it. ${check.problems.join(" ")}`,
    details: { check },
  };
}
