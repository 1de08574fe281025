// The one place closeout relies on saxes internals (ADR 0002, "Attributes"): its two steps for a tag's
// attributes, `pushAttrib` per attribute as it is read and `processAttribs` once the tag is complete, which
// would build an object per tag. They are instance fields, not in saxes's typings;
// saxes-attribute-adapter.test.ts fails if an upgrade renames them or changes when they run.
import type { SaxesParser } from "saxes";

interface SaxesAttributeSteps {
  pushAttrib: (name: string, value: string) => void;
  processAttribs: () => void;
}

/**
 * Sends every attribute to `push` instead of saxes's object per tag; `finish` runs when a tag's attributes
 * are complete and returns a name the tag gave twice (saxes's own well-formedness error then), or null.
 */
export function routeAttributes(
  sax: SaxesParser,
  push: (name: string, value: string) => void,
  finish: () => string | null,
): void {
  const steps = sax as unknown as SaxesAttributeSteps;
  if (typeof steps.pushAttrib !== "function" || typeof steps.processAttribs !== "function") {
    throw new Error("saxes no longer has pushAttrib/processAttribs: see ADR 0002 before upgrading it");
  }
  steps.pushAttrib = push;
  steps.processAttribs = () => {
    const twice = finish();
    if (twice !== null) sax.fail(`duplicate attribute: ${twice}.`);
  };
}
