// The PIP as a document: one HTML page for printing and for the PDF (decision 0011). The formal
// parts are in Dutch; the parts a newcomer needs to act on — route, goals and steps, dates, whom
// to call — carry their labels also in the newcomer's language (namespace "pip", all eight).
import type { TFunction } from "i18next";
import type { ComponentChildren } from "preact";
import { renderToString } from "preact-render-to-string";
import { directionOf, isLocale, type Locale, translator } from "../../platform/i18n/index.ts";
import { formatDate } from "../compare.ts";
import type { PlanDocumentData } from "../queries.ts";

/** Two languages at once: Dutch first, the newcomer's language under it (when it is not Dutch). */
interface Languages {
  nl: TFunction;
  other: { t: TFunction; locale: Locale; dir: "ltr" | "rtl" } | undefined;
}

/** A label or value in Dutch, followed by the same in the newcomer's language, marked with its lang and dir. */
function Bi(props: { l: Languages; k: string; values?: Record<string, unknown> }) {
  const { l } = props;
  const nl = l.nl(props.k, props.values);
  const other = l.other?.t(props.k, props.values);
  return (
    <>
      {nl}
      {other && l.other && (
        <span class="pip-tr" lang={l.other.locale} dir={l.other.dir}>
          {other}
        </span>
      )}
    </>
  );
}

/** A line composed of several texts, once in Dutch and once in the newcomer's language. */
function BiLine(props: { l: Languages; make: (t: TFunction) => string }) {
  const { l } = props;
  return (
    <>
      {props.make(l.nl)}
      {l.other && (
        <span class="pip-tr" lang={l.other.locale} dir={l.other.dir}>
          {props.make(l.other.t)}
        </span>
      )}
    </>
  );
}

/** A date in Dutch, and written the newcomer's way under it. */
function BiDate(props: { l: Languages; date: string | null | undefined }) {
  if (!props.date) return null;
  const other = props.l.other;
  return (
    <>
      {formatDate("nl", props.date)}
      {other && (
        <span class="pip-tr" lang={other.locale} dir={other.dir}>
          {formatDate(other.locale, props.date)}
        </span>
      )}
    </>
  );
}

function Item(props: { label: ComponentChildren; children: ComponentChildren }) {
  return (
    <tr>
      <th scope="row">{props.label}</th>
      <td>{props.children}</td>
    </tr>
  );
}

/** The print stylesheet: A4, black on white, a letterhead; the screen bar is hidden on paper. */
export const documentCss = `
@page { size: A4; margin: 18mm 16mm 20mm; }
* { box-sizing: border-box; }
html { font-family: "Noto Sans", "Noto Sans Arabic", "Noto Naskh Arabic", "Noto Sans Ethiopic", "DejaVu Sans", sans-serif; font-size: 10.5pt; line-height: 1.45; color: #000; background: #fff; }
body { margin: 0 auto; max-width: 48rem; padding: 1rem; }
.pip-screen { border: 1px solid #555; padding: .5rem 1rem; margin-block-end: 1.5rem; }
.pip-screen a { color: #00458a; }
.pip-letterhead { display: flex; justify-content: space-between; align-items: flex-end; gap: 1rem; border-block-end: 3px solid #000; padding-block-end: .5rem; margin-block-end: 1.25rem; }
.pip-letterhead__name { font-size: 16pt; font-weight: 700; margin: 0; }
.pip-letterhead__doc { margin: 0; text-align: end; }
h1 { font-size: 17pt; margin: 0 0 1rem; }
h2 { font-size: 13pt; margin: 1.5rem 0 .5rem; border-block-end: 1px solid #000; break-after: avoid; }
h3 { font-size: 11pt; margin: 1rem 0 .25rem; break-after: avoid; }
.pip-tr { display: block; font-weight: 400; font-size: .92em; }
h1 .pip-tr, h2 .pip-tr { font-size: .8em; }
table { border-collapse: collapse; width: 100%; margin-block-end: .75rem; break-inside: auto; }
caption { text-align: start; font-weight: 700; padding-block-end: .25rem; }
th, td { text-align: start; vertical-align: top; border: 1px solid #777; padding: .3rem .45rem; }
tr { break-inside: avoid; }
th[scope="row"] { width: 38%; font-weight: 600; }
.pip-notice { border: 2px solid #000; padding: .5rem .75rem; font-weight: 700; }
.pip-formal p { margin: .4rem 0; }
.pip-footer { margin-block-start: 2rem; font-size: 9pt; border-block-start: 1px solid #000; padding-block-start: .4rem; }
@media print { body { max-width: none; padding: 0; } .pip-screen { display: none; } a { color: #000; text-decoration: none; } }
`;

