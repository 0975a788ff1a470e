import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { createCriticalCss } from "./critical-css.ts";
import { buildStylesheet } from "./styles.ts";

const page = (body: string) => `<html><body class="koers-theme">${body}</body></html>`;

describe("the CSS a page needs", () => {
  const css = [
    ".koers-theme{--blue:#01689b;--link:var(--blue);--unused:red;--also-unused:var(--unused)}",
    "body{margin:0}",
    ".a{color:var(--link)}",
    ".b{color:green}",
    ".a.b{font-weight:bold}",
    ".a .c,.d{padding:0}",
    ".a:not(.b){border:0}",
    '.a[data-x=".b"]{outline:0}',
    "@media (min-width:40em){.b{margin:1em}.a{margin:2em}}",
    "@media print{.b{display:none}}",
    "@keyframes spin{to{transform:rotate(1turn)}}",
    ".note--hope{color:olive}.note--fear{color:maroon}",
  ].join("");

  it("keeps rules whose classes the page uses, and rules without classes", () => {
    const out = createCriticalCss(css, []).forHtml(page('<p class="a">x</p>'));
    expect(out).toContain("body{margin:0}");
    expect(out).toContain(".a{color:var(--link)}");
    expect(out).not.toContain(".b{color:green}");
    expect(out).not.toContain(".a.b{");
  });

  it("keeps a selector list when one selector matches, and ignores classes inside :not() and attributes", () => {
    const out = createCriticalCss(css, []).forHtml(page('<p class="d a">x</p>'));
    expect(out).toContain(".a .c,.d{padding:0}");
    expect(out).toContain(".a:not(.b){border:0}");
    expect(out).toContain('.a[data-x=".b"]{outline:0}');
  });

  it("drops the @charset each component file starts with, and ends other statements properly", () => {
    const sheet =
      '@charset "UTF-8";.a{color:red}@charset "UTF-8";@import url(x.css);.b{color:blue}';
    const out = createCriticalCss(sheet, []).forHtml(page('<p class="a b">x</p>'));
    expect(out).toBe(".a{color:red}@import url(x.css);.b{color:blue}");
  });

  it("keeps at-rules with something left in them, in their place", () => {
    const out = createCriticalCss(css, []).forHtml(page('<p class="a">x</p>'));
    expect(out).toContain("@media (min-width:40em){.a{margin:2em}}");
    expect(out).not.toContain("@media print");
    expect(out).toContain("@keyframes spin");
  });

  it("keeps the custom properties that kept rules use, through other properties, and no others", () => {
    const out = createCriticalCss(css, []).forHtml(page('<p class="a">x</p>'));
    expect(out).toContain(".koers-theme{--blue:#01689b;--link:var(--blue)}");
    expect(out).not.toContain("--unused");
  });

  it("counts classes a script adds, whole and templated (Koers's and Utrecht's prefixes)", () => {
    // board.js builds "koers-board-note--" + the category in a template literal.
    const script = ["li.className = `koers-note--$", '{kind}`; el.className = "koers-b";'].join("");
    const sheet =
      ".koers-note--hope{color:olive}.koers-note--fear{color:maroon}.koers-b{color:green}";
    const out = createCriticalCss(sheet, [script]).forHtml(page("<p>x</p>"));
    expect(out).toBe(sheet);
    expect(createCriticalCss(sheet, []).forHtml(page("<p>x</p>"))).toBe("");
  });

  it("reads classes from templates in the page, which scripts clone", () => {
    const out = createCriticalCss(css, []).forHtml(
      page('<template><li class="b"></li></template>'),
    );
    expect(out).toContain(".b{color:green}");
  });

  it("makes a real page's CSS a fraction of the whole stylesheet", () => {
    const stylesheet = buildStylesheet((path) => readFileSync(path, "utf8"));
    const critical = createCriticalCss(stylesheet, []);
    const out = critical.forHtml(
      page('<a class="utrecht-link" href="/">x</a><h1 class="utrecht-heading-1">Mijn plan</h1>'),
    );
    expect(out).toContain(".utrecht-heading-1{");
    expect(out).not.toContain(".utrecht-table");
    expect(out.length).toBeLessThan(stylesheet.length / 4);
    expect(
      critical.forHtml(
        page('<h1 class="utrecht-heading-1">Ander</h1><a class="utrecht-link">y</a>'),
      ),
    ).toBe(out);
  });
});
