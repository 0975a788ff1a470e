import { renderToString } from "preact-render-to-string";
// The PIP document's print stylesheet (decision 0011): the same fonts and A4 layout for every
// document Koers prints; imported from its file because the plans index does not export it.
import { documentCss } from "../../plans/pip/document.tsx";
import { type ViewContext, ViewContextProvider } from "../../platform/views/context.ts";
import type { MyDataExport } from "../queries.ts";
import { PrintPage } from "./pages.tsx";

/**
 * Everything Koers holds about the newcomer as one complete HTML page in their language and
 * direction, for Chromium's print-to-PDF (no external resources, no script).
 */
export function renderMyDataDocument(data: MyDataExport, ctx: ViewContext): string {
  return `<!doctype html>${renderToString(
    <ViewContextProvider.Provider value={ctx}>
      <html lang={ctx.locale} dir={ctx.dir}>
        <head>
          <meta charset="utf-8" />
          <title>{ctx.t("consent:print.title")}</title>
          <style dangerouslySetInnerHTML={{ __html: documentCss }} />
        </head>
        <body>
          <main>
            <PrintPage data={data} forPaper />
          </main>
        </body>
      </html>
    </ViewContextProvider.Provider>,
  )}`;
}
