import type { ComponentChildren } from "preact";
import { renderToString } from "preact-render-to-string";
import { reviewStatus } from "../i18n/index.ts";
import { languages } from "../i18n/languages.ts";
import { Form } from "./components.tsx";
import { useView, type ViewContext, ViewContextProvider } from "./context.ts";

export interface NavItem {
  href: string;
  label: string;
}

/** Whether a navigation item is the page being shown, or a page below it. */
function isCurrent(href: string, path: string): boolean {
  const pathname = path.split(/[?#]/)[0] ?? path;
  return pathname === href || (href !== "/" && pathname.startsWith(`${href}/`));
}

/**
 * The language switcher: plain links, each language named in its own script and marked with its
 * own lang and dir, so a newcomer finds their language whatever language the page is in.
 */
function LanguageSwitcher() {
  const { t, locale, path } = useView();
  return (
    <nav class="koers-languages" aria-label={t("common:language.switcher")}>
      <div class="koers-container koers-languages__bar">
        <svg
          class="koers-languages__icon"
          viewBox="0 0 24 24"
          width="24"
          height="24"
          aria-hidden="true"
          focusable="false"
        >
          <circle cx="12" cy="12" r="9.5" fill="none" stroke="currentColor" stroke-width="2" />
          <path
            d="M2.5 12h19M12 2.5c2.6 2.8 3.8 6 3.8 9.5s-1.2 6.7-3.8 9.5c-2.6-2.8-3.8-6-3.8-9.5s1.2-6.7 3.8-9.5z"
            fill="none"
            stroke="currentColor"
            stroke-width="2"
          />
        </svg>
        <ul class="koers-languages__list">
          {languages.map((l) => (
            <li key={l.code}>
              {l.code === locale ? (
                <span
                  class="koers-languages__current"
                  aria-current="true"
                  lang={l.code}
                  dir={l.dir}
                >
                  {l.name}
                </span>
              ) : (
                <a
                  class="koers-languages__link"
                  href={`/taal/${l.code}?terug=${encodeURIComponent(path)}`}
                  hreflang={l.code}
                  lang={l.code}
                  dir={l.dir}
                >
                  {l.name}
                </a>
              )}
            </li>
          ))}
        </ul>
      </div>
    </nav>
  );
}

/** Koers's mark: a compass needle. Decorative; the name beside it is the link text. */
function LogoMark() {
  return (
    <svg
      class="koers-logo__mark"
      viewBox="0 0 32 32"
      width="32"
      height="32"
      aria-hidden="true"
      focusable="false"
    >
      <circle cx="16" cy="16" r="14" fill="none" stroke="currentColor" stroke-width="2.5" />
      <path d="M22.5 9.5 17.8 17.8 9.5 22.5 14.2 14.2z" fill="currentColor" />
      <circle cx="16" cy="16" r="1.6" fill="#fff" />
    </svg>
  );
}

function Header({ nav }: { nav: NavItem[] }) {
  const { t, actor, path } = useView();
  const signedIn = actor.kind === "staff" || actor.kind === "newcomer";
  const onSignIn = isCurrent("/inloggen", path);
  return (
    <header class="koers-header">
      <LanguageSwitcher />
      <div class="koers-header__brand">
        <div class="koers-container koers-header__bar">
          <a class="koers-logo" href="/">
            <LogoMark />
            <span class="koers-logo__name">Koers</span>
          </a>
          {signedIn ? (
            <div class="koers-header__who">
              <span class="koers-header__name">
                {actor.name}
                {actor.organisationName && (
                  <span class="koers-muted"> · {actor.organisationName}</span>
                )}
              </span>
              <Form action="/uitloggen" class="koers-inline-form">
                <button class="utrecht-button utrecht-button--secondary-action" type="submit">
                  {t("common:nav.signOut")}
                </button>
              </Form>
            </div>
          ) : (
            !onSignIn && (
              <a class="utrecht-link koers-header__signin" href="/inloggen">
                {t("common:nav.signIn")}
              </a>
            )
          )}
        </div>
      </div>
      {nav.length > 0 && (
        <nav class="koers-nav" aria-label={t("common:nav.main")}>
          <ul class="koers-container koers-nav__list">
            {nav.map((n) => (
              <li key={n.href}>
                <a
                  class="koers-nav__link"
                  href={n.href}
                  aria-current={isCurrent(n.href, path) ? "page" : undefined}
                >
                  {n.label}
                </a>
              </li>
            ))}
          </ul>
        </nav>
      )}
    </header>
  );
}

function Footer() {
  const { t, locale, devOutbox } = useView();
  const draft = reviewStatus(locale) === "draft";
  return (
    <footer class="koers-footer">
      <div class="koers-container">
        {draft && (
          <p class="koers-footer__draft" role="note">
            {t("common:language.draftNotice")}
          </p>
        )}
        <p>
          {t("common:footer.about")}
          {devOutbox && (
            <>
              {" · "}
              <a class="utrecht-link" href="/dev/outbox">
                {t("common:footer.devOutbox")}
              </a>
            </>
          )}
        </p>
      </div>
    </footer>
  );
}

/** The page shell: lang and dir, skip link, one main, the NL Design System components in Koers's theme. */
function Shell(props: { title: string; nav: NavItem[]; children: ComponentChildren }) {
  const ctx = useView();
  const { t } = ctx;
  return (
    <html lang={ctx.locale} dir={ctx.dir}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${props.title} · Koers`}</title>
        {ctx.inlineStyles && ctx.assets.critical ? (
          <style nonce={ctx.styleNonce} dangerouslySetInnerHTML={{ __html: inlineStyleMarker }} />
        ) : (
          <link rel="stylesheet" href={ctx.assets.css} />
        )}
        <link rel="icon" href="data:," />
        <script nonce={ctx.nonce} src={ctx.assets.js} defer type="module" />
      </head>
      <body class="koers-theme utrecht-body koers-body">
        <a class="utrecht-skip-link utrecht-skip-link--visible-on-focus" href="#inhoud">
          {t("common:skipLink")}
        </a>
        <Header nav={props.nav} />
        <main id="inhoud" class="koers-container koers-main" tabindex={-1}>
          {ctx.flash && (
            <div class="utrecht-alert utrecht-alert--ok" role="status">
              <p class="utrecht-paragraph">{ctx.flash}</p>
            </div>
          )}
          {props.children}
        </main>
        <Footer />
      </body>
    </html>
  );
}

/** Stands in the head for the page's CSS until the page's HTML, and so its classes, are known. */
const inlineStyleMarker = "/*koers:inline-css*/";

/** Renders a whole page to an HTML string. */
export function renderPage(
  ctx: ViewContext,
  page: { title: string; nav?: NavItem[]; body: ComponentChildren },
): string {
  const html = `<!doctype html>${renderToString(
    <ViewContextProvider.Provider value={ctx}>
      <Shell title={page.title} nav={page.nav ?? []}>
        {page.body}
      </Shell>
    </ViewContextProvider.Provider>,
  )}`;
  const critical = ctx.inlineStyles ? ctx.assets.critical : undefined;
  if (!critical) return html;
  // "</" cannot end the style element early; a function replacement leaves "$" in CSS alone.
  const css = critical.forHtml(html).replaceAll("</", "<\\/");
  return html.replace(inlineStyleMarker, () => css);
}
