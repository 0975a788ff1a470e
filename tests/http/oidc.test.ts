import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { accounts } from "../../src/accounts/index.ts";
import { createTestApp, type TestApp } from "../support/app.ts";
import { TestClient } from "../support/client.ts";
import { databaseKinds } from "../support/database.ts";
import { buildAccount, buildOrganisation, signIn, type TestAccount } from "../support/factories.ts";
import { startTestIdentityProvider, type TestIdentityProvider } from "../support/oidc-provider.ts";

const publicUrl = "http://koers.test";

describe.each(databaseKinds)(
  "signing in through an organisation's identity provider (%s)",
  (kind) => {
    let t: TestApp;
    let idp: TestIdentityProvider;
    let ede: { id: string; name: string };
    let edeAdmin: TestAccount;
    let platformAdmin: TestAccount;
    let otherAdmin: TestAccount;
    let anna: TestAccount;
    let providerId: string;
    let nextIp = 10;

    /** A browser on its own address, so rate limits of one test don't touch another. */
    const browser = () => new TestClient(t.app, `10.8.0.${nextIp++}`);

    /** Clicks the provider on the sign-in page, signs in at the provider, and comes back. */
    async function signInThroughProvider(login: string, client = browser()) {
      await client.get("/inloggen");
      expect(client.html).toContain(`href="/inloggen/oidc/${providerId}"`);
      const start = await client.get(`/inloggen/oidc/${providerId}`);
      expect(start.statusCode).toBe(303);
      const location = String(start.headers.location);
      expect(location.startsWith(`${idp.issuer}/`)).toBe(true);
      const back = await idp.signInAs(location, login);
      expect(back.origin + back.pathname).toBe(`${publicUrl}/inloggen/oidc/callback`);
      const res = await client.get(back.pathname + back.search);
      return { client, res, back };
    }

    const auditRows = (outcome: string) =>
      t.database.query<{ subject_id: string | null; details: Record<string, unknown> }>(
        "select subject_id, details from audit_events where action = 'sign_in' and outcome = $1 and details->>'step' = 'oidc' order by seq",
        [outcome],
      );

    beforeAll(async () => {
      t = await createTestApp(kind, { PUBLIC_URL: publicUrl });
      idp = await startTestIdentityProvider({ redirectUri: `${publicUrl}/inloggen/oidc/callback` });
      const db = t.database.db;
      ede = await buildOrganisation(db, { name: "Gemeente Ede (test)" });
      const other = await buildOrganisation(db, { name: "Gemeente Wageningen (test)" });
      const operator = await buildOrganisation(db, { name: "Koers beheer (test)", kind: "beheer" });
      edeAdmin = await buildAccount(db, { organisationId: ede.id, roles: ["beheerder"] });
      otherAdmin = await buildAccount(db, { organisationId: other.id, roles: ["beheerder"] });
      platformAdmin = await buildAccount(db, { organisationId: operator.id, roles: ["beheerder"] });
      anna = await buildAccount(db, {
        organisationId: ede.id,
        roles: ["consulent"],
        email: "anna.jansen@ede.test",
        name: "Anna Jansen",
      });
      // In the domain, but a member of another organisation only.
      await buildAccount(db, { organisationId: other.id, email: "bas@ede.test", name: "Bas" });
      // A member, but with an address outside the provider's domain.
      await buildAccount(db, { organisationId: ede.id, email: "carla@elders.test", name: "Carla" });
      const dirk = await buildAccount(db, { organisationId: ede.id, email: "dirk@ede.test" });
      await db.update(accounts).set({ status: "disabled" }).where(eq(accounts.id, dirk.id));
      await buildAccount(db, { organisationId: ede.id, email: "eva@ede.test", name: "Eva" });

      idp.users.set("anna-001", { email: "anna.jansen@ede.test" });
      idp.users.set("bas-002", { email: "bas@ede.test" });
      idp.users.set("carla-003", { email: "carla@elders.test" });
      idp.users.set("dirk-004", { email: "dirk@ede.test" });
      idp.users.set("eva-005", { email: "eva@ede.test", emailVerified: false });
      idp.users.set("nobody-006", { email: "nobody@ede.test" });
    });
    afterAll(async () => {
      await t?.close();
      await idp?.close();
    });

    it("lets the organisation's beheerder configure a provider; the secret is never shown again", async () => {
      const admin = await signIn(t.app, edeAdmin, "10.8.1.1");
      const form = await admin.get("/beheer/identiteitsproviders/nieuw");
      expect(form.statusCode).toBe(200);
      expect(form.body).toContain(`${publicUrl}/inloggen/oidc/callback`);
      const values = {
        name: "Ede-account",
        issuer: idp.issuer,
        clientId: idp.clientId,
        clientSecret: idp.clientSecret,
        emailDomain: "@Ede.test",
      };

      const forged = await admin.post("/beheer/identiteitsproviders", values, { csrf: false });
      expect(forged.statusCode).toBe(403);
      expect((await admin.get("/beheer/identiteitsproviders")).body).not.toContain("Ede-account");

      const wrong = await admin.post(
        "/beheer/identiteitsproviders",
        { ...values, issuer: "http://idp.example.org" },
        { from: "/beheer/identiteitsproviders/nieuw" },
      );
      expect(wrong.statusCode).toBe(422);
      expect(wrong.body).toContain("Vul een https-adres in");
      expect(wrong.body).not.toContain(idp.clientSecret);

      const created = await admin.post("/beheer/identiteitsproviders", values, {
        from: "/beheer/identiteitsproviders/nieuw",
      });
      expect(created.statusCode).toBe(303);
      const list = await admin.follow(created);
      expect(list.body).toContain("Ede-account");
      expect(list.body).toContain("ede.test");
      const id = list.body.match(/href="\/beheer\/identiteitsproviders\/([0-9a-f-]{36})"/)?.[1];
      expect(id).toBeDefined();
      providerId = id ?? "";

      const edit = await admin.get(`/beheer/identiteitsproviders/${providerId}`);
      expect(edit.statusCode).toBe(200);
      expect(edit.body).toContain("••••");
      expect(edit.body).not.toContain(idp.clientSecret);
      // Saving without a new secret keeps the stored one (the sign-ins below depend on it).
      const saved = await admin.post(`/beheer/identiteitsproviders/${providerId}`, {
        ...values,
        clientSecret: "",
        name: "Inloggen met je Ede-account",
      });
      expect(saved.statusCode).toBe(303);
      expect((await admin.follow(saved)).body).toContain("Inloggen met je Ede-account");
    });

    it("keeps another organisation's beheerder out of this provider", async () => {
      const admin = await signIn(t.app, otherAdmin, "10.8.1.2");
      const list = await admin.get("/beheer/identiteitsproviders");
      expect(list.statusCode).toBe(200);
      expect(list.body).not.toContain("Ede-account");
      expect((await admin.get(`/beheer/identiteitsproviders/${providerId}`)).statusCode).toBe(403);
      const post = await admin.post(
        `/beheer/identiteitsproviders/${providerId}/status`,
        { enabled: "false" },
        { from: "/beheer/identiteitsproviders" },
      );
      expect(post.statusCode).toBe(403);
      const consultant = await signIn(t.app, anna, "10.8.1.3");
      expect((await consultant.get("/beheer/identiteitsproviders")).statusCode).toBe(403);
    });

    it("signs a staff member in through the provider and links their subject", async () => {
      const { client, res } = await signInThroughProvider("anna-001");
      expect(res.statusCode).toBe(303);
      expect(res.headers.location).toBe("/");
      const home = await client.get("/");
      expect(home.statusCode).toBe(200);
      expect(home.body).toContain("Anna Jansen");
      const links = await t.database.query<{ account_id: string; subject: string }>(
        "select account_id, subject from account_identities where issuer = $1",
        [idp.issuer],
      );
      expect(links).toEqual([{ account_id: anna.id, subject: "anna-001" }]);
      const allowed = await auditRows("allowed");
      expect(allowed.at(-1)?.subject_id).toBe(anna.id);
    });

    it("finds the account by the linked subject the second time, whatever the e-mail says", async () => {
      idp.users.set("anna-001", { email: "a.jansen@elders.test", emailVerified: false });
      const { client, res } = await signInThroughProvider("anna-001");
      expect(res.statusCode).toBe(303);
      expect((await client.get("/")).body).toContain("Anna Jansen");
    });

    it.each([
      ["an address outside the provider's domain", "carla-003"],
      ["no membership of the provider's organisation", "bas-002"],
      ["a disabled account", "dirk-004"],
      ["an unverified e-mail address", "eva-005"],
      ["no account at all (none is created)", "nobody-006"],
    ])("refuses %s", async (_case, login) => {
      const before = await t.database.query<{ n: number }>(
        "select count(*)::int as n from accounts",
      );
      const denied = (await auditRows("denied")).length;
      const { client, res } = await signInThroughProvider(login);
      expect(res.statusCode).toBe(403);
      expect(res.body).toContain("Geen account gevonden");
      const home = await client.get("/");
      expect(home.body).toContain("/inloggen");
      expect(home.body).not.toContain("uitloggen");
      expect(await t.database.query("select count(*)::int as n from accounts")).toEqual(before);
      expect((await auditRows("denied")).length).toBe(denied + 1);
    });

    it("refuses a tampered state, and the answer cannot be used afterwards", async () => {
      const client = browser();
      const start = await client.get(`/inloggen/oidc/${providerId}`);
      const back = await idp.signInAs(String(start.headers.location), "anna-001");
      const tampered = new URL(back);
      tampered.searchParams.set("state", "forged-by-someone-else");
      const res = await client.get(tampered.pathname + tampered.search);
      expect(res.statusCode).toBe(400);
      expect(res.body).toContain("klopt niet");
      expect((await client.get("/")).body).not.toContain("Anna Jansen");
      // The genuine answer now finds no sign-in in progress: state is single use.
      const replay = await client.get(back.pathname + back.search);
      expect(replay.statusCode).toBe(400);
      expect((await client.get("/")).body).not.toContain("Anna Jansen");
    });

    it("refuses a callback in a browser that did not start the sign-in", async () => {
      const starter = browser();
      const start = await starter.get(`/inloggen/oidc/${providerId}`);
      const back = await idp.signInAs(String(start.headers.location), "anna-001");
      const victim = browser();
      const res = await victim.get(back.pathname + back.search);
      expect(res.statusCode).toBe(400);
      expect((await victim.get("/")).body).not.toContain("Anna Jansen");
    });

    it("lets the platform administrator disable the provider, which then disappears from sign-in", async () => {
      const admin = await signIn(t.app, platformAdmin, "10.8.1.4");
      const list = await admin.get("/beheer/identiteitsproviders");
      expect(list.body).toContain("Inloggen met je Ede-account");
      expect(list.body).toContain(ede.name);
      const off = await admin.post(`/beheer/identiteitsproviders/${providerId}/status`, {
        enabled: "false",
      });
      expect(off.statusCode).toBe(303);
      expect((await admin.follow(off)).body).toContain("Uitgeschakeld");
      const client = browser();
      expect((await client.get("/inloggen")).body).not.toContain(`/inloggen/oidc/${providerId}`);
      expect((await client.get(`/inloggen/oidc/${providerId}`)).statusCode).toBe(404);
    });
  },
);
