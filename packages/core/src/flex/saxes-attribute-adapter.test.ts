// Fails when a saxes upgrade renames its attribute steps or changes when it calls them (ADR 0002).
import { SaxesParser } from "saxes";
import { describe, expect, it } from "vitest";
import { routeAttributes } from "./saxes-attribute-adapter.ts";

function read(xml: string) {
  const sax = new SaxesParser({ xmlns: false, position: false });
  const events: string[] = [];
  routeAttributes(
    sax,
    (name, value) => events.push(`${name}=${value}`),
    () => {
      events.push("finish");
      const names = events.filter((e) => e.includes("=")).map((e) => e.split("=")[0]);
      return names.find((n, i) => names.indexOf(n) !== i) ?? null;
    },
  );
  sax.on("opentag", (tag) => events.push(`<${tag.name}>`));
  sax.on("error", (err) => {
    throw err;
  });
  sax.write(xml).close();
  return events;
}

describe("saxes attribute adapter", () => {
  it("hands every attribute over in document order, then finishes the tag before saxes opens it", () => {
    expect(read('<a x="1" y="two &amp; three"><b z=""/></a>')).toEqual([
      "x=1",
      "y=two & three",
      "finish",
      "<a>",
      "z=",
      "finish",
      "<b>",
    ]);
  });

  it("keeps saxes's well-formedness error for a name given twice", () => {
    expect(() => read('<a x="1" x="2"/>')).toThrow(/duplicate attribute: x/);
  });

  it("refuses a saxes without the steps it replaces", () => {
    const sax = new SaxesParser();
    Object.defineProperty(sax, "pushAttrib", { value: undefined });
    expect(() =>
      routeAttributes(
        sax,
        () => {},
        () => null,
      ),
    ).toThrow(/ADR 0002/);
  });
});
