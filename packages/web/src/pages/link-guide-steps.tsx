// The IB-side steps of the link wizard, one screen each, in the order IB's Client Portal presents them.
import type { ReactNode } from "react";
import { Icon } from "../components/icons.tsx";
import { DELIVERY_SETTINGS, SECTION_SETUP, sectionLabel } from "../lib/flex-guide.ts";

function IbPath({ parts }: { parts: string[] }) {
  return (
    <span className="ib-path">
      {parts.map((part, i) => (
        <span key={part}>
          {i > 0 && <span aria-hidden="true">→ </span>}
          {i > 0 && <span className="visually-hidden">then </span>}
          {part}
        </span>
      ))}
    </span>
  );
}

export function IntroStep() {
  return (
    <div className="stack">
      <p>
        closeout reads your trades from Interactive Brokers through IB's <strong>Flex reporting</strong>. You
        create a report definition (a Flex query) and a separate access token in IB's Client Portal, then give
        closeout the token and the query's number. It takes about five minutes.
      </p>
      <div className="notice">
        <h2 className="row">
          <Icon name="shield" /> What closeout can do with the token
        </h2>
        <ul>
          <li>
            <strong>Download the report you define, nothing else.</strong> The token works only for Flex
            reports.
          </li>
          <li>
            <strong>It cannot place trades, move money or change any setting.</strong> The token is read-only
            and separate from your IB login.
          </li>
          <li>
            <strong>closeout never asks for your IB username or password</strong>, and never sees them.
          </li>
          <li>You can switch the token off in IB at any time; closeout then simply stops syncing.</li>
        </ul>
      </div>
      <p className="muted small">
        What you get: every trade of the last 365 days, with trade times for intraday analysis, checked
        against IB's own realized P&L, then a new sync every day. Older years can be added later by uploading
        statements.
      </p>
    </div>
  );
}

export function QueryStep() {
  return (
    <ol className="stack">
      <li>
        Log in to IB's Client Portal in another tab and open{" "}
        <IbPath parts={["Performance & Reports", "Flex Queries"]} />.
      </li>
      <li>
        Next to <strong>Activity Flex Query</strong>, press the <strong>+</strong> button to create a new
        query.
      </li>
      <li>
        Type a <strong>Query Name</strong>, for example <code>closeout</code>. IB does not accept spaces in
        it.
      </li>
      <li>Leave the page open: the next step picks the sections of the report.</li>
    </ol>
  );
}

export function SectionsStep({
  done,
  toggle,
  missing,
}: {
  done: ReadonlySet<string>;
  toggle: (element: string) => void;
  missing: ReadonlySet<string>;
}) {
  return (
    <div>
      <p>
        Under <strong>Sections</strong>, click each of the seven sections below. In each one, do what is
        listed, then press <strong>Save</strong> at the bottom of that section's window. Tick them off here as
        you go.
      </p>
      <ul className="section-list">
        {SECTION_SETUP.map((section) => {
          const name = sectionLabel(section.element);
          const isMissing = missing.has(section.element);
          const id = `section-${section.element}`;
          return (
            <li key={section.element} className={isMissing ? "missing" : undefined}>
              <label className="choice" htmlFor={id}>
                <input
                  id={id}
                  type="checkbox"
                  checked={done.has(section.element)}
                  onChange={() => toggle(section.element)}
                />
                <span>
                  <strong>{name}</strong>
                  {isMissing && <span className="badge bad"> missing in your last check</span>}
                  <br />
                  <SectionInstructions option={section.option} fields={section.fields} />
                </span>
              </label>
            </li>
          );
        })}
      </ul>
    </div>
  );
}

function SectionInstructions({ option, fields }: { option?: string; fields?: readonly string[] }): ReactNode {
  if (fields) {
    return <span className="small">Tick {fields.join(", ")}, then Save.</span>;
  }
  return (
    <span className="small">
      {option && (
        <>
          Under Options keep only <strong>{option}</strong> (IB's default).{" "}
        </>
      )}
      Click <strong>Select All</strong>, then Save.
    </span>
  );
}

export function DeliveryStep() {
  return (
    <div>
      <p>
        Scroll down to <strong>Delivery Configuration</strong> (and <strong>General Configuration</strong>)
        and set:
      </p>
      <table className="settings-table">
        <caption className="visually-hidden">Flex query delivery settings</caption>
        <thead>
          <tr>
            <th scope="col">Setting</th>
            <th scope="col">Choose</th>
          </tr>
        </thead>
        <tbody>
          {DELIVERY_SETTINGS.map((s) => (
            <tr key={s.name}>
              <th scope="row">{s.name}</th>
              <td>
                <strong>{s.value}</strong>
                {s.note && <div className="muted small">{s.note}</div>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted small" style={{ marginTop: "0.75rem" }}>
        Leave the other settings as they are. Dates like 01/15/2025 are ambiguous, so please keep yyyyMMdd.
      </p>
    </div>
  );
}

export function QueryIdStep() {
  return (
    <ol className="stack">
      <li>
        Scroll to the bottom, press <strong>Continue</strong>, then <strong>Create</strong> (or Save) and
        confirm with <strong>OK</strong>.
      </li>
      <li>Back in the Flex Queries list, your new query appears under Activity Flex Query.</li>
      <li>
        Click the <strong>pen icon</strong> (edit) next to it. The <strong>Query Id</strong>, a number, is
        shown at the top under <em>Activity Flex Query Details</em>. Copy it.
      </li>
    </ol>
  );
}

export function TokenStep() {
  return (
    <ol className="stack">
      <li>
        In IB's Client Portal open{" "}
        <IbPath parts={["Settings", "Account Settings", "Reporting", "Flex Web Service"]} />.
      </li>
      <li>
        Tick <strong>Flex Web Service Status</strong> to enable it.
      </li>
      <li>
        Under token validity choose <strong>1 year</strong>, the longest IB allows, and generate a new token.
      </li>
      <li>
        Leave <strong>IP address restriction empty</strong>: a token locked to your own IP address will not
        work from closeout's servers.
      </li>
      <li>
        Copy the <strong>Current Token</strong> and <strong>note its expiry date</strong>. closeout reminds
        you before it runs out; a new token takes a minute to paste in.
      </li>
      <li>Press Save.</li>
    </ol>
  );
}