export interface DocumentOptions {
  /** A bar shown on screen only (the printable page): a way back, and how to print. */
  screenBar?: {
    backHref: string;
    backLabel: string;
    printHint: string;
    pdfHref: string;
    pdfLabel: string;
  };
  /** The CSP nonce for the inline stylesheet (the printable page; the PDF needs none). */
  styleNonce?: string;
}

/** The PIP document of one version, as a complete HTML page (lang="nl", newcomer's language marked inline). */
export function renderPipDocument(data: PlanDocumentData, options: DocumentOptions = {}): string {
  const { file, version, municipality } = data;
  const n = file.newcomer;
  const nlPlans = translator("nl", "plans");
  const preferred = n.preferredLanguage;
  const l: Languages = {
    nl: translator("nl", "pip"),
    other:
      isLocale(preferred) && preferred !== "nl"
        ? { t: translator(preferred, "pip"), locale: preferred, dir: directionOf(preferred) }
        : undefined,
  };
  const c = version.content;
  const comp = c.components;
  const name = [n.givenNames, n.familyNamePrefix, n.familyName].filter(Boolean).join(" ");
  const title = `${l.nl("title")} — ${name}`;
  const isSet = version.status === "vastgesteld" || version.status === "vervangen";
  const hours = (h: number) => <Bi l={l} k="hours" values={{ hours: h }} />;

  const page = (
    <html lang="nl" dir="ltr">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{title}</title>
        <meta name="author" content={municipality.name} />
        <meta name="description" content={l.nl("title")} />
        {/* Decision 0011: a constant, unescaped (escaped quotes lose the fonts). No request data here. */}
        <style nonce={options.styleNonce} dangerouslySetInnerHTML={{ __html: documentCss }} />
      </head>
      <body>
        {options.screenBar && (
          <nav class="pip-screen" aria-label={nlPlans("document.screenNav")}>
            <p>
              <a href={options.screenBar.backHref}>{options.screenBar.backLabel}</a>
              {" · "}
              <a href={options.screenBar.pdfHref} type="application/pdf">
                {options.screenBar.pdfLabel}
              </a>
            </p>
            <p>{options.screenBar.printHint}</p>
          </nav>
        )}
        <header class="pip-letterhead">
          <p class="pip-letterhead__name">{municipality.name}</p>
          <p class="pip-letterhead__doc">{nlPlans("document.letterhead")}</p>
        </header>
        <main>
          <h1>
            <Bi l={l} k="title" />
          </h1>
          {!isSet && (
            <p class="pip-notice">
              <Bi l={l} k="conceptNotice" />
            </p>
          )}
          <table>
            <caption>{nlPlans("document.particulars")}</caption>
            <tbody>
              <Item label={<Bi l={l} k="fields.name" />}>{name}</Item>
              <Item label={<Bi l={l} k="fields.birthDate" />}>
                <BiDate l={l} date={n.birthDate} />
              </Item>
              <Item label={<Bi l={l} k="fields.version" />}>{version.number}</Item>
              <Item label={<Bi l={l} k="fields.status" />}>
                <Bi l={l} k={`status.${version.status}`} />
              </Item>
              <Item label={<Bi l={l} k="fields.decisionDate" />}>
                {version.setOn ? <BiDate l={l} date={version.setOn} /> : <Bi l={l} k="notSetYet" />}
              </Item>
            </tbody>
          </table>

          <section class="pip-formal" aria-labelledby="besluit">
            <h2 id="besluit">{nlPlans("document.decisionTitle")}</h2>
            {isSet ? (
              <p>
                {nlPlans("document.decision", {
                  municipality: municipality.name,
                  date: formatDate("nl", version.setOn),
                  name,
                })}
              </p>
            ) : (
              <p>{nlPlans("document.decisionConcept", { municipality: municipality.name })}</p>
            )}
            {version.changeReason && (
              <p>{nlPlans("document.changeReason", { reason: version.changeReason })}</p>
            )}
            <p>{nlPlans("document.responsibility")}</p>
          </section>

          <section aria-labelledby="route">
            <h2 id="route">
              <Bi l={l} k="sections.route" />
            </h2>
            <table>
              <tbody>
                <Item label={<Bi l={l} k="fields.route" />}>
                  <strong>
                    <Bi l={l} k={`routes.${c.leerroute}`} />
                  </strong>
                  <Bi l={l} k={`routeDescriptions.${c.leerroute}`} />
                </Item>
                {c.leerroute === "b1" && c.a2Option && (
                  <Item label={<Bi l={l} k="fields.a2" />}>
                    <Bi l={l} k="yes" />
                  </Item>
                )}
                {c.deviationReason && (
                  <Item label={nlPlans("fields.deviationReason")}>{c.deviationReason}</Item>
                )}
                <Item label={<Bi l={l} k="fields.knm" />}>
                  <Bi l={l} k="yes" />
                </Item>
                <Item label={<Bi l={l} k="fields.pvt" />}>{hours(comp.pvt.hours)}</Item>
                <Item label={<Bi l={l} k="fields.map" />}>
                  {comp.map.applies ? hours(comp.map.hours) : <Bi l={l} k="notApplicable" />}
                </Item>
                {comp.zRouteHours && (
                  <>
                    <Item label={<Bi l={l} k="fields.zCourse" />}>
                      {hours(comp.zRouteHours.course)}
                    </Item>
                    {comp.zRouteHours.participation > 0 && (
                      <Item label={<Bi l={l} k="fields.zParticipation" />}>
                        {hours(comp.zRouteHours.participation)}
                      </Item>
                    )}
                  </>
                )}
                <Item label={<Bi l={l} k="fields.provider" />}>
                  {c.languageProvider?.name ?? ""}
                </Item>
                {c.hoursPerWeek !== undefined && (
                  <Item label={<Bi l={l} k="fields.hoursPerWeek" />}>{hours(c.hoursPerWeek)}</Item>
                )}
                {comp.ontzorgen.applies && (
                  <Item label={<Bi l={l} k="fields.ontzorgen" />}>
                    <Bi l={l} k="ontzorgen" values={{ months: comp.ontzorgen.months }} />
                    <ul>
                      {comp.ontzorgen.costs.map((k) => (
                        <li key={k}>
                          <Bi l={l} k={`costs.${k}`} />
                        </li>
                      ))}
                    </ul>
                  </Item>
                )}
                <Item label={<Bi l={l} k="fields.paidBy" />}>
                  <Bi l={l} k={`paidBy.${comp.paidBy}`} />
                </Item>
              </tbody>
            </table>
          </section>

          <section aria-labelledby="voorwaarden">
            <h2 id="voorwaarden">{nlPlans("sections.preconditions")}</h2>
            <table>
              <tbody>
                <Item label={nlPlans("fields.childcare")}>{c.preconditions.childcare ?? "—"}</Item>
                <Item label={nlPlans("fields.travel")}>{c.preconditions.travel ?? "—"}</Item>
                <Item label={nlPlans("fields.otherPrecondition")}>
                  {c.preconditions.other ?? "—"}
                </Item>
                <Item label={nlPlans("fields.guidance")}>{c.guidance || "—"}</Item>
                <Item label={nlPlans("fields.monitoring")}>{c.monitoring || "—"}</Item>
              </tbody>
            </table>
          </section>

          <section aria-labelledby="doelen">
            <h2 id="doelen">
              <Bi l={l} k="sections.goals" />
            </h2>
            {c.goals.length === 0 && (
              <p>
                <Bi l={l} k="noGoals" />
              </p>
            )}
            {c.goals.map((goal, g) => (
              <div key={goal.id}>
                <h3>
                  <BiLine
                    l={l}
                    make={(t) =>
                      `${t("fields.goal", { n: g + 1 })} — ${t(`goalKinds.${goal.kind}`)}`
                    }
                  />
                </h3>
                <p>{goal.description}</p>
                {goal.steps.length > 0 && (
                  <table>
                    <caption>
                      <Bi l={l} k="stepsOf" values={{ n: g + 1 }} />
                    </caption>
                    <thead>
                      <tr>
                        {["what", "who", "dueOn", "stepStatus"].map((k) => (
                          <th key={k} scope="col">
                            <Bi l={l} k={`fields.${k}`} />
                          </th>
                        ))}
                      </tr>
                    </thead>
                    <tbody>
                      {goal.steps.map((s) => (
                        <tr key={s.id}>
                          <td>{s.what}</td>
                          <td>{s.who}</td>
                          <td>
                            <BiDate l={l} date={s.dueOn} />
                          </td>
                          <td>
                            <Bi l={l} k={`stepStatus.${s.status}`} />
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                )}
              </div>
            ))}
          </section>

          <section aria-labelledby="data">
            <h2 id="data">
              <Bi l={l} k="sections.dates" />
            </h2>
            <table>
              <tbody>
                {file.term ? (
                  <>
                    <Item label={<Bi l={l} k="fields.termStart" />}>
                      <BiDate l={l} date={file.term.start} />
                    </Item>
                    <Item label={<Bi l={l} k="fields.termEnd" />}>
                      <BiDate l={l} date={file.term.end} />
                    </Item>
                    <Item label={<Bi l={l} k="fields.routeChangeUntil" />}>
                      <BiDate l={l} date={file.term.routeChangeUntil} />
                    </Item>
                  </>
                ) : (
                  <Item label={<Bi l={l} k="fields.termStart" />}>
                    <Bi l={l} k="termStartsWhenSet" />
                  </Item>
                )}
                <Item label={<Bi l={l} k="fields.reviews" />}>
                  {c.reviewSchedule.length === 0 ? (
                    <Bi l={l} k="noReviews" />
                  ) : (
                    <ul>
                      {c.reviewSchedule.map((r) => (
                        <li key={r.dueOn}>
                          <BiDate l={l} date={r.dueOn} />
                          {r.note && <span>{r.note}</span>}
                        </li>
                      ))}
                    </ul>
                  )}
                </Item>
              </tbody>
            </table>
          </section>

          <section aria-labelledby="contact">
            <h2 id="contact">
              <Bi l={l} k="sections.contact" />
            </h2>
            <table>
              <tbody>
                <Item label={<Bi l={l} k="fields.consultant" />}>
                  {n.assignedConsultantName ?? "—"}
                </Item>
                <Item label={<Bi l={l} k="fields.municipality" />}>{municipality.name}</Item>
                {municipality.contactEmail && (
                  <Item label={<Bi l={l} k="fields.email" />}>{municipality.contactEmail}</Item>
                )}
              </tbody>
            </table>
          </section>

          <section class="pip-formal" aria-labelledby="bezwaar">
            <h2 id="bezwaar">{nlPlans("document.objectionTitle")}</h2>
            <p>{nlPlans("document.objection", { municipality: municipality.name })}</p>
          </section>
        </main>
        <footer class="pip-footer">
          <p>
            {nlPlans("document.footer", {
              municipality: municipality.name,
              n: version.number,
              status: nlPlans(`status.${version.status}`),
            })}
          </p>
        </footer>
      </body>
    </html>
  );
  return `<!doctype html>${renderToString(page)}`;
}
