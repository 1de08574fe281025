// A Flex statement never has a DTD; refusing `<!DOCTYPE`/`<!ENTITY` outright rules out entity expansion
// (billion laughs, external entities) before the tokenizer sees a byte of it.
import { FlexFormatError } from "./flex-format-error.ts";

const TAIL = 8;

/** Scans text chunks as they arrive, including markup split across two chunks. */
export class ForbiddenMarkupScanner {
  private tail = "";

  /** Throws FlexFormatError("doctype-forbidden") when the chunk (or its join with the last one) declares a DTD. */
  scan(chunk: string): void {
    if (this.tail.length > 0) check(this.tail + chunk.slice(0, TAIL));
    check(chunk);
    this.tail = chunk.length >= TAIL ? chunk.slice(-TAIL) : (this.tail + chunk).slice(-TAIL);
  }
}

function check(s: string): void {
  let i = s.indexOf("<!");
  while (i !== -1) {
    const word = s.slice(i + 2, i + 9).toUpperCase();
    if (word === "DOCTYPE" || word.startsWith("ENTITY")) {
      throw new FlexFormatError(
        "doctype-forbidden",
        "The file declares a DOCTYPE or ENTITY, which a Flex statement never has; it was not read.",
      );
    }
    i = s.indexOf("<!", i + 2);
  }
}
