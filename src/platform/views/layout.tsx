import type { ComponentChildren } from "preact";
import { renderToString } from "preact-render-to-string";
import { languages } from "../i18n/languages.ts";
import { Form } from "./components.tsx";
import { useView, type ViewContext, ViewContextProvider } from "./context.ts";

export interface NavItem {
  href: string;
  label: string;
}

/** The language switcher: plain links, each language named in its own script. */
function LanguageSwitcher() {
  const { t, locale, path } = useView();
  return (
    <nav class="koers-languages" aria-label={t("common:language.switcher")}>
      <ul>
        {languages.map((l) => (
          <li key={l.code}>
            {l.code === locale ? (
              <span aria-current="true" lang={l.code} dir={l.dir}>
                {l.name}
              </span>
            ) : (
              <a
                class="utrecht-link"
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
    </nav>
  );
}

function Header({ nav }: { nav: NavItem[] }) {
  const { t, actor, path } = useView();
  const signedIn = actor.kind === "staff" || actor.kind === "newcomer";
  return (
    <header class="koers-header">
      <div class="koers-header__bar">
        <a class="koers-logo" href="/">
          <span aria-hidden="true" class="koers-logo__mark">
            ➜
          </span>{" "}
          Koers
        </a>
        {signedIn && (
          <div class="koers-header__who">
            <span>{actor.name}</span>
            {actor.organisationName && <span class="koers-muted"> · {actor.organisationName}</span>}
            <Form action="/uitloggen" class="koers-inline-form">
              <button class="utrecht-button utrecht-button--subtle-action" type="submit">
                {t("common:nav.signOut")}
              </button>
            </Form>
          </div>
        )}
      </div>
      {nav.length > 0 && (
        <nav class="koers-nav" aria-label={t("common:nav.main")}>
          <ul>
            {nav.map((n) => (
              <li key={n.href}>
                <a
                  class="utrecht-link"
                  href={n.href}
                  aria-current={
                    path === n.href || path.startsWith(`${n.href}/`) ? "page" : undefined
                  }
                >
                  {n.label}
                </a>
              </li>
            ))}
          </ul>
        </nav>
      )}
      <LanguageSwitcher />
    </header>
  );
}

/** The page shell: lang and dir, skip link, one main, the NL Design System theme. */
function Shell(props: { title: string; nav: NavItem[]; children: ComponentChildren }) {
  const ctx = useView();
  const { t } = ctx;
  return (
    <html lang={ctx.locale} dir={ctx.dir}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${props.title} · Koers`}</title>
        <link rel="stylesheet" href={ctx.assets.css} />
        <link rel="icon" href="data:," />
        <script nonce={ctx.nonce} src={ctx.assets.js} defer type="module" />
      </head>
      <body class="utrecht-theme koers-body">
        <a class="koers-skip-link" href="#inhoud">
          {t("common:skipLink")}
        </a>
        <Header nav={props.nav} />
        <main id="inhoud" class="koers-main" tabindex={-1}>
          {ctx.flash && (
            <div class="utrecht-alert utrecht-alert--ok" role="status">
              {ctx.flash}
            </div>
          )}
          {props.children}
        </main>
        <footer class="koers-footer">
          <p>
            {t("common:footer.about")}
            {ctx.devOutbox && (
              <>
                {" · "}
                <a class="utrecht-link" href="/dev/outbox">
                  {t("common:footer.devOutbox")}
                </a>
              </>
            )}
          </p>
        </footer>
      </body>
    </html>
  );
}

/** Renders a whole page to an HTML string. */
export function renderPage(
  ctx: ViewContext,
  page: { title: string; nav?: NavItem[]; body: ComponentChildren },
): string {
  return `<!doctype html>${renderToString(
    <ViewContextProvider.Provider value={ctx}>
      <Shell title={page.title} nav={page.nav ?? []}>
        {page.body}
      </Shell>
    </ViewContextProvider.Provider>,
  )}`;
}
