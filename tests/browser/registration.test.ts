import { eq } from "drizzle-orm";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { maaksessies, registrations } from "../../src/sessions/schema.ts";
import { buildOrganisation } from "../support/factories.ts";
import {
  type BrowserTestServer,
  expectAccessible,
  launchBrowser,
  newPage,
  startServer,
} from "./support.ts";

const inDays = (n: number) => {
  const today = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Amsterdam" }).format(
    new Date(),
  );
  const d = new Date(`${today}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
};

/** The writing direction the browser actually lays the page out in (CSS, not only the attribute). */
const direction = (page: Page) =>
  page.evaluate(() => getComputedStyle(document.querySelector("main") as Element).direction);

/** The registration form on the event page (found by where it posts). */
const form = (page: Page) => page.locator('form[action$="/aanmelden"]');

describe("registering for an upcoming maaksessie, in Chromium", () => {
  let server: BrowserTestServer;
  let browser: Browser;
  let sessionId: string;
  let breakoutId: string;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
    const db = server.database.db;
    const province = await buildOrganisation(db, {
      kind: "provincie",
      name: "Provincie Gelderland",
    });
    const host = await buildOrganisation(db, {
      kind: "maatschappelijke_begeleiding",
      name: "VluchtelingenWerk Oost",
    });
    const [session] = await db
      .insert(maaksessies)
      .values({
        organisationId: province.id,
        title: "Maaksessie Gezondheid en zorg",
        description: "Samen luisteren naar ervaringen met de huisarts en de GGZ.",
        date: inDays(21),
        startsAt: "09:30",
        endsAt: "16:00",
        place: "Provinciehuis, Arnhem",
        capacity: 40,
        languages: ["nl", "ar", "ti"],
        interpreters: "Arabisch, Tigrinya",
        programme: [
          { start: "09:30", title: "Welkom", who: "Provincie" },
          { start: "10:00", end: "11:30", title: "Interviews" },
        ],
        joinCode: "REG234",
      })
      .returning();
    if (!session) throw new Error("no session");
    sessionId = session.id;
    const [breakout] = await db
      .insert(maaksessies)
      .values({
        organisationId: province.id,
        parentId: session.id,
        hostOrganisationId: host.id,
        title: "Tolk bij de huisarts",
        room: "Zaal 2",
        date: session.date,
        startsAt: "13:30",
        endsAt: "15:00",
        capacity: 12,
        joinCode: "REG235",
      })
      .returning();
    if (!breakout) throw new Error("no deelsessie");
    breakoutId = breakout.id;
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("registers in Dutch after a validation error that keeps the input", async () => {
    const page = await newPage(browser, { width: 390, locale: "nl-NL" });
    await page.goto(`${server.url}/sessies/${sessionId}`);
    expect(await page.getAttribute("html", "lang")).toBe("nl");
    expect(await page.getAttribute("html", "dir")).toBe("ltr");
    expect(await direction(page)).toBe("ltr");
    await page.getByRole("heading", { level: 1, name: "Maaksessie Gezondheid en zorg" }).waitFor();
    expect(await page.textContent("main")).toContain("Tolk bij de huisarts");
    await expectAccessible(page);

    const registration = form(page);
    await registration.getByLabel("Naam").fill("Sanne Bakker");
    await registration.getByLabel("E-mailadres").fill("sanne-bij-voorbeeld");
    await registration.getByLabel("Organisatie (als je die hebt)").fill("Gemeente Ede");
    await registration.getByLabel("Beleidsmaker").check();
    await registration.getByLabel("Tolk bij de huisarts (13:30–15:00)").check();
    await registration.getByLabel("Een tolk, in de taal").fill("Arabisch");
    await registration.getByLabel("Ik heb kinderopvang nodig").check();
    await registration.getByRole("button", { name: "Aanmelden" }).click();
    await page.waitForLoadState("load");

    // The error, in the summary and at the field; everything typed and chosen is still there.
    const summary = page.getByRole("alert");
    expect(await summary.textContent()).toContain(
      "Vul een e-mailadres in zoals naam@voorbeeld.nl.",
    );
    expect(await summary.getByRole("link").getAttribute("href")).toBe("#veld-email");
    expect(await registration.getByLabel("E-mailadres").getAttribute("aria-invalid")).toBe("true");
    expect(await registration.getByLabel("Naam").inputValue()).toBe("Sanne Bakker");
    expect(await registration.getByLabel("E-mailadres").inputValue()).toBe("sanne-bij-voorbeeld");
    expect(await registration.getByLabel("Organisatie (als je die hebt)").inputValue()).toBe(
      "Gemeente Ede",
    );
    expect(await registration.getByLabel("Beleidsmaker").isChecked()).toBe(true);
    expect(await registration.getByLabel("Tolk bij de huisarts (13:30–15:00)").isChecked()).toBe(
      true,
    );
    expect(await registration.getByLabel("Een tolk, in de taal").inputValue()).toBe("Arabisch");
    expect(await registration.getByLabel("Ik heb kinderopvang nodig").isChecked()).toBe(true);
    expect(await server.database.db.select().from(registrations)).toHaveLength(0);
    await expectAccessible(page);

    // The summary's link leads to the field; corrected, the registration goes through.
    await summary.getByRole("link").click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe("veld-email");
    await registration.getByLabel("E-mailadres").fill("sanne@voorbeeld.test");
    await registration.getByRole("button", { name: "Aanmelden" }).click();
    await page.waitForURL(`${server.url}/sessies/${sessionId}`);
    expect(await page.textContent("body")).toContain(
      "Je bent aangemeld. Je krijgt een e-mail met je code voor de dag.",
    );
    await expectAccessible(page);
    const [saved] = await server.database.db
      .select()
      .from(registrations)
      .where(eq(registrations.email, "sanne@voorbeeld.test"));
    expect(saved).toMatchObject({
      name: "Sanne Bakker",
      affiliation: "Gemeente Ede",
      role: "beleidsmaker",
      locale: "nl",
      status: "aangemeld",
      breakoutId,
      needs: { interpreter: "Arabisch", childcare: true },
    });

    // The link in the confirmation mail opens the registrant's own page: code, QR, cancel.
    await page.goto(`${server.url}${server.mailer.linkTo("sanne@voorbeeld.test")}`);
    expect(await page.textContent("main")).toContain(saved?.checkInCode ?? "—");
    expect(await page.textContent("main")).toContain("Tolk bij de huisarts");
    await page.getByRole("img", { name: new RegExp(saved?.checkInCode ?? "—") }).waitFor();
    await expectAccessible(page);
  });

  it("registers in Arabic, right to left, after a validation error that keeps the input", async () => {
    const page = await newPage(browser, { width: 390, locale: "ar" });
    await page.goto(`${server.url}/sessies/${sessionId}`);
    expect(await page.getAttribute("html", "lang")).toBe("ar");
    expect(await page.getAttribute("html", "dir")).toBe("rtl");
    expect(await direction(page)).toBe("rtl");
    await expectAccessible(page);

    const registration = form(page);
    // Laid out right to left: a radio button stands to the right of its label.
    const newcomer = registration.getByLabel("قادم جديد");
    const [radio, label] = await Promise.all([
      newcomer.boundingBox(),
      registration.locator("label", { hasText: "قادم جديد" }).boundingBox(),
    ]);
    expect(radio && label && radio.x > label.x).toBe(true);

    // Name and role left out: both errors in Arabic, the e-mail address kept.
    await registration.getByLabel("البريد الإلكتروني").fill("amal@voorbeeld.test");
    await registration.getByLabel("مترجم، باللغة").fill("العربية");
    await registration.getByRole("button", { name: "سجّل" }).click();
    await page.waitForLoadState("load");
    expect(await page.getAttribute("html", "dir")).toBe("rtl");
    expect(await direction(page)).toBe("rtl");
    const summary = page.getByRole("alert");
    expect(await summary.textContent()).toContain("املأ هذا الحقل.");
    expect(await summary.getByRole("link").count()).toBe(2);
    expect(await registration.getByLabel("البريد الإلكتروني").inputValue()).toBe(
      "amal@voorbeeld.test",
    );
    expect(await registration.getByLabel("مترجم، باللغة").inputValue()).toBe("العربية");
    expect(await registration.getByLabel("لغة رسائلك الإلكترونية").inputValue()).toBe("ar");
    await expectAccessible(page);

    await registration.getByLabel("الاسم", { exact: true }).fill("أمل حسن");
    await registration.getByLabel("قادم جديد").check();
    await registration.getByRole("button", { name: "سجّل" }).click();
    await page.waitForURL(`${server.url}/sessies/${sessionId}`);
    expect(await page.textContent("body")).toContain("تم تسجيلك.");
    expect(await direction(page)).toBe("rtl");
    await expectAccessible(page);
    const [saved] = await server.database.db
      .select()
      .from(registrations)
      .where(eq(registrations.email, "amal@voorbeeld.test"));
    expect(saved).toMatchObject({
      name: "أمل حسن",
      role: "nieuwkomer",
      locale: "ar",
      status: "aangemeld",
      breakoutId: null,
      needs: { interpreter: "العربية" },
    });
    // The confirmation mail is in the language chosen on the form.
    const mail = server.mailer.sent.filter((m) => m.to === "amal@voorbeeld.test").at(-1);
    expect(mail?.text).toContain(`/sessies/${sessionId}/aanmelding/`);
    expect(mail?.subject).toMatch(/[\u0600-\u06FF]/);
  });
});
