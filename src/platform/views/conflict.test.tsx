import { renderToString } from "preact-render-to-string";
import { describe, expect, it } from "vitest";
import { anonymous } from "../authz/actor.ts";
import { directionOf, type Locale, translator } from "../i18n/index.ts";
import { ConflictComparison, type ConflictRow, compareValues, valueText } from "./conflict.tsx";
import { type ViewContext, ViewContextProvider } from "./context.ts";

function contextFor(locale: Locale): ViewContext {
  return {
    t: translator(locale),
    locale,
    dir: directionOf(locale),
    actor: anonymous,
    csrfToken: "token",
    nonce: "nonce",
    styleNonce: "style-nonce",
    path: "/",
    assets: { css: "/assets/koers.css", js: "/assets/koers.js" },
    inlineStyles: false,
    devOutbox: false,
  };
}

const render = (props: Parameters<typeof ConflictComparison>[0], locale: Locale = "nl") =>
  renderToString(
    <ViewContextProvider.Provider value={contextFor(locale)}>
      <ConflictComparison {...props} />
    </ViewContextProvider.Provider>,
  );

/** The body rows of the table: [row header, your value, saved value] as HTML. */
const bodyRows = (html: string) =>
  [...(html.split("<tbody")[1] ?? "").matchAll(/<tr class="([^"]*)">([\s\S]*?)<\/tr>/g)].map(
    (m) => ({
      class: m[1] ?? "",
      cells: [...(m[2] ?? "").matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((c) => c[1] ?? ""),
    }),
  );

const rows: ConflictRow[] = [
  { label: "Zaal", yours: "Zaal 3", saved: "Zaal 7" },
  { label: "Onderwerp", yours: "Taal op de werkvloer", saved: "Taal op de werkvloer" },
];

describe("the comparison after a stale save", () => {
  it("shows both values per field, under the common texts, with the table named", () => {
    const html = render({ rows });
    expect(html).toContain('class="utrecht-alert utrecht-alert--warning"');
    expect(html).toContain("Uw invoer staat nog in het formulier, maar is niet opgeslagen.");
    expect(html).toContain(
      '<caption class="utrecht-table__caption">Uw invoer naast wat nu is opgeslagen</caption>',
    );
    expect(html).toMatch(/<th[^>]*scope="col">Uw invoer<\/th>/);
    expect(html).toMatch(/<th[^>]*scope="col">Nu opgeslagen<\/th>/);
    const [room, topic] = bodyRows(html);
    expect(room?.cells).toEqual([
      "<bdi>Zaal</bdi> <strong>(verschilt)</strong>",
      '<bdi class="koers-prewrap">Zaal 3</bdi>',
      '<bdi class="koers-prewrap">Zaal 7</bdi>',
    ]);
    expect(topic?.cells.slice(1)).toEqual([
      '<bdi class="koers-prewrap">Taal op de werkvloer</bdi>',
      '<bdi class="koers-prewrap">Taal op de werkvloer</bdi>',
    ]);
  });

  it("marks only the rows that differ, in words and by class; line endings and blanks do not count", () => {
    const html = render({
      rows: [
        ...rows,
        { label: "Notitie", yours: "regel één\r\nregel twee \n", saved: "regel één\nregel twee" },
        { label: "Capaciteit", yours: "", saved: "20" },
      ],
    });
    const marked = bodyRows(html).map((r) => [
      r.cells[0]?.includes("(verschilt)"),
      r.class.includes("koers-compare__row--changed"),
    ]);
    expect(marked).toEqual([
      [true, true],
      [false, false],
      [false, false],
      [true, true],
    ]);
    // Nothing typed reads as "empty", outside any <bdi> (it is Koers's text, not the person's).
    expect(bodyRows(html)[3]?.cells[1]).toBe('<span class="koers-muted">(leeg)</span>');
  });

  it("leaves out fields empty on both sides, and shows just the notice when nothing is left", () => {
    const html = render({ rows: [...rows, { label: "Beschrijving", yours: " ", saved: "" }] });
    expect(bodyRows(html)).toHaveLength(2);
    expect(html).not.toContain("Beschrijving");
    const none = render({ rows: [{ label: "Beschrijving", yours: "", saved: "" }] });
    expect(none).toContain("Uw invoer staat nog in het formulier");
    expect(none).not.toContain("<table");
  });

  it("escapes what people typed, in values and labels", () => {
    const html = render({
      rows: [
        {
          label: '<img src=x onerror="alert(1)">',
          yours: "<script>alert('x')</script>",
          saved: 'a & b "c"',
        },
      ],
    });
    expect(html).not.toContain("<script>");
    expect(html).not.toContain("<img");
    expect(html).toContain("&lt;script>alert('x')&lt;/script>");
    expect(html).toContain("&lt;img src=x onerror=&quot;alert(1)&quot;>");
    expect(html).toContain("a &amp; b &quot;c&quot;");
  });

  it("takes a caption and a notice of the page's own", () => {
    const html = render({ rows, caption: "Twee versies van het plan", notice: "Let op." });
    expect(html).toContain(">Twee versies van het plan</caption>");
    expect(html).toContain('<p class="utrecht-paragraph">Let op.</p>');
    expect(html).not.toContain("Uw invoer staat nog in het formulier");
  });

  it("isolates user text with <bdi> on a right-to-left page, in the page's language", () => {
    const html = render(
      { rows: [{ label: "Zaal", yours: "Zaal 3 (Arnhem)", saved: "قاعة ٧" }] },
      "ar",
    );
    const t = translator("ar");
    expect(html).toContain(`>${t("common:conflict.caption")}</caption>`);
    expect(html).toContain(t("common:conflict.notice"));
    expect(html).toContain(`<strong>${t("common:conflict.differs")}</strong>`);
    expect(bodyRows(html)[0]?.cells.slice(1)).toEqual([
      '<bdi class="koers-prewrap">Zaal 3 (Arnhem)</bdi>',
      '<bdi class="koers-prewrap">قاعة ٧</bdi>',
    ]);
  });
});

describe("comparing form values", () => {
  it("reads both sides through the same field formatting", () => {
    const yesNo = (v: unknown) => (v === "ja" ? "Ja" : "Nee");
    expect(
      compareValues(
        [
          { name: "title", label: "Titel" },
          { name: "languages", label: "Talen" },
          { name: "open", label: "Open", show: yesNo },
        ],
        { title: " Werk ", languages: ["nl", "ar"], open: "ja" },
        { title: "Werk en taal", languages: "nl" },
      ),
    ).toEqual([
      { label: "Titel", yours: "Werk", saved: "Werk en taal" },
      { label: "Talen", yours: "nl, ar", saved: "nl" },
      { label: "Open", yours: "Ja", saved: "Nee" },
    ]);
  });

  it("turns nothing into an empty text and numbers into their digits", () => {
    expect([undefined, null, "", 0, 12, ["", "a", null]].map(valueText)).toEqual([
      "",
      "",
      "",
      "0",
      "12",
      "a",
    ]);
  });
});
