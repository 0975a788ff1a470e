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
  signInThroughForms,
  startServer,
} from "./support.ts";

describe("an administrator creates a municipality and invites a consultant, in Chromium", () => {
  let server: BrowserTestServer;
  let browser: Browser;
  let admin: TestAccount;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
    const beheer = await buildOrganisation(server.database.db, {
      kind: "beheer",
      name: "Koers beheer",
    });
    admin = await buildAccount(server.database.db, {
      organisationId: beheer.id,
      roles: ["beheerder"],
      name: "Bea Beheer",
    });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("creates Gemeente Barneveld, invites Carla, and Carla signs in with her own second factor", async () => {
    const page = await newPage(browser);
    await signInThroughForms(page, server.url, admin);
    await expectAccessible(page);

    await page.getByRole("link", { name: "Organisaties", exact: true }).click();
    await page.waitForURL("**/beheer/organisaties");
    await expectAccessible(page);
    await page.getByRole("link", { name: "Nieuwe organisatie" }).click();
    await page.waitForURL("**/beheer/organisaties/nieuw");
    await expectAccessible(page);
    await page.getByLabel("Soort organisatie").selectOption("gemeente");
    await page.getByLabel("Gemeente (CBS-lijst)").selectOption("GM0203");
    await page.getByRole("button", { name: "Organisatie aanmaken" }).click();
    await expect.poll(() => page.textContent("main")).toContain("Gemeente Barneveld");
    await expectAccessible(page);

    await page.getByRole("link", { name: "Accounts", exact: true }).click();
    await page.waitForURL("**/beheer/accounts**");
    await expectAccessible(page);
    await page.goto(`${server.url}/beheer/accounts/nieuw`);
    await expectAccessible(page);
    await page.getByLabel("Naam").fill("Carla Consulent");
    await page.getByLabel("E-mailadres").fill("carla@barneveld.example");
    await page.getByLabel("Rol").selectOption("consulent");
    const organisation = page.getByLabel("Organisatie");
    const barneveld = await organisation
      .locator("option", { hasText: "Gemeente Barneveld" })
      .getAttribute("value");
    await organisation.selectOption(barneveld ?? "");
    await page.getByRole("button", { name: "Uitnodiging versturen" }).click();
    await expect.poll(() => page.textContent("main")).toContain("carla@barneveld.example");
    await expectAccessible(page);
    await page.context().close();

    // Carla opens the link from her mail in her own browser.
    const carla = await newPage(browser);
    await carla.goto(`${server.url}${server.mailer.linkTo("carla@barneveld.example")}`);
    await expectAccessible(carla);
    await carla.getByLabel("Nieuw wachtwoord").fill("een lange zin als wachtwoord");
    await carla.getByLabel("Herhaal het wachtwoord").fill("een lange zin als wachtwoord");
    await carla.getByRole("button", { name: "Wachtwoord opslaan" }).click();
    await carla.waitForURL("**/inloggen");
    await carla.getByLabel("E-mailadres").fill("carla@barneveld.example");
    await carla.getByLabel("Wachtwoord").fill("een lange zin als wachtwoord");
    await carla.getByRole("button", { name: "Inloggen" }).click();
    await carla.waitForURL("**/account/tweestaps");
    await expectAccessible(carla);
    const secret = (await carla.locator(".koers-secret").textContent())?.replace(/\s+/g, "") ?? "";
    await carla.getByLabel("Code", { exact: true }).fill(await unusedTotp(secret));
    await carla.getByRole("button", { name: "Instellen" }).click();
    await expect
      .poll(() => carla.getByRole("heading", { level: 1 }).textContent())
      .toBe("Uw herstelcodes");
    await expectAccessible(carla);
    await carla.getByRole("link", { name: "Ik heb de codes bewaard" }).click();
    await carla.waitForURL(`${server.url}/`);
    expect(await carla.textContent("main")).toContain("Carla Consulent");
    expect(await carla.textContent("main")).toContain("Gemeente Barneveld");
    await expectAccessible(carla);
    await carla.context().close();
  });
});
