import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDays, todayInNetherlands } from "../../src/newcomers/index.ts";
import { buildAccount, buildOrganisation, type TestAccount } from "../support/factories.ts";
import {
  type BrowserTestServer,
  expectAccessible,
  launchBrowser,
  newPage,
  signInThroughForms,
  startServer,
} from "./support.ts";

/** Clicks a button or link that leads to another page, waits for it, and scans it with axe. */
async function go(page: Page, action: () => Promise<void>) {
  await Promise.all([page.waitForEvent("load"), action()]);
  await expectAccessible(page);
}

/** The page (not only main: flash messages sit above it) shows this text. */
const shows = (page: Page, text: string) =>
  expect.poll(async () => (await page.textContent("body")) ?? "").toContain(text);

describe("a consultant takes a newcomer from registration to a changed PIP, in Chromium", () => {
  let server: BrowserTestServer;
  let browser: Browser;
  let consultant: TestAccount;
  const today = todayInNetherlands();

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
    const db = server.database.db;
    const ede = await buildOrganisation(db, { kind: "gemeente", name: "Gemeente Ede" });
    await buildOrganisation(db, { kind: "taalaanbieder", name: "Taalhuis De Brug (fictief)" });
    consultant = await buildAccount(db, {
      organisationId: ede.id,
      roles: ["consulent"],
      name: "Sanne de Vries",
    });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("registers, holds the intake, sets the PIP, downloads it, reviews and changes it", async () => {
    const page = await newPage(browser);
    page.setDefaultTimeout(15_000);
    await signInThroughForms(page, server.url, consultant);
    await expectAccessible(page);

    // ── Register ───────────────────────────────────────────────────────────────────────
    await go(page, () => page.goto(`${server.url}/nieuwkomers/nieuw`).then(() => {}));
    await page.getByLabel("Voornamen").fill("Selamawit");
    await page.getByLabel("Achternaam").fill("Gebreyesus");
    await page.getByLabel("Geboortedatum").fill("1990-03-14");
    await page.getByLabel("Land van herkomst").fill("Eritrea");
    await page.getByLabel("Voorkeurstaal").selectOption("ti");
    await page.getByLabel("Geletterdheid").selectOption("geletterd");
    await page
      .getByRole("group", { name: "Kan lezen en schrijven in het Latijnse schrift" })
      .getByLabel("Ja")
      .check();
    await page.getByLabel("Doelgroep", { exact: true }).selectOption("asielstatushouder");
    await page.getByRole("group", { name: "Bijstandsuitkering" }).getByLabel("Ja").check();
    await go(page, () => page.getByRole("button", { name: "Registreren" }).click());
    await shows(page, "De nieuwkomer is geregistreerd.");
    const newcomerUrl = page.url();

    // ── The brede intake: three conversations ──────────────────────────────────────────
    await go(page, () => page.getByRole("link", { name: "Brede intake" }).click());
    const intakeUrl = page.url();
    const conversations = [
      { daysAgo: 21, notes: "Kennismaking met tolk. Selamawit was kapster in Asmara." },
      { daysAgo: 14, notes: "Gesprek zonder partner aangeboden en gevoerd." },
      { daysAgo: 7, notes: "Uitslag van de leerbaarheidstoets besproken." },
    ];
    for (const c of conversations) {
      await go(page, () => page.goto(`${intakeUrl}/gesprekken`).then(() => {}));
      await go(page, () => page.getByRole("link", { name: "Gesprek vastleggen" }).click());
      await page.getByLabel("Datum").fill(addDays(today, -c.daysAgo));
      await page.getByRole("group", { name: "Was er een tolk?" }).getByLabel("Ja").check();
      await page.getByLabel("Taal van de tolk").fill("Tigrinya");
      await page
        .getByRole("group", { name: "Was de partner bij het gesprek?" })
        .getByLabel("Nee")
        .check();
      await page.getByLabel("Aantekeningen").fill(c.notes);
      await go(page, () => page.getByRole("button", { name: "Opslaan" }).click());
      await shows(page, c.notes);
    }

    // ── The statutory parts ───────────────────────────────────────────────────────────
    await go(page, () => page.getByRole("link", { name: "Terug naar de brede intake" }).click());
    await go(page, () => page.getByRole("link", { name: "Leerbaarheidstoets" }).click());
    await page.getByRole("radio", { name: "Afgenomen", exact: true }).check();
    await page.getByLabel("Datum").fill(addDays(today, -10));
    await page.getByLabel("Score (0–100)").fill("48");
    await go(page, () => page.getByRole("button", { name: "Opslaan" }).click());
    await shows(page, "De gegevens zijn opgeslagen.");
    await shows(page, "Afgenomen ·");

    await go(page, () => page.goto(intakeUrl).then(() => {}));
    await go(page, () => page.getByRole("link", { name: "Opleiding en werkervaring" }).click());
    await go(page, () => page.getByRole("link", { name: "Opleiding toevoegen" }).click());
    await page.getByLabel("Niveau").selectOption("voortgezet");
    await page.getByLabel("Land").fill("Eritrea");
    await page.getByLabel("Aantal jaren").fill("11");
    await go(page, () => page.getByRole("button", { name: "Opslaan" }).click());
    await go(page, () => page.goto(`${intakeUrl}/opleiding-en-werk`).then(() => {}));
    await go(page, () => page.getByRole("link", { name: "Werkervaring toevoegen" }).click());
    await page.getByLabel("Sector").fill("Kappersbranche");
    await page.getByLabel("Functie of werk").fill("Kapster");
    await page.getByLabel("Land").fill("Eritrea");
    await page.getByLabel("Aantal jaren").fill("6");
    await go(page, () => page.getByRole("button", { name: "Opslaan" }).click());
    await shows(page, "Kapster");

    await go(page, () => page.goto(intakeUrl).then(() => {}));
    await go(page, () => page.getByRole("link", { name: "Persoonlijke omstandigheden" }).click());
    await page.getByLabel("Situatie").fill("Woont alleen in een flat in Ede-Veldhuizen.");
    await page.getByLabel("Wat is er nodig?").fill("Een huisarts in de buurt.");
    await go(page, () => page.getByRole("button", { name: "Opslaan" }).click());

    // The practice domains, the newcomer's view next to the consultant's.
    await go(page, () => page.goto(`${intakeUrl}/domeinen/scoren`).then(() => {}));
    await page.getByLabel("Datum").fill(addDays(today, -7));
    const score = async (domain: string, newcomer: number, consultantScore: number) => {
      const region = page.getByRole("region", { name: domain });
      for (const [who, value] of [
        ["Wat vindt u zelf?", newcomer],
        ["Consulent", consultantScore],
      ] as const)
        await region
          .getByRole("group", { name: who })
          .getByRole("radio", { name: new RegExp(`^${value}`) })
          .check();
    };
    await score("Taal", 2, 1);
    await score("Werk en opleiding", 3, 2);
    await score("Wonen", 4, 4);
    await go(page, () => page.getByRole("button", { name: "Scores opslaan" }).click());
    await shows(page, "Domeinen scoren");

    // ── The PIP: the advice, a concept, discussed, set ────────────────────────────────
    await go(page, () => page.goto(newcomerUrl).then(() => {}));
    await go(page, () => page.getByRole("link", { name: "Persoonlijk plan (PIP)" }).click());
    await shows(page, "Advies: B1-route");
    await shows(page, "score 48");
    await go(page, () => page.getByRole("button", { name: "PIP opstellen" }).click());
    await page.getByLabel("Taalaanbieder", { exact: true }).selectOption({
      label: "Taalhuis De Brug (fictief)",
    });
    await page.getByLabel("Uren taalles per week").fill("12");
    await page.getByLabel("Module Arbeidsmarkt en Participatie (MAP), uren").fill("40");
    await page
      .getByLabel("Begeleiding en ondersteuning")
      .fill("Maandelijks contact met de consulent.");
    await go(page, () => page.getByRole("button", { name: "Doel toevoegen" }).click());
    const goal = page.getByRole("group", { name: "Doel 1", exact: true });
    await goal.getByLabel("Soort doel").selectOption("werk");
    await goal.getByLabel("Doel", { exact: true }).fill("Werken als kapster in een salon in Ede.");
    const step = page.getByRole("group", { name: "Doel 1, stap 1" });
    await step.getByLabel("Wat").fill("Meeloopdag bij een kapsalon");
    await step.getByLabel("Wie").fill("Selamawit met de jobcoach");
    await step.getByLabel("Klaar op").fill(addDays(today, 60));
    await go(page, () => page.getByRole("button", { name: "Gesprek toevoegen" }).click());
    await page
      .getByRole("group", { name: "Voortgangsgesprek 1" })
      .getByLabel("Datum")
      .fill(addDays(today, 90));
    await go(page, () => page.getByRole("button", { name: "Concept opslaan" }).first().click());
    await shows(page, "Versie 1 is opgeslagen.");
    await page.getByLabel("Besproken op").fill(today);
    await go(page, () => page.getByRole("button", { name: "Besproken met de nieuwkomer" }).click());
    await shows(page, "Het plan staat op besproken.");
    await page.getByLabel("Datum van het besluit").fill(today);
    await go(page, () => page.getByRole("button", { name: "Versie 1 vaststellen" }).click());
    await shows(page, "Het plan is vastgesteld.");

    // ── The PIP as a PDF ────────────────────────────────────────────────────────────────
    const pdfHref = await page
      .getByRole("link", { name: "Versie 1 als pdf" })
      .first()
      .getAttribute("href");
    const pdf = await page.request.get(`${server.url}${pdfHref}`);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()["content-type"]).toContain("application/pdf");
    const bytes = await pdf.body();
    expect(bytes.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    const file = join(mkdtempSync(join(tmpdir(), "koers-pip-")), "pip.pdf");
    writeFileSync(file, bytes);
    const text = execFileSync("pdftotext", ["-layout", file, "-"], { encoding: "utf8" });
    expect(text).toContain("Selamawit Gebreyesus");
    expect(text).toContain("B1-route");
    expect(text).toContain("Werken als kapster in een salon in Ede.");

    // ── Later: a progress review, and the plan changed after it ─────────────────────────
    await go(page, () => page.goto(`${newcomerUrl}/voortgang`).then(() => {}));
    const reviewDate = new Intl.DateTimeFormat("nl-NL", {
      day: "numeric",
      month: "long",
      year: "numeric",
      timeZone: "UTC",
    }).format(new Date(`${addDays(today, 90)}T00:00:00Z`));
    await go(page, () => page.getByRole("link", { name: reviewDate }).click());
    await go(page, () => page.getByRole("link", { name: "Gesprek vastleggen" }).click());
    await page.getByLabel("Gehouden op").fill(today);
    await page
      .getByRole("group", { name: "Werken als kapster in een salon in Ede." })
      .getByLabel("Op schema")
      .check();
    for (const [domain, consultantScore, newcomer] of [
      ["Taal", "2", "3"],
      ["Werk en opleiding", "3", "3"],
    ] as const) {
      const group = page.getByRole("group", { name: domain, exact: true });
      await group.getByLabel("Score van de consulent").selectOption(consultantScore);
      await group.getByLabel("Score van de nieuwkomer").selectOption(newcomer);
    }
    await page
      .getByLabel("Wat is er veranderd")
      .fill("Selamawit mag na de meeloopdag twee dagen per week stage lopen in de salon.");
    await go(page, () => page.getByRole("button", { name: "Opslaan en plan aanpassen" }).click());
    await shows(page, "Versie 2 van het plan is als concept gemaakt.");
    // Version 2: the first step is under way, a stage is added; the review is the reason.
    await expect.poll(() => page.getByLabel("Reden van de wijziging").inputValue()).not.toBe("");
    await page
      .getByRole("group", { name: "Doel 1, stap 1" })
      .getByLabel("Stand")
      .selectOption("klaar");
    await go(page, () => page.getByRole("button", { name: "Stap toevoegen aan doel 1" }).click());
    const stage = page.getByRole("group", { name: "Doel 1, stap 2" });
    await stage.getByLabel("Wat").fill("Stage twee dagen per week in de salon");
    await stage.getByLabel("Wie").fill("Selamawit");
    await stage.getByLabel("Klaar op").fill(addDays(today, 180));
    await go(page, () => page.getByRole("button", { name: "Concept opslaan" }).first().click());
    await shows(page, "Versie 2 is opgeslagen.");
    await page.getByLabel("Besproken op").fill(today);
    await go(page, () => page.getByRole("button", { name: "Besproken met de nieuwkomer" }).click());
    await page.getByLabel("Datum van het besluit").fill(today);
    await go(page, () => page.getByRole("button", { name: "Versie 2 vaststellen" }).click());
    await shows(page, "Het plan is vastgesteld.");
    await shows(page, "Geldende versie: versie 2");
    await shows(page, "Stage twee dagen per week in de salon");

    // Both versions are kept and can be compared side by side.
    await page.getByLabel("Oudere versie").selectOption("1");
    await page.getByLabel("Nieuwere versie").selectOption("2");
    await go(page, () => page.getByRole("button", { name: "Vergelijken" }).click());
    await shows(page, "Versie 1 en versie 2 vergeleken");
    await shows(page, "Gewijzigd");

    // The progress page shows the review, and each scored domain over time (intake, then review).
    await go(page, () => page.goto(`${newcomerUrl}/voortgang`).then(() => {}));
    await expect
      .poll(() => page.getByRole("img", { name: "Taal: score over tijd" }).count())
      .toBe(1);
    await shows(page, "Volgens de nieuwkomer gestegen van 2 naar 3.");
  }, 240_000);
});
