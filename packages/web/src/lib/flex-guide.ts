// The Flex query closeout needs, step by step in the order IB's Client Portal shows its screens. Written from
// IB's screens (names as IB spells them) so users can follow along with the portal open beside the app.

/** Flex element name → the section's name on IB's Flex query screen (report contract, "Query check"). */
export const FLEX_SECTIONS: Readonly<Record<string, string>> = {
  AccountInformation: "Account Information",
  CorporateActions: "Corporate Actions",
  SecuritiesInfo: "Financial Instrument Information",
  TradeTransfers: "Incoming/Outgoing Trade Transfers",
  OpenPositions: "Open Positions",
  OptionEAE: "Option Exercises, Assignments and Expirations",
  Trades: "Trades",
};

/** Fields closeout checks, described as the setting to change in IB. */
const FLEX_FIELDS: Readonly<Record<string, string>> = {
  "Trades.dateTime":
    "Trades carry no time of day. In Delivery Configuration, set a Time Format (HHmmss) and make sure the Trades section includes Date/Time.",
  "AccountInformation.currency":
    "Account Information lacks Currency. Tick Currency in the Account Information section.",
};

export function sectionLabel(element: string): string {
  return FLEX_SECTIONS[element] ?? element;
}

const FIELD_TITLES: Readonly<Record<string, string>> = {
  "Trades.dateTime": "Trades have no time of day",
  "AccountInformation.currency": "Account Information lacks Currency",
};

export function fieldTitle(field: string): string {
  return FIELD_TITLES[field] ?? `Field missing: ${field}`;
}

export function fieldExplanation(field: string): string {
  return FLEX_FIELDS[field] ?? `The field ${field} is missing from the statement.`;
}

export interface SectionSetup {
  element: string;
  /** The option IB preselects under "Options", which must stay the only one ticked. */
  option?: string;
  /** Fields to tick instead of "Select All". */
  fields?: readonly string[];
}

export const SECTION_SETUP: readonly SectionSetup[] = [
  {
    element: "AccountInformation",
    fields: ["Account ID", "Account Alias", "Account Name", "Model", "Currency"],
  },
  { element: "CorporateActions" },
  { element: "SecuritiesInfo" },
  { element: "TradeTransfers", option: "Trade Transfers" },
  { element: "OpenPositions", option: "Summary" },
  { element: "OptionEAE" },
  { element: "Trades", option: "Executions" },
];

export interface DeliverySetting {
  name: string;
  value: string;
  note?: string;
}

export const DELIVERY_SETTINGS: readonly DeliverySetting[] = [
  { name: "Format", value: "XML" },
  {
    name: "Period",
    value: "Last 365 Calendar Days",
    note: "the longest IB offers; older years can be uploaded later",
  },
  { name: "Date Format", value: "yyyyMMdd" },
  { name: "Time Format", value: "HHmmss", note: "without a time of day, intraday timing cannot be shown" },
  { name: "Date/Time Separator", value: "; (semi-colon)" },
];

export interface WizardStep {
  id: string;
  title: string;
}

export const WIZARD_STEPS: readonly WizardStep[] = [
  { id: "intro", title: "What the link can do" },
  { id: "query", title: "Create the Flex query" },
  { id: "sections", title: "Choose the sections" },
  { id: "delivery", title: "Delivery settings" },
  { id: "query-id", title: "Copy the Query Id" },
  { id: "token", title: "Get a Flex token" },
  { id: "link", title: "Link" },
];
