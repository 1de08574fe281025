// Notes are Markdown rendered without raw HTML (ADR 0014): markdown-it with `html: false` escapes any tag the
// note holds, and its link check drops javascript:, vbscript:, file: and non-image data: URLs.
import MarkdownIt from "markdown-it";

const md = new MarkdownIt({ html: false, linkify: false, typographer: false, breaks: true });
// Links open outside the app and tell the target nothing about it.
const defaultLinkOpen =
  md.renderer.rules.link_open ??
  ((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options));
md.renderer.rules.link_open = (tokens, idx, options, env, self) => {
  tokens[idx]!.attrSet("rel", "noopener noreferrer nofollow");
  tokens[idx]!.attrSet("target", "_blank");
  return defaultLinkOpen(tokens, idx, options, env, self);
};

/** Safe HTML of a note. */
export function renderMarkdown(note: string): string {
  return md.render(note);
}
