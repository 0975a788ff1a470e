import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import type { FastifyInstance } from "fastify";
import { type CriticalCss, createCriticalCss } from "../views/critical-css.ts";
import { buildStylesheet } from "../views/styles.ts";

const root = fileURLToPath(new URL("../../../", import.meta.url));

interface Asset {
  url: string;
  type: string;
  body: Buffer;
  br: Buffer;
  gzip: Buffer;
}

function build(name: string, ext: string, type: string, text: string): Asset {
  const body = Buffer.from(text);
  const hash = createHash("sha256").update(body).digest("hex").slice(0, 12);
  return {
    url: `/assets/${name}.${hash}.${ext}`,
    type,
    body,
    br: brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }),
    gzip: gzipSync(body, { level: 9 }),
  };
}

/** Where pages find Koers's stylesheet and script. */
export interface Assets {
  css: string;
  js: string;
  /** The stylesheet's rules one page needs, for pages that inline their styles. */
  critical: CriticalCss;
}

/**
 * Builds the stylesheet and the enhancement script once at start (content-hashed, pre-compressed)
 * and serves them with a one-year immutable cache.
 */
export function registerAssets(app: FastifyInstance): Assets {
  // Only the design tokens the components reference are kept (docs/decisions/0006).
  const stylesheet = buildStylesheet((path) => readFileSync(`${root}${path}`, "utf8"));
  const css = build("koers", "css", "text/css; charset=utf-8", stylesheet);
  const scripts = readdirSync(`${root}assets`)
    .filter((name) => name.endsWith(".js"))
    .map((name) => readFileSync(`${root}assets/${name}`, "utf8"));
  const js = build(
    "koers",
    "js",
    "text/javascript; charset=utf-8",
    readFileSync(`${root}assets/koers.js`, "utf8"),
  );
  for (const asset of [css, js]) {
    app.get(asset.url, { config: { rateLimit: false } }, (request, reply) => {
      const accept = String(request.headers["accept-encoding"] ?? "");
      const [encoding, body] = accept.includes("br")
        ? ["br", asset.br]
        : accept.includes("gzip")
          ? ["gzip", asset.gzip]
          : [undefined, asset.body];
      reply
        .header("content-type", asset.type)
        .header("cache-control", "public, max-age=31536000, immutable")
        .header("vary", "accept-encoding");
      if (encoding) reply.header("content-encoding", encoding);
      return reply.send(body);
    });
  }
  return { css: css.url, js: js.url, critical: createCriticalCss(stylesheet, scripts) };
}
