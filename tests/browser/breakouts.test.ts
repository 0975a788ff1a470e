import { eq } from "drizzle-orm";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { maaksessies } from "../../src/sessions/schema.ts";
import { buildAccount, buildOrganisation, type TestAccount } from "../support/factories.ts";
import {
  type BrowserTestServer,
  expectAccessible,
  launchBrowser,
  newPage,
  signInThroughForms,
  startServer,
} from "./support.ts";

describe("changing and removing a deelsessie, in Chromium", () => {
  let server: BrowserTestServer;
  let browser: Browser;
  let facilitator: TestAccount;
  let sessionId: string;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
    const db = server.database.db;
    const org = await buildOrganisation(db, { kind: "provincie", name: "Provincie Gelderland" });
    facilitator = await buildAccount(db, {
      organisationId: org.id,
      roles: ["procesbegeleider"],
      name: "Petra Procesbegeleider",
    });
    const [session] = await db
      .insert(maaksessies)
      .values({
        organisationId: org.id,
        title: "Maaksessie Werk",
        date: "2026-06-01",
        startsAt: "09:30",
        endsAt: "16:00",
        place: "Provinciehuis, Arnhem",
        joinCode: "DEEL42",
      })
      .returning();
    if (!session) throw new Error("no session");
    sessionId = session.id;
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("adds, changes (with a stale save shown side by side) and removes a deelsessie without JavaScript", async () => {
    // Plain HTML forms only: Koers's scripts are not loaded (JavaScript itself stays on, for axe).
    const context = await browser.newContext({ locale: "nl-NL" });
    let scriptsBlocked = 0;
    await context.route("**/*.js", (route) => {
      scriptsBlocked += 1;
      return route.abort();
    });
    const page = await context.newPage();
    await signInThroughForms(page, server.url, facilitator);

    await page.goto(`${server.url}/maaksessies/${sessionId}`);
    const add = page.getByRole("form", { name: "Deelsessie toevoegen" });
    await add.getByLabel("Onderwerp").fill("Taal op de werkvloer");
    await add.getByLabel("Zaal").fill("Zaal 2");
    await add.getByLabel("Begintijd").fill("13:30");
    await add.getByLabel("Eindtijd").fill("15:00");
    await add.getByRole("button", { name: "Deelsessie toevoegen" }).click();
    await page.waitForURL(`**/maaksessies/${sessionId}#deelsessies`);
    await expectAccessible(page);

    // Change it: the link names the deelsessie; the form holds its values.
    await page.getByRole("link", { name: /^Wijzigen\s*: Taal op de werkvloer$/ }).click();
    await page.waitForURL("**/bewerken");
    await expectAccessible(page);
    const edit = page.getByRole("form", { name: "Deelsessie wijzigen: Taal op de werkvloer" });
    expect(await edit.getByLabel("Zaal").inputValue()).toBe("Zaal 2");
    // A colleague saves first.
    await server.database.db
      .update(maaksessies)
      .set({ room: "Zaal 7", version: 2 })
      .where(eq(maaksessies.parentId, sessionId));
    await edit.getByLabel("Zaal").fill("Zaal 3");
    await edit.getByRole("button", { name: "Opslaan" }).click();
    await page.waitForLoadState("load");
    const comparison = page.getByRole("table", { name: "Uw invoer naast wat nu is opgeslagen" });
    const room = comparison.getByRole("row", { name: /Zaal/ });
    expect(await room.getByRole("rowheader").textContent()).toBe("Zaal (verschilt)");
    expect(await room.getByRole("cell").allTextContents()).toEqual(["Zaal 3", "Zaal 7"]);
    expect(await page.getByLabel("Zaal").inputValue()).toBe("Zaal 3");
    await expectAccessible(page);
    // Saving again is a deliberate overwrite.
    await page.getByRole("button", { name: "Opslaan" }).click();
    await page.waitForURL(`**/maaksessies/${sessionId}#deelsessies`);
    expect(await page.textContent("main")).toContain("Zaal 3");

    // Remove it: a confirmation page, then the deelsessie is gone.
    await page.getByRole("link", { name: /^Verwijderen\s*: Taal op de werkvloer$/ }).click();
    await page.waitForURL("**/verwijderen");
    await expectAccessible(page);
    await page.getByRole("button", { name: "Ja, verwijder deze deelsessie" }).click();
    await page.waitForURL(`**/maaksessies/${sessionId}#deelsessies`);
    expect(await page.textContent("main")).toContain(
      "De deelsessie ‘Taal op de werkvloer’ is verwijderd.",
    );
    expect(await page.textContent("main")).toContain("Nog geen deelsessies.");
    await expectAccessible(page);
    expect(scriptsBlocked).toBeGreaterThan(0);
    await context.close();
  });

  it("explains why a deelsessie with registrations cannot be removed", async () => {
    const db = server.database.db;
    const [breakout] = await db
      .insert(maaksessies)
      .values({
        organisationId: facilitator.organisationId,
        parentId: sessionId,
        title: "Stage en werkervaring",
        date: "2026-06-01",
        startsAt: "13:30",
        endsAt: "15:00",
        joinCode: "DEEL43",
      })
      .returning();
    const visitor = await newPage(browser);
    await visitor.goto(`${server.url}/sessies/${sessionId}`);
    const form = visitor.locator('form[action$="/aanmelden"]');
    await form.getByLabel("Naam").fill("Yonas Tesfay");
    await form.getByLabel("E-mailadres").fill("yonas@voorbeeld.test");
    await form.getByLabel("Nieuwkomer").check();
    await form.getByLabel("Stage en werkervaring (13:30–15:00)").check();
    await form.getByRole("button", { name: "Aanmelden" }).click();
    await visitor.waitForURL(`${server.url}/sessies/${sessionId}`);

    const page = await newPage(browser);
    await signInThroughForms(page, server.url, facilitator);
    await page.goto(
      `${server.url}/maaksessies/${sessionId}/deelsessies/${breakout?.id}/verwijderen`,
    );
    expect(await page.textContent("main")).toContain(
      "1 persoon heeft zich voor deze deelsessie aangemeld of staat op de wachtlijst.",
    );
    expect(await page.getByRole("button", { name: "Ja, verwijder deze deelsessie" }).count()).toBe(
      0,
    );
    await expectAccessible(page);
  });
});
