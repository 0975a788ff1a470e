import { and, eq } from "drizzle-orm";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { maaksessies, noteGroups, votes } from "../../src/sessions/schema.ts";
import { buildAccount, buildOrganisation, type TestAccount } from "../support/factories.ts";
import {
  type BrowserTestServer,
  expectAccessible,
  launchBrowser,
  newPage,
  signInThroughForms,
  startServer,
} from "./support.ts";

const CODE = "STEM42";
const FIRST = "Hoe vinden nieuwkomers een huisarts?";
const SECOND = "Hoe krijgen nieuwkomers sneller werk?";

/** A participant joins on their phone, in their language, by the code. */
async function joinOnPhone(browser: Browser, url: string, locale: "nl" | "ar" | "ti") {
  const page = await newPage(browser, { width: 390, locale });
  await page.goto(`${url}/doe-mee/${CODE}`);
  await page.check('input[name="role"][value="nieuwkomer"]');
  await page.check(`input[name="locale"][value="${locale}"]`);
  await page.locator('form[action^="/doe-mee/"] button[type="submit"]').click();
  await page.waitForURL(`**/bord/${CODE}`);
  await expect.poll(() => page.locator("[data-connected]").count()).toBe(1);
  return page;
}

/** Marks the page; the mark is gone after a reload, so it proves a change arrived live. */
const mark = (page: Page) =>
  page.evaluate(() => {
    document.body.dataset.kept = "1";
  });
const kept = async (page: Page) => (await page.locator("body[data-kept]").count()) === 1;

/** The dot buttons in a vraagstuk's line (by its title) on a phone. */
const dotButtons = (page: Page, title: string) =>
  page.locator('[data-live="vraagstukken"] li', { hasText: title }).locator("form button");

describe("voting on the live board, in Chromium", () => {
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
        title: "Maaksessie Gezondheid",
        date: "2026-06-01",
        startsAt: "13:00",
        endsAt: "17:00",
        joinCode: CODE,
        phase: "groeperen",
        voteBudget: 2,
        languages: ["nl", "ar", "ti"],
      })
      .returning();
    if (!session) throw new Error("no session");
    sessionId = session.id;
    await db
      .insert(noteGroups)
      .values({ organisationId: org.id, sessionId, kind: "vraagstuk", title: FIRST });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("gives a vraagstuk that arrives live its dot at once, within each phone's budget", async () => {
    const staff = await newPage(browser);
    await signInThroughForms(staff, server.url, facilitator);
    await staff.goto(`${server.url}/maaksessies/${sessionId}/bord`);

    const arabic = await joinOnPhone(browser, server.url, "ar");
    const dutch = await joinOnPhone(browser, server.url, "nl");
    const tigrinya = await joinOnPhone(browser, server.url, "ti");
    const phones = [arabic, dutch, tigrinya];
    expect(await arabic.getAttribute("html", "dir")).toBe("rtl");
    // Grouping, not voting yet: the vraagstuk is there, without a dot to give.
    for (const phone of phones) {
      await phone.getByText(FIRST, { exact: true }).waitFor();
      expect(await dotButtons(phone, FIRST).count()).toBe(0);
      await mark(phone);
    }

    // Voting opens: every phone gets the dot on the vraagstuk it shows, without a reload.
    const phase = staff.getByRole("form", { name: "Fase" });
    await phase.getByLabel("Fase", { exact: true }).selectOption("stemmen");
    await phase.getByRole("button", { name: "Fase instellen" }).click();
    await staff.waitForLoadState("load");
    for (const phone of phones) await expect.poll(() => dotButtons(phone, FIRST).count()).toBe(1);
    for (const phone of phones) expect(await kept(phone)).toBe(true);

    // The Tigrinya phone spends its two dots (each a plain form post and a reload).
    for (let i = 0; i < 2; i++) {
      await dotButtons(tigrinya, FIRST).click();
      await tigrinya.waitForLoadState("load");
    }
    expect(await dotButtons(tigrinya, FIRST).count()).toBe(0);
    await expect.poll(() => tigrinya.locator("[data-connected]").count()).toBe(1);
    for (const phone of phones) await mark(phone);

    // The facilitator names a second vraagstuk while the phones are voting.
    const group = staff.getByRole("form", { name: "Groep maken" });
    await group.getByLabel("Titel").fill(SECOND);
    await group.getByLabel("Soort").selectOption("vraagstuk");
    await group.getByRole("button", { name: "Groep maken" }).click();
    await staff.waitForLoadState("load");

    // It arrives on every phone; a dot only where dots are left, and nobody reloaded.
    for (const phone of phones)
      await phone.getByText(SECOND, { exact: true }).waitFor({ timeout: 5000 });
    await expect.poll(() => dotButtons(arabic, SECOND).count()).toBe(1);
    await expect.poll(() => dotButtons(dutch, SECOND).count()).toBe(1);
    expect(await dotButtons(tigrinya, SECOND).count()).toBe(0);
    for (const phone of phones) expect(await kept(phone)).toBe(true);
    // The live dot is named after its vraagstuk, like the server's, in the phone's language.
    const named = (page: Page, cast: string) =>
      page
        .getByRole("button", { name: new RegExp(`^${cast}\\s*: ${SECOND.replace("?", "\\?")}$`) })
        .count();
    expect(await named(dutch, "Stip geven")).toBe(1);
    expect(await named(arabic, "أعطِ نقطة")).toBe(1);
    for (const phone of phones) await expectAccessible(phone);

    // The live form is a real one: it posts with the page's CSRF token and the dot is counted.
    await dotButtons(arabic, SECOND).click();
    await arabic.waitForLoadState("load");
    await expect.poll(() => arabic.locator("body[data-kept]").count()).toBe(0);
    const [second] = await server.database.db
      .select()
      .from(noteGroups)
      .where(and(eq(noteGroups.sessionId, sessionId), eq(noteGroups.title, SECOND)));
    const onSecond = await server.database.db
      .select()
      .from(votes)
      .where(eq(votes.groupId, second?.id ?? ""));
    expect(onSecond).toHaveLength(1);
    const line = arabic.locator('[data-live="vraagstukken"] li', { hasText: SECOND });
    expect(await line.locator("[data-mine]").textContent()).toContain("منك: 1");
    await expectAccessible(arabic);

    // The Dutch phone sees the new total arrive, still without a reload.
    await expect
      .poll(() =>
        dutch
          .locator('[data-live="vraagstukken"] li', { hasText: SECOND })
          .locator("[data-dots]")
          .textContent(),
      )
      .toBe("Stippen: 1");
    expect(await kept(dutch)).toBe(true);

    // Voting closes: the dots go from the phones live.
    await phase.getByLabel("Fase", { exact: true }).selectOption("actie");
    await phase.getByRole("button", { name: "Fase instellen" }).click();
    await staff.waitForLoadState("load");
    await expect.poll(() => dotButtons(dutch, SECOND).count()).toBe(0);
    expect(await dotButtons(dutch, FIRST).count()).toBe(0);
  });
});
