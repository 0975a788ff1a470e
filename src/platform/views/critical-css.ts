import postcss, { type ChildNode, type Container } from "postcss";

/**
 * The part of Koers's stylesheet one page needs, to inline in that page's head (issue 4: a newcomer
 * page must be usable within 2.5 s on slow 3G, where every extra request costs a round trip of up
 * to 2 s). The stylesheet is parsed once, at start; per page only a walk over the parsed rules is
 * left, and the result is remembered per set of class names (pages of one kind share one).
 *
 * A rule is kept when one of its selectors needs only class names the page (or one of its
 * scripts) uses; selectors without class names (`body`, `[hidden]`) are always kept. Classes inside
 * `:not()`, `:is()`, `:where()` and `:has()` are not required, so such rules err towards staying.
 * Custom properties are kept only when something kept refers to them, directly or through others.
 * See docs/decisions/0006-nl-design-system-look.md.
 */
export interface CriticalCss {
  /** The CSS for a page with this HTML. */
  forHtml(html: string): string;
}

type Node =
  | { kind: "rule"; selector: string; needs: string[][]; declarations: Declaration[] }
  | { kind: "group"; prelude: string; children: Node[] }
  | { kind: "verbatim"; text: string };

interface Declaration {
  /** `--name` for a custom property, else undefined. */
  defines?: string;
  /** Custom properties the value refers to. */
  uses: string[];
  text: string;
}

const classAttribute = /\sclass="([^"]*)"/g;
const classInSelector = /\.(-?[_a-zA-Z][\w-]*)/g;
const varReference = /var\(\s*(--[\w-]+)/g;
// A class written in a script, and whether it ends in a template expression (`koers-x--${kind}`).
const classInScript = /\b((?:koers|utrecht)-[\w-]*)(\$\{)?/g;

/** Removes parenthesised arguments, attribute selectors and strings, so only required classes remain. */
function requiredPart(selector: string): string {
  let out = "";
  let depth = 0;
  let quote = "";
  for (const c of selector) {
    if (quote) {
      if (c === quote) quote = "";
      continue;
    }
    if (c === '"' || c === "'") quote = c;
    else if (c === "(" || c === "[") depth++;
    else if (c === ")" || c === "]") depth--;
    else if (depth === 0) out += c;
  }
  return out;
}

function classesNeeded(selector: string): string[] {
  return [...requiredPart(selector).matchAll(classInSelector)].map((m) => m[1] ?? "");
}

function declarationOf(prop: string, value: string, important: boolean): Declaration {
  return {
    ...(prop.startsWith("--") ? { defines: prop } : {}),
    uses: [...value.matchAll(varReference)].map((m) => m[1] ?? ""),
    text: `${prop}:${value}${important ? "!important" : ""}`,
  };
}

function toNodes(container: Container): Node[] {
  const nodes: Node[] = [];
  container.each((child: ChildNode) => {
    if (child.type === "rule") {
      const declarations: Declaration[] = [];
      child.each((d) => {
        if (d.type === "decl")
          declarations.push(declarationOf(d.prop, d.value, d.important === true));
      });
      nodes.push({
        kind: "rule",
        selector: child.selector,
        needs: child.selectors.map(classesNeeded),
        declarations,
      });
    } else if (
      child.type === "atrule" &&
      child.nodes &&
      /^(media|supports|layer|container)$/i.test(child.name)
    ) {
      nodes.push({
        kind: "group",
        prelude: `@${child.name} ${child.params}`,
        children: toNodes(child),
      });
    } else if (child.type === "atrule" && child.name.toLowerCase() === "charset") {
      // Each component file starts with one; the page is UTF-8 already.
    } else if (child.type !== "comment") {
      // @font-face, @keyframes, @import and the like: small, kept as they are. A statement
      // without a block needs its semicolon back (postcss keeps it with the parent).
      const text = child.toString();
      nodes.push({
        kind: "verbatim",
        text: child.type === "atrule" && !child.nodes ? `${text};` : text,
      });
    }
  });
  return nodes;
}

/** The kept rules in order, and the custom properties something kept refers to. */
function select(nodes: Node[], has: (cls: string) => boolean) {
  const kept: Node[] = [];
  for (const node of nodes) {
    if (node.kind === "rule") {
      if (node.needs.some((classes) => classes.every(has))) kept.push(node);
    } else if (node.kind === "group") {
      const children = select(node.children, has);
      if (children.length > 0) kept.push({ ...node, children });
    } else kept.push(node);
  }
  return kept;
}

function usedProperties(nodes: Node[]): Set<string> {
  const definitions = new Map<string, string[]>();
  const pending: string[] = [];
  const walk = (list: Node[]) => {
    for (const node of list) {
      if (node.kind === "group") walk(node.children);
      else if (node.kind === "verbatim")
        pending.push(...[...node.text.matchAll(varReference)].map((m) => m[1] ?? ""));
      else
        for (const d of node.declarations) {
          if (d.defines)
            definitions.set(d.defines, [...(definitions.get(d.defines) ?? []), ...d.uses]);
          else pending.push(...d.uses);
        }
    }
  };
  walk(nodes);
  const used = new Set<string>();
  while (pending.length > 0) {
    const name = pending.pop() ?? "";
    if (used.has(name)) continue;
    used.add(name);
    pending.push(...(definitions.get(name) ?? []));
  }
  return used;
}

function serialise(nodes: Node[], used: Set<string>): string {
  let css = "";
  for (const node of nodes) {
    if (node.kind === "verbatim") css += node.text;
    else if (node.kind === "group") {
      const inner = serialise(node.children, used);
      if (inner) css += `${node.prelude}{${inner}}`;
    } else {
      const body = node.declarations
        .filter((d) => !d.defines || used.has(d.defines))
        .map((d) => d.text)
        .join(";");
      if (body) css += `${node.selector}{${body}}`;
    }
  }
  return css;
}

/** Class names the scripts may add to a page: whole names, and prefixes of templated ones. */
function scriptClasses(scripts: string[]) {
  const names = new Set<string>();
  const prefixes = new Set<string>();
  for (const script of scripts)
    for (const m of script.matchAll(classInScript)) (m[2] ? prefixes : names).add(m[1] ?? "");
  return { names, prefixes: [...prefixes] };
}

/**
 * Prepares a stylesheet for per-page inlining. `scripts` are the sources of the client scripts a
 * page may run: class names they add at run time are treated as used.
 */
export function createCriticalCss(
  stylesheet: string,
  scripts: string[],
  cacheSize = 200,
): CriticalCss {
  const nodes = toNodes(postcss.parse(stylesheet));
  const fromScripts = scriptClasses(scripts);
  const cache = new Map<string, string>();
  return {
    forHtml(html) {
      const classes = new Set(fromScripts.names);
      for (const m of html.matchAll(classAttribute))
        for (const name of (m[1] ?? "").split(/\s+/)) if (name) classes.add(name);
      const key = [...classes].sort().join(" ");
      const cached = cache.get(key);
      if (cached !== undefined) return cached;
      const has = (cls: string) =>
        classes.has(cls) || fromScripts.prefixes.some((prefix) => cls.startsWith(prefix));
      const kept = select(nodes, has);
      const css = serialise(kept, usedProperties(kept));
      if (cache.size >= cacheSize) cache.delete(cache.keys().next().value ?? "");
      cache.set(key, css);
      return css;
    },
  };
}
