// Drawings and images made during a conversation. A drawing arrives as SVG text from the
// browser, so it is untrusted markup: it is parsed by a strict whitelist parser and written out
// again by Koers (never passed through), see docs/decisions/0010-intake.md.

/** A parsed SVG element: only whitelisted names and attributes ever get here. */
export interface SvgNode {
  tag: string;
  attributes: [name: string, value: string][];
  children: SvgNode[];
}

/** Thrown when SVG text is not what Koers accepts. The message says why (for logs and tests). */
export class UnsafeSvgError extends Error {
  constructor(reason: string) {
    super(`SVG refused: ${reason}`);
    this.name = "UnsafeSvgError";
  }
}

type Check = (value: string) => boolean;

interface SvgRules {
  /** Element → its allowed attributes (with a check of the value) and allowed child elements. */
  elements: Record<string, { attributes: Record<string, Check>; children: readonly string[] }>;
  maxLength: number;
  maxElements: number;
}

const number = /^-?(\d+(\.\d*)?|\.\d+)(e-?\d+)?$/i;
const isNumber: Check = (v) => number.test(v) && v.length <= 24;
const isLength: Check = (v) => isNumber(v.replace(/px$/, ""));
const isViewBox: Check = (v) => {
  const parts = v.trim().split(/[\s,]+/);
  return parts.length === 4 && parts.every(isNumber);
};
// Letters and digits of path commands only: no parentheses, colons or quotes can get through.
const isPathData: Check = (v) => /^[MmLlHhVvCcSsQqTtAaZz0-9eE.,\s+-]*$/.test(v);
const isPoints: Check = (v) => /^[0-9eE.,\s+-]*$/.test(v);
const isColour: Check = (v) =>
  /^#[0-9a-f]{3,8}$/i.test(v) || v === "currentColor" || /^[a-z]{3,20}$/.test(v);
const oneOf =
  (...values: string[]): Check =>
  (v) =>
    values.includes(v);

const strokeAttributes: Record<string, Check> = {
  fill: (v) => v === "none" || isColour(v),
  stroke: isColour,
  "stroke-width": isNumber,
  "stroke-linecap": oneOf("butt", "round", "square"),
  "stroke-linejoin": oneOf("miter", "round", "bevel"),
};
const xmlns = oneOf("http://www.w3.org/2000/svg");

/** What a sketch may hold: one svg with paths and polylines, and a handful of presentation attributes. */
export const sketchRules: SvgRules = {
  elements: {
    svg: {
      attributes: { xmlns, viewBox: isViewBox, width: isLength, height: isLength },
      children: ["path", "polyline"],
    },
    path: { attributes: { d: isPathData, ...strokeAttributes }, children: [] },
    polyline: { attributes: { points: isPoints, ...strokeAttributes }, children: [] },
  },
  maxLength: 400_000,
  maxElements: 5_000,
};

/** What Koers's own pictograms may hold (assets/pictograms): the same, plus circles and a11y flags. */
export const pictogramRules: SvgRules = {
  elements: {
    svg: {
      attributes: {
        xmlns,
        viewBox: oneOf("0 0 24 24"),
        "aria-hidden": oneOf("true"),
        focusable: oneOf("false"),
        ...strokeAttributes,
      },
      children: ["path", "polyline", "circle"],
    },
    path: { attributes: { d: isPathData, ...strokeAttributes }, children: [] },
    polyline: { attributes: { points: isPoints, ...strokeAttributes }, children: [] },
    circle: {
      attributes: { cx: isNumber, cy: isNumber, r: isNumber, ...strokeAttributes },
      children: [],
    },
  },
  maxLength: 1_024,
  maxElements: 20,
};

