import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { buildStylesheet, cssSources, keepUsedTokens } from "./styles.ts";

const root = fileURLToPath(new URL("../../../", import.meta.url));

describe("keepUsedTokens", () => {
  const theme = `/* comment with --not-a-token: red; */
.theme {
  --a: var(--b);
  --b: calc(var(--c) * clamp(1px, calc(var(--d) + 2px), 3px));
  --c: 1;
  --d: 2px;
  --unused: var(--c);
  --also-unused: red;
  color: var(--e);
  --e: blue;
}
@media (min-width: 40em) {
  .theme { --unused: 3px; }
}`;

  it("keeps what is referenced, also through other tokens and nested parentheses", () => {
    const kept = keepUsedTokens(theme, ".x { margin: var(--a, 0) }");
    expect(kept).toContain("--a:var(--b);");
    expect(kept).toContain("--b:calc(var(--c) * clamp(1px, calc(var(--d) + 2px), 3px));");
    expect(kept).toContain("--c:1;");
    expect(kept).toContain("--d:2px;");
  });

  it("keeps tokens the theme's own ordinary declarations use", () => {
    const kept = keepUsedTokens(theme, "");
    expect(kept).toContain("color: var(--e);");
    expect(kept).toContain("--e:blue;");
  });

  it("drops unreferenced tokens, comments and rules left empty", () => {
    const kept = keepUsedTokens(theme, ".x { margin: var(--a) }");
    expect(kept).not.toContain("--unused");
    expect(kept).not.toContain("--also-unused");
    expect(kept).not.toContain("not-a-token");
    expect(kept).not.toContain("@media");
  });
});

describe("the stylesheet", () => {
  const read = (path: string) => readFileSync(`${root}${path}`, "utf8");
  const css = buildStylesheet(read);

  it("is built from files that exist", () => {
    for (const path of cssSources()) expect(existsSync(`${root}${path}`), path).toBe(true);
  });

  it("ships only tokens something uses, and every token the components need that Koers sets", () => {
    const themeBlock = keepUsedTokens(read("assets/koers-theme.css"), css);
    const shipped = themeBlock.match(/--[\w-]+(?=\s*:)/g) ?? [];
    expect(shipped).toContain("--utrecht-button-primary-action-background-color");
    expect(shipped).toContain("--koers-color-blue");
    for (const name of shipped) expect(css, name).toMatch(new RegExp(`var\\(\\s*${name}[,)\\s]`));
  });

  it("does not include the Utrecht municipality's proprietary design tokens", () => {
    expect(cssSources().some((path) => path.includes("@utrecht/design-tokens"))).toBe(false);
  });
});
