import { eq } from "drizzle-orm";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { maaksessies, votes } from "../../src/sessions/schema.ts";
import { buildAccount, buildOrganisation, type TestAccount } from "../support/factories.ts";
import {
  type BrowserTestServer,
  expectAccessible,
  launchBrowser,
  newPage,
  signInThroughForms,
  startServer,
} from "./support.ts";

const CODE = "LIVE42";

/** A participant joins on their phone, in their language, with the code typed in. */
async function joinOnPhone(
  browser: Browser,
  url: string,
  locale: "nl" | "ar" | "ti",
  role: string,
): Promise<Page> {
  const page = await newPage(browser, { width: 390, locale });
  await page.goto(`${url}/doe-mee`);
  expect(await page.getAttribute("html", "lang")).toBe(locale);
  await expectAccessible(page);
  await page.locator("#veld-code").fill(CODE.toLowerCase());
  await page.locator("#veld-code").press("Enter");
  await page.waitForURL(`**/doe-mee/${CODE}`);
  await expectAccessible(page);
  await page.check(`input[name="role"][value="${role}"]`);
  await page.check(`input[name="locale"][value="${locale}"]`);
  await page.locator('form[action^="/doe-mee/"] button[type="submit"]').click();
  await page.waitForURL(`**/bord/${CODE}`);
  await expectAccessible(page);
  return page;
}

async function postNote(page: Page, category: string, text: string) {
  await page.check(`input[name="category"][value="${category}"]`);
  await page.locator("#veld-text").fill(text);
  await page.locator('button[name="reveal"][value="1"]').click();
  // With JavaScript the form posts in the background and clears itself.
  await expect.poll(() => page.locator("#veld-text").inputValue()).toBe("");
}

describe("the live board, in Chromium", () => {
  let server: BrowserTestServer;
  let browser: Browser;
  let facilitator: TestAccount;
  let sessionId: string;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
    const org = await buildOrganisation(server.database.db, {
      kind: "provincie",
      name: "Provincie Gelderland",
    });
    facilitator = await buildAccount(server.database.db, {
      organisationId: org.id,
      roles: ["procesbegeleider"],
      name: "Petra Procesbegeleider",
    });
    const [session] = await server.database.db
      .insert(maaksessies)
      .values({
        organisationId: org.id,
        title: "Maaksessie Werk en inkomen",
        date: "2026-06-01",
        startsAt: "13:00",
        endsAt: "17:00",
        joinCode: CODE,
        phase: "luisteren",
        voteBudget: 2,
        languages: ["nl", "ar", "ti"],
      })
      .returning();
    if (!session) throw new Error("no session");
    sessionId = session.id;
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("joins three phones by code, shows their notes live, groups, votes and adds an action", async () => {
    const staff = await newPage(browser);
    await signInThroughForms(staff, server.url, facilitator);

    // The projector: the code big, and the notes arriving live.
    const projector = await staff.context().newPage();
    await projector.goto(`${server.url}/maaksessies/${sessionId}/projectie`);
    expect(await projector.locator("[data-join-code]").textContent()).toBe(CODE);
    await expect.poll(() => projector.locator("[data-connected]").count()).toBe(1);

    const arabic = await joinOnPhone(browser, server.url, "ar", "nieuwkomer");
    const tigrinya = await joinOnPhone(browser, server.url, "ti", "nieuwkomer");
    const dutch = await joinOnPhone(browser, server.url, "nl", "beleidsmaker");
    expect(await arabic.getAttribute("html", "dir")).toBe("rtl");

    await postNote(arabic, "negatief", "الانتظار عند الطبيب طويل جداً");
    await postNote(tigrinya, "les_instituties", "ስራሕ ንምርካብ ሓገዝ የድሊ");
    await postNote(dutch, "onderzoeksvraag", "Hoe lang wachten nieuwkomers op een huisarts?");
    for (const text of [
      "الانتظار عند الطبيب طويل جداً",
      "ስራሕ ንምርካብ ሓገዝ የድሊ",
      "Hoe lang wachten nieuwkomers op een huisarts?",
    ])
      await projector.getByText(text).waitFor({ timeout: 5000 });
    await expectAccessible(projector);

    // Grouping by keyboard: make a group, then move each note with its select and button.
    const board = await staff.context().newPage();
    await board.goto(`${server.url}/maaksessies/${sessionId}/bord`);
    const groupForm = board.getByRole("form", { name: "Groep maken" });
    await groupForm.getByLabel("Titel").fill("Wachten op zorg");
    await groupForm.getByLabel("Titel").press("Enter");
    await board.waitForURL(`**/maaksessies/${sessionId}/bord`);
    for (let i = 0; i < 3; i++) {
      const select = board.getByLabel("Naar groep").first();
      await select.focus();
      await board.keyboard.press("ArrowDown");
      await board.keyboard.press("Tab");
      await board.keyboard.press("Enter");
      await board.waitForLoadState("load");
    }
    await expect.poll(() => board.locator("[data-group] [data-note]").count()).toBe(3);
    await expectAccessible(board);

    // The group becomes a vraagstuk; voting opens.
    const editor = board.locator("[data-group]").first();
    await editor.getByLabel("Titel").fill("Hoe krijgen nieuwkomers sneller zorg?");
    await editor.getByLabel("Soort").selectOption("vraagstuk");
    await editor.getByRole("button", { name: "Bewaren" }).click();
    await board.waitForLoadState("load");
    // The projector shows the new vraagstuk live: a mark set on its page survives (no reload).
    await projector.evaluate(() => {
      document.body.dataset.kept = "1";
    });
    const vraagstukken = projector.locator('[data-live="vraagstukken"]');
    await expect
      .poll(() => vraagstukken.textContent())
      .toContain("Hoe krijgen nieuwkomers sneller zorg?");
    await board.getByRole("form", { name: "Fase" }).getByLabel("Fase").selectOption("stemmen");
    await board
      .getByRole("form", { name: "Fase" })
      .getByLabel("Timer in minuten (leeg: geen timer)")
      .fill("5");
    await board.getByRole("button", { name: "Fase instellen" }).click();
    await board.waitForLoadState("load");

    for (const phone of [arabic, tigrinya, dutch]) {
      await phone.reload();
      await phone.locator('form[action$="/stemmen"] button').click();
      await phone.waitForLoadState("load");
      await expectAccessible(phone);
    }
    const dots = await server.database.db
      .select()
      .from(votes)
      .where(eq(votes.sessionId, sessionId));
    expect(dots).toHaveLength(3);
    await expect
      .poll(() => vraagstukken.locator("[data-dots]").first().textContent())
      .toBe("Stippen: 3");

    // An action with an owner for the vraagstuk.
    await board.goto(`${server.url}/maaksessies/${sessionId}/bord`);
    const action = board.getByRole("form", { name: "Actie toevoegen" });
    await action
      .getByLabel("Wat gaan we doen?")
      .fill("Tolk standaard bij het eerste huisartsbezoek");
    await action.getByLabel("Trekker (persoon)").fill("Sanne de Vries");
    await action.getByLabel("Organisatie van de trekker").fill("GGD Gelderland-Zuid");
    await action.getByRole("button", { name: "Actie toevoegen" }).click();
    await board.waitForLoadState("load");
    expect(await board.textContent("body")).toContain("Sanne de Vries");
    await expect
      .poll(() => projector.locator('[data-live="actions"]').textContent())
      .toContain("Tolk standaard bij het eerste huisartsbezoek");
    expect(await projector.locator("body[data-kept]").count()).toBe(1);
  });
});
