import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type PlanContent, plans, planVersions } from "../../src/plans/index.ts";
import { addDays, todayInNetherlands } from "../../src/reviews/rules.ts";
import {
  buildAccount,
  buildNewcomer,
  buildOrganisation,
  type TestAccount,
} from "../support/factories.ts";
import {
  type BrowserTestServer,
  expectAccessible,
  launchBrowser,
  newPage,
  signInThroughForms,
  startServer,
} from "./support.ts";

const today = todayInNetherlands();

const content: PlanContent = {
  leerroute: "b1",
  routeAdvice: { route: "b1", reasons: [] },
  components: {
    knm: true,
    pvt: { applies: true, hours: 0 },
    map: { applies: true, hours: 0 },
    ontzorgen: { applies: false, months: 0, costs: [] },
    paidBy: "gemeente",
  },
  preconditions: {},
  guidance: "Elke maand een gesprek.",
  goals: [
    {
      id: "doel-werk",
      kind: "werk",
      description: "Werk vinden in de zorg",
      steps: [
        {
          id: "stap-1",
          what: "Cv maken",
          who: "Consulent",
          dueOn: addDays(today, 30),
          status: "open",
        },
      ],
    },
  ],
  reviewSchedule: [{ dueOn: addDays(today, 90) }],
  monitoring: "",
};

describe("a newcomer gets in and reads their plan in their language, in Chromium", () => {
  let server: BrowserTestServer;
  let browser: Browser;
  let consultant: TestAccount;
  let newcomerId: string;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
    const db = server.database.db;
    const org = await buildOrganisation(db, { kind: "gemeente", name: "Gemeente Zwolle" });
    consultant = await buildAccount(db, { organisationId: org.id, name: "Karin Klantregisseur" });
    const n = await buildNewcomer(db, {
      organisationId: org.id,
      givenNames: "Semhar",
      familyName: "Tesfay",
      preferredLanguage: "ti",
      assignedConsultantId: consultant.id,
    });
    newcomerId = n.id;
    const [plan] = await db
      .insert(plans)
      .values({ organisationId: org.id, newcomerId, firstSetOn: addDays(today, -30) })
      .returning();
    await db.insert(planVersions).values({
      organisationId: org.id,
      planId: plan?.id ?? "",
      newcomerId,
      number: 1,
      status: "vastgesteld",
      setOn: addDays(today, -30),
      content,
    });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("prints a letter, accepts it in Tigrinya, switches to Arabic, adds a dream and a comment", async () => {
    const staff = await newPage(browser);
    await signInThroughForms(staff, server.url, consultant);
    await staff.goto(`${server.url}/nieuwkomers/${newcomerId}/uitnodigen`);
    await expectAccessible(staff);
    await staff.getByRole("button", { name: "Brief maken" }).click();
    await staff.waitForURL(`**/nieuwkomers/${newcomerId}/uitnodigen`);
    await expectAccessible(staff);
    const code = (await staff.locator(".koers-letter__code").textContent())?.trim() ?? "";
    expect(code).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}$/);

    // The newcomer, on a narrow phone screen.
    const page = await newPage(browser, { width: 320 });
    await page.goto(`${server.url}/welkom`);
    await expectAccessible(page);
    await page.locator("main").getByRole("link", { name: "ትግርኛ" }).click();
    await page.waitForURL("**/welkom/code");
    expect(await page.getAttribute("html", "lang")).toBe("ti");
    await expectAccessible(page);
    await page.getByLabel("ኮድ ካብቲ ደብዳቤ").fill(code);
    await page.getByLabel("ኢመይል ኣድራሻኹም").fill("semhar@example.test");
    await page.getByLabel("መሕለፊ ቃል ምረጹ").fill("mijn eigen lange zin");
    await page.getByLabel("መሕለፊ ቃል ደጊምኩም ጽሓፉ").fill("mijn eigen lange zin");
    await page.getByRole("button", { name: "መእተዊ ፍጠሩ" }).click();
    await page.waitForURL("**/mijn-plan?welkom=1");
    expect(await page.locator("h1").textContent()).toBe("ትልመይ");
    expect(await page.textContent("body")).toContain("Werk vinden in de zorg");
    await expectAccessible(page);

    // Arabic: the page turns right to left.
    await page.getByRole("link", { name: "العربية" }).first().click();
    await page.waitForURL("**/mijn-plan*");
    expect(await page.getAttribute("html", "dir")).toBe("rtl");
    const direction = await page.evaluate(() => getComputedStyle(document.body).direction);
    expect(direction).toBe("rtl");
    // Usable at 320 px: nothing wider than the screen, also with the text at 200%.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      320,
    );
    await page.evaluate(() => {
      document.documentElement.style.fontSize = "200%";
    });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      320,
    );
    await page.evaluate(() => {
      document.documentElement.style.fontSize = "";
    });
    await expectAccessible(page);

    await page.getByLabel("حلمي").fill("أريد أن أصبح ممرضة");
    await page.locator("#mijn-stem").getByRole("button", { name: "إرسال" }).first().click();
    await page.waitForURL("**/mijn-plan*");
    expect(await page.textContent("body")).toContain("أريد أن أصبح ممرضة");

    await page.getByText("قل شيئًا عن هذا الهدف").click();
    await page.getByLabel("ملاحظتك عن هذا الهدف").fill("أفضّل العمل في مستشفى");
    await page.locator(".koers-portal-goal").getByRole("button", { name: "إرسال" }).click();
    await page.waitForURL("**/mijn-plan*");
    expect(await page.textContent("body")).toContain("أفضّل العمل في مستشفى");
    await expectAccessible(page);

    // Dutch, and the appointments page.
    await page.getByRole("link", { name: "Nederlands" }).first().click();
    await page.waitForURL("**/mijn-plan*");
    expect(await page.getAttribute("html", "lang")).toBe("nl");
    await expectAccessible(page);
    await page.getByRole("link", { name: "Mijn afspraken" }).first().click();
    await page.waitForURL("**/mijn-plan/afspraken");
    await expectAccessible(page);
  });
});