const tagPattern = /<(\/?)([A-Za-z][\w:.-]*)((?:\s+[^\s=<>/"']+\s*=\s*"[^"]*")*)\s*(\/?)>/y;
const attributePattern = /\s+([^\s=<>/"']+)\s*=\s*"([^"]*)"/g;

/**
 * Parses SVG text against a whitelist and returns the element tree. Refuses (UnsafeSvgError)
 * anything else: other elements (script, foreignObject, style, image, use, a …), other attributes
 * (event handlers, href, style), comments, CDATA, processing instructions, doctypes, entities and
 * character references, text content, single-quoted or unquoted attributes, duplicates.
 */
export function parseSvg(text: string, rules: SvgRules): SvgNode {
  if (text.length > rules.maxLength) throw new UnsafeSvgError("too long");
  // No entity or character references at all: they could spell out anything.
  if (text.includes("&")) throw new UnsafeSvgError("entity or character reference");
  const stack: SvgNode[] = [];
  let root: SvgNode | undefined;
  let count = 0;
  let at = 0;
  while (at < text.length) {
    const space = /\s+/y;
    space.lastIndex = at;
    if (space.test(text)) {
      at = space.lastIndex;
      continue;
    }
    if (text[at] !== "<") throw new UnsafeSvgError("text content");
    tagPattern.lastIndex = at;
    const match = tagPattern.exec(text);
    if (!match) throw new UnsafeSvgError("not a plain element tag");
    at = tagPattern.lastIndex;
    const [, closing, tag = "", attributeText = "", selfClosing] = match;
    if (closing) {
      if (attributeText || selfClosing) throw new UnsafeSvgError("malformed end tag");
      if (stack.pop()?.tag !== tag) throw new UnsafeSvgError(`unexpected </${tag}>`);
      continue;
    }
    const allowed = rules.elements[tag];
    if (!allowed) throw new UnsafeSvgError(`element <${tag}>`);
    const parent = stack.at(-1);
    if (parent ? !rules.elements[parent.tag]?.children.includes(tag) : tag !== "svg")
      throw new UnsafeSvgError(`<${tag}> not allowed here`);
    if (!parent && root) throw new UnsafeSvgError("more than one root");
    if (++count > rules.maxElements) throw new UnsafeSvgError("too many elements");
    const node: SvgNode = { tag, attributes: [], children: [] };
    const seen = new Set<string>();
    for (const [, name = "", value = ""] of attributeText.matchAll(attributePattern)) {
      const check = Object.hasOwn(allowed.attributes, name) ? allowed.attributes[name] : undefined;
      if (!check) throw new UnsafeSvgError(`attribute ${name} on <${tag}>`);
      if (seen.has(name)) throw new UnsafeSvgError(`duplicate attribute ${name}`);
      if (!check(value)) throw new UnsafeSvgError(`value of ${name} on <${tag}>`);
      seen.add(name);
      node.attributes.push([name, value]);
    }
    if (parent) parent.children.push(node);
    else root = node;
    if (!selfClosing) stack.push(node);
  }
  if (stack.length > 0) throw new UnsafeSvgError("unclosed element");
  if (!root) throw new UnsafeSvgError("empty");
  return root;
}

const escapeAttribute = (v: string) =>
  v.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");

/** Writes a parsed tree out as SVG text. */
export function serialiseSvg(node: SvgNode): string {
  const attributes = node.attributes.map(([n, v]) => ` ${n}="${escapeAttribute(v)}"`).join("");
  if (node.children.length === 0) return `<${node.tag}${attributes}/>`;
  return `<${node.tag}${attributes}>${node.children.map(serialiseSvg).join("")}</${node.tag}>`;
}

/**
 * A drawing from the sketch pad, made safe: parsed against sketchRules and written out again by
 * Koers, with the SVG namespace set. Throws UnsafeSvgError when the text is not acceptable.
 * Returns null for a drawing without any stroke.
 */
export function sanitiseSketch(text: string): string | null {
  const root = parseSvg(text.trim(), sketchRules);
  if (root.children.length === 0) return null;
  const attributes = root.attributes.filter(([n]) => n !== "xmlns");
  return serialiseSvg({
    ...root,
    attributes: [["xmlns", "http://www.w3.org/2000/svg"], ...attributes],
  });
}

/** The image formats that may be attached: recognised by their first bytes, not by their name. */
export type ImageType = "image/png" | "image/jpeg";

/** The largest image that may be attached (1 MB). */
export const MAX_IMAGE_BYTES = 1024 * 1024;

const pngSignature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** PNG or JPEG by magic number, else null (whatever the browser claimed the file was). */
export function imageTypeOf(data: Uint8Array): ImageType | null {
  const bytes = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  if (bytes.subarray(0, 8).equals(pngSignature)) return "image/png";
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return "image/jpeg";
  return null;
}

/** A Content-Disposition header that names the file safely (RFC 6266, with an ASCII fallback). */
export function contentDisposition(fileName: string, kind: "inline" | "attachment"): string {
  const ascii = fileName.replace(/[^\w.-]+/g, "_").slice(0, 100) || "bestand";
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}
