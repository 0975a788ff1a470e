import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  buildAccount,
  buildOrganisation,
  type TestAccount,
  unusedTotp,
} from "../support/factories.ts";
import {
  type BrowserTestServer,
  expectAccessible,
  launchBrowser,
  newPage,
  startServer,
} from "./support.ts";

describe("signing in and languages, in Chromium", () => {
  let server: BrowserTestServer;
  let browser: Browser;
  let consultant: TestAccount;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
    const org = await buildOrganisation(server.database.db, { name: "Gemeente Ede" });
    consultant = await buildAccount(server.database.db, {
      organisationId: org.id,
      roles: ["consulent"],
      name: "Carla Consulent",
    });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("signs in with password and a TOTP code", async () => {
    const page = await newPage(browser);
    await page.goto(`${server.url}/`);
    await expectAccessible(page);
    await page.getByRole("link", { name: "Inloggen" }).first().click();
    await expect.poll(() => page.url()).toContain("/inloggen");
    await expectAccessible(page);
    await page.getByLabel("E-mailadres").fill(consultant.email);
    await page.getByLabel("Wachtwoord").fill(consultant.password);
    await page.getByRole("button", { name: "Inloggen" }).click();
    await page.waitForURL("**/inloggen/code");
    await expectAccessible(page);
    await page.getByLabel("Code", { exact: true }).fill(await unusedTotp(consultant.totpSecret));
    await page.getByRole("button", { name: "Controleren" }).click();
    await page.waitForURL(`${server.url}/`);
    await expect
      .poll(() => page.getByRole("heading", { level: 1 }).textContent())
      .toBe("Overzicht");
    expect(await page.textContent("body")).toContain("Carla Consulent");
    await expectAccessible(page);
    await page.context().close();
  });

  it("switches to Arabic: the page turns right-to-left", async () => {
    const page = await newPage(browser);
    await page.goto(`${server.url}/inloggen`);
    expect(await page.getAttribute("html", "dir")).toBe("ltr");
    await page.getByRole("link", { name: "العربية" }).click();
    await page.waitForURL("**/inloggen");
    expect(await page.getAttribute("html", "lang")).toBe("ar");
    expect(await page.getAttribute("html", "dir")).toBe("rtl");
    // The layout really flips: the main heading starts at the right edge.
    const box = await page.getByRole("heading", { level: 1 }).boundingBox();
    const width = page.viewportSize()?.width ?? 1280;
    expect(box && box.x + box.width).toBeGreaterThan(width / 2);
    await expectAccessible(page);
    await page.context().close();
  });
});
