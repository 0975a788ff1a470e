import { renderToString } from "preact-render-to-string";
import { type ViewContext, ViewContextProvider } from "../../platform/views/context.ts";
import type { AgendaAction, AgendaVraagstuk, PresentedSession } from "../queries.ts";
import { ActionAgendaPage } from "./public.tsx";

/** Print styles for the actie-agenda PDF: A4, black on white, one vraagstuk never split from its title. */
const documentCss = `
@page { size: A4; margin: 18mm 16mm; }
body { font-family: "Noto Sans", "Noto Sans Arabic", "Noto Sans Ethiopic", sans-serif; font-size: 10.5pt; color: #000; line-height: 1.4; }
h1 { font-size: 18pt; margin: 0 0 6pt; }
h2 { font-size: 13pt; margin: 14pt 0 4pt; break-after: avoid; }
h3, h4 { font-size: 11pt; margin: 8pt 0 2pt; break-after: avoid; }
ul { padding-inline-start: 14pt; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: 1pt 8pt; margin: 0 0 6pt; }
dt { font-weight: 600; }
dd { margin: 0; }
a { color: inherit; text-decoration: none; }
summary { font-weight: 600; list-style: none; }
.koers-agenda-action { break-inside: avoid; }
`;

/**
 * The actie-agenda as a complete HTML document for the PDF (rendered by Chromium, no scripts, no
 * network): the same component as the page, in the reader's language, with every note shown.
 */
export function renderAgendaDocument(
  ctx: ViewContext,
  data: { session: PresentedSession; vraagstukken: AgendaVraagstuk[]; loose: AgendaAction[] },
): string {
  const body = renderToString(
    <ViewContextProvider.Provider value={ctx}>
      <ActionAgendaPage {...data} pdfAvailable={false} forDocument />
    </ViewContextProvider.Provider>,
  );
  const title = ctx.t("sessions-public:agenda.heading", { title: data.session.title });
  const escapeHtml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;");
  return `<!doctype html><html lang="${ctx.locale}" dir="${ctx.dir}"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title><style>${documentCss}</style></head><body><main>${body}</main></body></html>`;
}
