import { SaxesParser } from "saxes";

export interface XmlElement {
  readonly name: string;
  readonly attributes: Readonly<Record<string, string>>;
  /** Names of the enclosing elements, outermost first. */
  readonly path: readonly string[];
}

/** Parses XML strictly (throws on any well-formedness error) and returns every element in document order. */
export function readFlexXml(xml: string): XmlElement[] {
  const parser = new SaxesParser();
  const elements: XmlElement[] = [];
  const stack: string[] = [];
  parser.on("error", (error) => {
    throw error;
  });
  parser.on("opentag", (tag) => {
    elements.push({ name: tag.name, attributes: tag.attributes as Record<string, string>, path: [...stack] });
    if (!tag.isSelfClosing) stack.push(tag.name);
  });
  parser.on("closetag", (tag) => {
    if (!tag.isSelfClosing) stack.pop();
  });
  parser.write(xml).close();
  return elements;
}
