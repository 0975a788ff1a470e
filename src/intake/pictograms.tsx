import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { h, type VNode } from "preact";
import { parseSvg, pictogramRules, type SvgNode } from "./drawing.ts";
import { type Domain, domains } from "./schema.ts";

const folder = fileURLToPath(new URL("../../assets/pictograms/", import.meta.url));

// Read and checked once at start: the pictograms are Koers's own files, but they go through the
// same whitelist parser as a drawing, so nothing but plain shapes can ever reach a page.
const pictograms = Object.fromEntries(
  domains.map((d) => [
    d,
    parseSvg(readFileSync(`${folder}${d}.svg`, "utf8").trim(), pictogramRules),
  ]),
) as Record<Domain, SvgNode>;

function render(node: SvgNode, extra: Record<string, string> = {}): VNode {
  return h(
    node.tag,
    { ...Object.fromEntries(node.attributes), ...extra },
    ...node.children.map((c) => render(c)),
  );
}

/**
 * A domain's pictogram, inline so it takes the text colour (also in forced-colours mode).
 * Decorative (aria-hidden in the file): always put the domain's name next to it.
 */
export function Pictogram({ domain, large }: { domain: Domain; large?: boolean }) {
  return render(pictograms[domain], {
    class: large ? "koers-pictogram koers-pictogram--large" : "koers-pictogram",
    width: "24",
    height: "24",
  });
}
