import { createServer } from "node:net";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultAcrMapping } from "../../src/accounts/digid.ts";
import { createProvider } from "../../src/accounts/oidc.ts";
import { systemActor } from "../../src/platform/authz/index.ts";
import { inviteNewcomer } from "../../src/portal/commands.ts";
import { createTestApp, type TestApp } from "../support/app.ts";
import { buildNewcomer, buildOrganisation, validBsn } from "../support/factories.ts";
import { startTestIdentityProvider, type TestIdentityProvider } from "../support/oidc-provider.ts";
import { expectAccessible, launchBrowser, newPage } from "./support.ts";

const BSN_CLAIM = "urn:nl-eid-gdi:1.0:id:BSN";
const MIDDEN = "urn:oasis:names:tc:SAML:2.0:ac:classes:MobileTwoFactorContract";

/** A free loopback port: the broker must know Koers's address (PUBLIC_URL) before Koers starts. */
async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const address = probe.address();
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  if (!address || typeof address === "string") throw new Error("no port");
  return address.port;
}

/** At the broker's bare login page: who signs in at DigiD. */
async function signInAtBroker(page: Page, login: string) {
  await page.getByLabel("Login").fill(login);
  await page.getByRole("button", { name: "Sign in" }).click();
}

describe("a newcomer gets in with DigiD, in Chromium", () => {
  let t: TestApp;
  let url: string;
  let broker: TestIdentityProvider;
  let browser: Browser;
  let semharCode: string;
  let mismatchCode: string;

  beforeAll(async () => {
    const port = await freePort();
    url = `http://127.0.0.1:${port}`;
    [t, broker, browser] = await Promise.all([
      createTestApp("pglite", { PUBLIC_URL: url }),
      startTestIdentityProvider({
        redirectUri: `${url}/inloggen/digid/callback`,
        extraClaims: [BSN_CLAIM],
        acrValues: Object.values(defaultAcrMapping).flat(),
      }),
      launchBrowser(),
    ]);
    await t.app.listen({ host: "127.0.0.1", port });
    const db = t.database.db;
    const ctx = { actor: systemActor };
    const ede = await buildOrganisation(db, { kind: "gemeente", name: "Gemeente Ede" });
    await createProvider(db, ctx, {
      organisationId: ede.id,
      purpose: "digid",
      name: "DigiD",
      issuer: broker.issuer,
      clientId: broker.clientId,
      clientSecret: broker.clientSecret,
      emailDomain: "",
      digid: {
        bsnClaim: BSN_CLAIM,
        minimumLevel: "midden",
        acrMapping: defaultAcrMapping,
        extraScopes: "",
      },
    });
    const bsn = validBsn();
    const semhar = await buildNewcomer(db, {
      organisationId: ede.id,
      givenNames: "Semhar",
      familyName: "Tesfay",
      preferredLanguage: "ti",
      bsn,
    });
    semharCode = (await inviteNewcomer(db, ctx, { newcomerId: semhar.id })).code;
    broker.users.set("semhar", { claims: { [BSN_CLAIM]: bsn }, acr: MIDDEN });
    const other = await buildNewcomer(db, { organisationId: ede.id, bsn: validBsn() });
    mismatchCode = (await inviteNewcomer(db, ctx, { newcomerId: other.id })).code;
    broker.users.set("not-the-letters-person", {
      claims: { [BSN_CLAIM]: validBsn() },
      acr: MIDDEN,
    });
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
    await broker?.close();
  });

  it("accepts the invitation with DigiD in Tigrinya without JavaScript", async () => {
    const context = await browser.newContext({ javaScriptEnabled: false, locale: "nl-NL" });
    const page = await context.newPage();
    await page.goto(`${url}/welkom?code=${encodeURIComponent(semharCode)}`);
    await page.getByRole("main").getByRole("link", { name: "ትግርኛ" }).click();
    await page.waitForURL("**/welkom/code?code=*");
    await page.getByRole("link", { name: "ብDigiD ስርሑ" }).click();
    await page.waitForURL(`${broker.issuer}/**`);
    await signInAtBroker(page, "semhar");
    await page.waitForURL(`${url}/mijn-plan`);
    expect(await page.locator("html").getAttribute("lang")).toBe("ti");
    expect(await page.getByRole("status").first().textContent()).toContain("ኣተዋውታኹም ድሉው እዩ።");
    await context.close();
  });

  it("signs in with DigiD from the sign-in page, and every DigiD page passes axe", async () => {
    const page = await newPage(browser);
    await page.goto(`${url}/inloggen`);
    await expectAccessible(page);
    await page.getByRole("link", { name: "Inloggen met DigiD" }).click();
    await page.waitForURL(`${broker.issuer}/**`);
    await signInAtBroker(page, "semhar");
    await page.waitForURL(`${url}/mijn-plan`);
    // The language Semhar chose when she accepted, on a browser that had not chosen one.
    expect(await page.locator("html").getAttribute("lang")).toBe("ti");
    await expect(page.getByRole("heading", { level: 1 }).textContent()).resolves.toContain("ትልመይ");
    await expectAccessible(page);
    await page.context().close();
  });

  it("explains a DigiD that is not the letter's person in Arabic, right to left, accessibly", async () => {
    const page = await newPage(browser);
    await page.goto(`${url}/taal/ar?terug=${encodeURIComponent("/welkom/code")}`);
    await expectAccessible(page);
    await page.getByRole("link", { name: "الإنشاء باستخدام DigiD" }).click();
    await page.waitForURL(`${url}/welkom/digid`);
    await expectAccessible(page);
    await page.getByLabel("الرمز الموجود في الرسالة").fill(mismatchCode);
    await page.getByRole("button", { name: "تحقّق من الرمز" }).click();
    await page.waitForURL(`${url}/welkom/digid?code=*`);
    await expectAccessible(page);
    await page.getByRole("link", { name: "المتابعة إلى DigiD" }).click();
    await page.waitForURL(`${broker.issuer}/**`);
    await signInAtBroker(page, "not-the-letters-person");
    await page.waitForURL(`${url}/inloggen/digid/callback**`);
    expect(await page.locator("html").getAttribute("dir")).toBe("rtl");
    await expect(page.getByText("DigiD هذا لا يطابق البيانات").count()).resolves.toBe(1);
    await expectAccessible(page);
    await page.context().close();
  });

  it("passes axe on the invitation page with the DigiD offer in Dutch and Tigrinya", async () => {
    for (const lang of ["nl", "ti"]) {
      const page = await newPage(browser);
      await page.goto(
        `${url}/taal/${lang}?terug=${encodeURIComponent(`/welkom/code?code=${mismatchCode}`)}`,
      );
      await expect(page.locator('a[href^="/welkom/digid/start?code="]').count()).resolves.toBe(1);
      await expectAccessible(page);
      await page.goto(`${url}/inloggen`);
      await expectAccessible(page);
      await page.context().close();
    }
  });
});
