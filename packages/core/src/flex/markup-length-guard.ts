// Saxes builds a name, an attribute value, a comment or a CDATA section as one string across chunks and reports
// it only when it ends, so a length check in a handler comes after the memory is spent. This guard looks at
// each chunk before saxes does (indexOf only, no per-character loop) and refuses a piece of markup or text that
// grows past the limit: in plain markup every `<` starts a new piece (it is not allowed inside a tag or in
// text), while a comment, CDATA section or processing instruction runs to its own terminator.
import { type FlexInputLimits, markupTooLong } from "./flex-input-limits.ts";

const BANG = 0x21;
const QUESTION = 0x3f;
const DASH = 0x2d;
const BRACKET = 0x5b;

export class MarkupLengthGuard {
  /** Characters of the current piece seen so far (the carried few may count twice; the limit is coarse). */
  private run = 0;
  /** What ends the current piece: the next "<" in plain markup, else the terminator of a comment, CDATA or PI. */
  private closer = "<";
  /** The end of the last chunk when a terminator or an opener (`<!-`, `<![`, `<?`) may continue in the next. */
  private carry = "";
  /** Characters of an opener (`<!--`, `<![CDATA[`) that fall in the next chunk. */
  private skip = 0;

  constructor(private readonly limits: FlexInputLimits) {}

  /** Throws FlexFormatError("markup-too-long") as soon as one piece is longer than the limit. */
  scan(chunk: string): void {
    const s = this.carry.length === 0 ? chunk : this.carry + chunk;
    this.carry = "";
    let i = this.skip;
    this.skip = 0;
    while (i < s.length) {
      if (this.closer === "<") {
        const at = s.indexOf("<", i);
        if (at === -1) {
          this.grow(s.length - i);
          return;
        }
        this.grow(at - i);
        this.run = 0;
        if (at + 2 >= s.length) {
          // Too close to the end to tell a comment, CDATA or PI from a tag: decide with the next chunk.
          this.carry = s.slice(at);
          return;
        }
        i = this.open(s, at);
      } else {
        const end = s.indexOf(this.closer, i);
        if (end === -1) {
          this.grow(s.length - i);
          this.carry = s.slice(Math.max(i, s.length - (this.closer.length - 1)));
          return;
        }
        this.grow(end - i);
        this.run = 0;
        i = end + this.closer.length;
        this.closer = "<";
      }
    }
    this.skip = i - s.length;
  }

  /** Starts the piece opened by the `<` at `at`; returns where its content begins. */
  private open(s: string, at: number): number {
    const c1 = s.charCodeAt(at + 1);
    const c2 = s.charCodeAt(at + 2);
    // Where saxes's own content of each begins, so that the guard never ends a piece before saxes does.
    if (c1 === BANG && c2 === DASH) {
      this.closer = "-->";
      return at + 4;
    }
    if (c1 === BANG && c2 === BRACKET) {
      this.closer = "]]>";
      return at + 9;
    }
    if (c1 === QUESTION) {
      this.closer = "?>";
      return at + 2;
    }
    return at + 1;
  }

  private grow(n: number): void {
    if (n <= 0) return;
    this.run += n;
    if (this.run > this.limits.maxMarkupChars) throw markupTooLong(this.limits);
  }
}
