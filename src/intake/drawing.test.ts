import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import {
  contentDisposition,
  imageTypeOf,
  parseSvg,
  pictogramRules,
  sanitiseSketch,
  UnsafeSvgError,
} from "./drawing.ts";
import { domains } from "./schema.ts";

const svg = (
  inner: string,
  attributes = 'xmlns="http://www.w3.org/2000/svg" viewBox="0 0 800 500"',
) => `<svg ${attributes}>${inner}</svg>`;
const line = '<path d="M10 10 L20 20.5 l-3e1,4" fill="none" stroke="#1b1b1b" stroke-width="3"/>';

describe("sanitiseSketch", () => {
  it("keeps a drawing of paths and polylines, written out again by Koers", () => {
    const input = svg(
      `\n  ${line}\n  <polyline points="1,2 3,4 5,6" stroke="currentColor"></polyline>\n`,
    );
    expect(sanitiseSketch(input)).toBe(
      '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 800 500"><path d="M10 10 L20 20.5 l-3e1,4" fill="none" stroke="#1b1b1b" stroke-width="3"/><polyline points="1,2 3,4 5,6" stroke="currentColor"/></svg>',
    );
  });

  it("adds the SVG namespace when it is missing", () => {
    expect(sanitiseSketch(`<svg viewBox="0 0 10 10">${line}</svg>`)).toContain(
      'xmlns="http://www.w3.org/2000/svg"',
    );
  });

  it("returns null for an empty drawing", () => {
    expect(sanitiseSketch(svg(""))).toBeNull();
  });

  it.each([
    ["a script element", svg(`${line}<script>alert(1)</script>`)],
    ["a script element in capitals", svg("<SCRIPT>alert(1)</SCRIPT>")],
    ["a script element as the root", "<script>alert(1)</script>"],
    [
      "an event handler on the root",
      svg(line, 'xmlns="http://www.w3.org/2000/svg" onload="alert(1)"'),
    ],
    ["an event handler on a path", svg('<path d="M0 0" onclick="alert(1)"/>')],
    ["an event handler with odd spacing", svg('<path d="M0 0"\nonmouseover = "alert(1)"/>')],
    ["an unquoted handler", svg("<path d=M0 onclick=alert(1) />")],
    ["a single-quoted attribute", svg("<path d='M0 0'/>")],
    ["a javascript: link", svg('<a href="javascript:alert(1)">x</a>')],
    ["xlink:href on a path", svg('<path d="M0 0" xlink:href="javascript:alert(1)"/>')],
    [
      "a foreignObject with HTML",
      svg('<foreignObject><img src="x" onerror="alert(1)"/></foreignObject>'),
    ],
    ["a style element", svg("<style>*{background:url(javascript:alert(1))}</style>")],
    ["a style attribute", svg('<path d="M0 0" style="fill:url(#x)"/>')],
    ["a url() paint", svg('<path d="M0 0" fill="url(https://evil.example/x)"/>')],
    ["an image element", svg('<image href="https://evil.example/track.png"/>')],
    ["a use element", svg('<use href="#x"/>')],
    [
      "an animate element that sets an attribute",
      svg('<animate attributeName="href" to="javascript:alert(1)"/>'),
    ],
    ["a character reference spelling a handler", svg('<path d="M0 0" &#111;nclick="alert(1)"/>')],
    ["an entity in path data", svg('<path d="M0 0&lt;script&gt;"/>')],
    ["a doctype with an entity", `<!DOCTYPE svg [<!ENTITY x "y">]>${svg(line)}`],
    ["a CDATA section", svg("<![CDATA[<script>alert(1)</script>]]>")],
    ["a comment", svg(`<!-- hi -->${line}`)],
    ["a processing instruction", `<?xml-stylesheet href="evil.css"?>${svg(line)}`],
    ["text content", svg(`${line}hello`)],
    ["a path with quotes smuggled into d", svg('<path d="M0 0" d="M1 1"/>')],
    ["script characters in path data", svg('<path d="M0 0 <script>"/>')],
    ["a nested svg", svg(svg(line))],
    ["an element inside a path", svg('<path d="M0 0"><script/></path>')],
    ["two roots", `${svg(line)}${svg(line)}`],
    ["an unclosed root", `<svg viewBox="0 0 1 1">${line}`],
    ["a mismatched end tag", `<svg viewBox="0 0 1 1">${line}</path>`],
    ["a wrong namespace", svg(line, 'xmlns="http://www.w3.org/1999/xhtml"')],
    ["an xmlns:xlink declaration", svg(line, 'xmlns:xlink="http://www.w3.org/1999/xlink"')],
    ["an invalid viewBox", svg(line, 'viewBox="0 0 1 javascript"')],
    ["a __proto__ attribute", svg('<path __proto__="x" d="M0 0"/>')],
    ["nothing at all", ""],
    ["far too long", svg(line.repeat(6_000))],
  ])("refuses %s", (_case, input) => {
    expect(() => sanitiseSketch(input)).toThrow(UnsafeSvgError);
  });
});

describe("the pictograms", () => {
  const folder = fileURLToPath(new URL("../../assets/pictograms/", import.meta.url));
  it("exist for every domain, and only for domains", () => {
    const files = readdirSync(folder).filter((f) => f.endsWith(".svg"));
    expect(files.sort()).toEqual(domains.map((d) => `${d}.svg`).sort());
  });

  it.each(domains)("%s is a small, plain, decorative 24×24 SVG in currentColor", (domain) => {
    const text = readFileSync(`${folder}${domain}.svg`, "utf8");
    expect(Buffer.byteLength(text)).toBeLessThan(1024);
    const root = parseSvg(text.trim(), pictogramRules);
    expect(Object.fromEntries(root.attributes)).toMatchObject({
      viewBox: "0 0 24 24",
      "aria-hidden": "true",
      stroke: "currentColor",
    });
    expect(text).not.toMatch(/#[0-9a-f]{3,8}/i);
  });
});

describe("imageTypeOf", () => {
  it.each([
    [[0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0], "image/png"],
    [[0xff, 0xd8, 0xff, 0xe0, 0, 0x10], "image/jpeg"],
    [[0x3c, 0x73, 0x76, 0x67], null],
    [[0x47, 0x49, 0x46, 0x38, 0x39, 0x61], null],
    [[], null],
  ] as const)("%j → %s", (bytes, type) => {
    expect(imageTypeOf(Uint8Array.from(bytes))).toBe(type);
  });
});

describe("contentDisposition", () => {
  it("names the file safely, with the full name encoded", () => {
    expect(contentDisposition('tekening "1".png', "inline")).toBe(
      `inline; filename="tekening_1_.png"; filename*=UTF-8''tekening%20%221%22.png`,
    );
    expect(contentDisposition("ناهید.jpg", "attachment")).toMatch(/^attachment; filename="_.jpg"/);
  });
});
