import { describe, expect, it } from "vitest";
import { anonymous } from "../authz/actor.ts";
import { directionOf, type Locale, translator } from "../i18n/index.ts";
import type { ViewContext } from "./context.ts";
import { createCriticalCss } from "./critical-css.ts";
import { renderPage } from "./layout.tsx";

function contextFor(locale: Locale, path = "/inloggen"): ViewContext {
  return {
    t: translator(locale),
    locale,
    dir: directionOf(locale),
    actor: anonymous,
    csrfToken: "token",
    nonce: "nonce",
    styleNonce: "style-nonce",
    path,
    assets: { css: "/assets/koers.css", js: "/assets/koers.js" },
    inlineStyles: false,
    devOutbox: false,
  };
}

const render = (locale: Locale, path?: string) =>
  renderPage(contextFor(locale, path), { title: "T", body: <h1>T</h1> });

describe("the page shell", () => {
  it("sets lang and dir, and links every language in its own script", () => {
    const html = render("ar");
    expect(html).toContain('<html lang="ar" dir="rtl">');
    expect(html).toContain('hreflang="ti" lang="ti" dir="ltr"');
    expect(html).toContain('<span class="koers-languages__current" aria-current="true" lang="ar"');
    expect(html).toContain(`href="/taal/nl?terug=${encodeURIComponent("/inloggen")}"`);
  });

  it("says when the page's language is a draft translation, and not for the source", () => {
    const notice = (locale: Locale) => translator(locale)("common:language.draftNotice");
    expect(render("ar")).toContain(notice("ar"));
    expect(render("ti")).toContain(notice("ti"));
    expect(render("nl")).not.toContain(notice("nl"));
    expect(render("nl")).not.toContain("koers-footer__draft");
  });

  it("has a skip link to the one main", () => {
    const html = render("nl");
    expect(html).toContain('href="#inhoud"');
    expect(html.match(/<main /g)).toHaveLength(1);
    expect(html).toContain('<main id="inhoud"');
  });

  it("offers sign-in in the header, except on the sign-in page itself", () => {
    expect(render("nl", "/")).toContain("koers-header__signin");
    expect(render("nl", "/inloggen?terug=%2F")).not.toContain("koers-header__signin");
  });

  it("links the stylesheet, or inlines the page's own rules under the style nonce", () => {
    expect(render("nl")).toContain('<link rel="stylesheet" href="/assets/koers.css"/>');
    const critical = createCriticalCss(
      ".utrecht-heading-1{color:red}.koers-unused{color:blue}main>p{margin:0}",
      [],
    );
    const inlined = renderPage(
      { ...contextFor("nl"), inlineStyles: true, assets: { css: "/a.css", js: "/a.js", critical } },
      { title: "T", body: <h1 class="utrecht-heading-1">T</h1> },
    );
    expect(inlined).not.toContain("stylesheet");
    expect(inlined).toContain(
      '<style nonce="style-nonce">.utrecht-heading-1{color:red}main>p{margin:0}</style>',
    );
  });
});
