import { createServer } from "node:net";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../support/app.ts";
import { buildAccount, buildOrganisation, type TestAccount } from "../support/factories.ts";
import { expectAccessible, launchBrowser, newPage } from "./support.ts";

/** A free loopback port, so the app can be told its public address before it listens. */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      const port = typeof address === "object" && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

// WebAuthn refuses an IP address as relying party id, so this app is reached as "localhost"
// (a secure context without TLS) and told so through PUBLIC_URL.
describe("passkeys, with Chromium's virtual authenticator", () => {
  let server: TestApp;
  let url: string;
  let browser: Browser;
  let newcomer: TestAccount;

  beforeAll(async () => {
    const port = await freePort();
    url = `http://localhost:${port}`;
    [server, browser] = await Promise.all([
      createTestApp("pglite", { PUBLIC_URL: url }),
      launchBrowser(),
    ]);
    await server.app.listen({ host: "127.0.0.1", port });
    const org = await buildOrganisation(server.database.db, { name: "Gemeente Ede" });
    newcomer = await buildAccount(server.database.db, {
      organisationId: org.id,
      roles: ["nieuwkomer"],
      name: "Yonas Tesfay",
      totp: false,
    });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("signs in with a password, adds a passkey, signs out, and signs in with the passkey only", async () => {
    const page = await newPage(browser);
    const cdp = await page.context().newCDPSession(page);
    await cdp.send("WebAuthn.enable");
    const { authenticatorId } = await cdp.send("WebAuthn.addVirtualAuthenticator", {
      options: {
        protocol: "ctap2",
        transport: "internal",
        hasResidentKey: true,
        hasUserVerification: true,
        isUserVerified: true,
        automaticPresenceSimulation: true,
      },
    });

    await page.goto(`${url}/inloggen`);
    await expect
      .poll(() => page.getByRole("button", { name: "Passkey gebruiken" }).count())
      .toBe(1);
    await expectAccessible(page);
    await page.getByLabel("E-mailadres").fill(newcomer.email);
    await page.getByLabel("Wachtwoord").fill(newcomer.password);
    await page.getByRole("button", { name: "Inloggen", exact: true }).click();
    await page.waitForURL((u) => !u.pathname.startsWith("/inloggen"));

    await page.goto(`${url}/account/passkeys`);
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Passkeys");
    expect(await page.textContent("main")).toContain("Je hebt nog geen passkey.");
    await expectAccessible(page);
    await page.getByLabel("Naam van de passkey").fill("Mijn telefoon");
    await page.getByRole("button", { name: "Passkey toevoegen" }).click();
    await expect
      .poll(() => page.textContent("main"))
      .toContain("De passkey is toegevoegd. Je kunt er voortaan mee inloggen.");
    const table = page.getByRole("table", { name: "Jouw passkeys" });
    expect(await table.textContent()).toContain("Mijn telefoon");
    expect(await table.textContent()).toContain("Nog niet gebruikt");
    await expectAccessible(page);
    const { credentials } = await cdp.send("WebAuthn.getCredentials", { authenticatorId });
    expect(credentials).toHaveLength(1);
    expect(credentials[0]?.isResidentCredential).toBe(true);

    await page.getByRole("button", { name: "Uitloggen" }).click();
    await page.goto(`${url}/account/passkeys`);
    await page.waitForURL("**/inloggen**");

    await page.goto(`${url}/inloggen`);
    await page.getByRole("button", { name: "Passkey gebruiken" }).click();
    await page.waitForURL((u) => !u.pathname.startsWith("/inloggen"));
    await page.goto(`${url}/account/passkeys`);
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Passkeys");
    expect(await page.textContent("body")).toContain("Yonas Tesfay");
    const used = await page.getByRole("table", { name: "Jouw passkeys" }).textContent();
    expect(used).not.toContain("Nog niet gebruikt");
    await expectAccessible(page);

    const audit = await server.database.query<{ outcome: string; verified: string }>(
      `select outcome, details->>'userVerified' as verified from audit_events
        where action = 'sign_in' and subject_id = $1 and details->>'step' = 'passkey'`,
      [newcomer.id],
    );
    expect(audit).toEqual([{ outcome: "allowed", verified: "true" }]);
    const [stored] = await server.database.query<{ counter: number }>(
      "select counter from passkeys where account_id = $1",
      [newcomer.id],
    );
    expect(stored?.counter).toBeGreaterThan(0);
    await page.context().close();
  });
});
