/**
 * The NL Design System (Utrecht) components Koers uses. Only these component stylesheets are
 * shipped; add a name here when a page starts using a new `utrecht-…` component.
 */
export const utrechtComponents = [
  "body",
  "button",
  "button-link",
  "link",
  "heading-1",
  "heading-2",
  "heading-3",
  "paragraph",
  "form-field",
  "form-fieldset",
  "form-label",
  "form-field-description",
  "form-field-error-message",
  "textbox",
  "textarea",
  "select",
  "checkbox",
  "radio-button",
  "alert",
  "table",
  "unordered-list",
  "ordered-list",
  "code",
  "skip-link",
] as const;

/**
 * Koers's own design tokens (the `koers-theme` class). Not Utrecht's tokens: those are proprietary
 * to Gemeente Utrecht (see docs/decisions/0006-nl-design-system-look.md).
 */
export const themeSource = "assets/koers-theme.css";

/** Component CSS and Koers's own layout, in cascade order. Paths are relative to the repository root. */
export function componentSources(): string[] {
  return [
    ...utrechtComponents.map((c) => `node_modules/@utrecht/${c}-css/dist/index.min.css`),
    "assets/koers.css",
    "assets/intake.css",
    "assets/reviews.css",
    "assets/portal.css",
    "assets/board.css",
  ];
}

/** Every file the stylesheet is built from, in order: the theme first, then the components. */
export function cssSources(): string[] {
  return [themeSource, ...componentSources()];
}

const varReference = /var\(\s*(--[\w-]+)/g;

interface Declaration {
  name: string;
  value: string;
  /** Where the declaration starts and where it ends (after its semicolon, if any). */
  start: number;
  end: number;
}

/** Finds custom property declarations (`--name: value;`), minding parentheses in values. */
function customProperties(css: string): Declaration[] {
  const found: Declaration[] = [];
  const start = /(?<=[{;]\s*)(--[\w-]+)\s*:/g;
  for (let m = start.exec(css); m; m = start.exec(css)) {
    let depth = 0;
    let i = m.index + m[0].length;
    for (; i < css.length; i++) {
      const c = css[i];
      if (c === "(") depth++;
      else if (c === ")") depth--;
      else if (depth === 0 && (c === ";" || c === "}")) break;
    }
    const end = css[i] === ";" ? i + 1 : i;
    found.push({
      name: m[1] ?? "",
      value: css.slice(m.index + m[0].length, i).trim(),
      start: m.index,
      end,
    });
    start.lastIndex = end;
  }
  return found;
}

/**
 * Keeps only the custom properties of a theme stylesheet that `usedCss` (or the theme's own
 * ordinary declarations) reference, directly or through other tokens: `--a: var(--b)` keeps `--b`
 * when `--a` is used. Rules that end up empty are dropped. Meant for the flat token files NL Design
 * System themes are built as, not as a general CSS parser.
 */
export function keepUsedTokens(themeCss: string, usedCss: string): string {
  const css = themeCss.replace(/\/\*[\s\S]*?\*\//g, "");
  const declarations = customProperties(css);
  const definitions = new Map<string, string[]>();
  for (const d of declarations)
    definitions.set(d.name, [...(definitions.get(d.name) ?? []), d.value]);
  let ordinary = "";
  let at = 0;
  for (const d of declarations) {
    ordinary += css.slice(at, d.start);
    at = d.end;
  }
  ordinary += css.slice(at);

  const used = new Set<string>();
  const pending = [...`${usedCss}\n${ordinary}`.matchAll(varReference)].map((m) => m[1] ?? "");
  while (pending.length > 0) {
    const name = pending.pop() ?? "";
    if (used.has(name)) continue;
    used.add(name);
    for (const value of definitions.get(name) ?? []) {
      for (const m of value.matchAll(varReference)) pending.push(m[1] ?? "");
    }
  }

  let kept = "";
  at = 0;
  for (const d of declarations) {
    kept += css.slice(at, d.start);
    if (used.has(d.name)) kept += `${d.name}:${d.value};`;
    at = d.end;
  }
  kept += css.slice(at);
  return removeEmptyRules(kept)
    .replace(/\s*\n\s*/g, "\n")
    .trim();
}

function removeEmptyRules(css: string): string {
  // Repeat so an at-rule whose only rule became empty goes too.
  let previous: string;
  let current = css;
  do {
    previous = current;
    current = current.replace(/[^{};]*\{\s*\}/g, "");
  } while (current !== previous);
  return current;
}

/**
 * Builds the one stylesheet Koers serves: the theme's tokens that the components and Koers's own
 * CSS use, then those stylesheets themselves. `read` gets a path relative to the repository root.
 */
export function buildStylesheet(read: (path: string) => string): string {
  const components = componentSources()
    .map((path) => read(path))
    .join("\n");
  return `${keepUsedTokens(read(themeSource), components)}\n${components}`;
}
