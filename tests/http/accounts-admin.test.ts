import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../support/app.ts";
import { TestClient } from "../support/client.ts";
import { databaseKinds } from "../support/database.ts";
import {
  buildAccount,
  buildOrganisation,
  signIn,
  TEST_PASSWORD,
  type TestAccount,
  unusedTotp,
} from "../support/factories.ts";

describe.each(databaseKinds)("account management (%s)", (kind) => {
  let t: TestApp;
  let orgA: { id: string; name: string };
  let orgB: { id: string; name: string };
  let platformAdmin: TestAccount;
  let beheerderA: TestAccount;
  let consultantA: TestAccount;
  let consultantB: TestAccount;
  let nextIp = 10;

  /** A fresh address per browser: sign-in slows down per address after failures. */
  const ip = () => `10.3.0.${nextIp++}`;
  const as = (account: TestAccount) => signIn(t.app, account, ip());

  const accountByEmail = async (email: string) =>
    (
      await t.database.query<{ id: string; status: string; locale: string }>(
        "select id, status, locale from accounts where lower(email) = lower($1)",
        [email],
      )
    )[0];
  const rolesOf = async (accountId: string) =>
    (
      await t.database.query<{ role: string; organisation_id: string }>(
        "select role, organisation_id from memberships where account_id = $1 order by role",
        [accountId],
      )
    ).map((r) => `${r.role}@${r.organisation_id}`);

  beforeAll(async () => {
    t = await createTestApp(kind);
    const db = t.database.db;
    const operator = await buildOrganisation(db, { kind: "beheer", name: "Koers (accounts test)" });
    orgA = await buildOrganisation(db, { name: "Gemeente A (accounts test)" });
    orgB = await buildOrganisation(db, { name: "Gemeente B (accounts test)" });
    platformAdmin = await buildAccount(db, {
      organisationId: operator.id,
      roles: ["beheerder"],
      name: "Platform Beheer",
    });
    beheerderA = await buildAccount(db, {
      organisationId: orgA.id,
      roles: ["beheerder"],
      name: "Beheerder Aalten",
    });
    consultantA = await buildAccount(db, { organisationId: orgA.id, name: "Consulent Arnhem" });
    consultantB = await buildAccount(db, { organisationId: orgB.id, name: "Consulent Bussum" });
  });
  afterAll(async () => t?.close());

  it("takes an invited consultant from the e-mail to the dashboard, second factor included", async () => {
    const admin = await as(beheerderA);
    const email = "nieuwe.consulent@test.koers";
    const invited = await admin.post(
      "/beheer/accounts/nieuw",
      { name: "Nieuwe Consulent", email, role: "consulent", locale: "en" },
      { from: "/beheer/accounts/nieuw" },
    );
    expect(invited.statusCode).toBe(303);
    const detail = await admin.follow(invited);
    expect(detail.body).toContain("De uitnodiging is verstuurd naar nieuwe.consulent@test.koers.");
    expect(detail.body).toContain("Uitgenodigd");

    // The mail is in the invitee's language (chosen in the form), not the inviter's.
    const mail = t.mailer.sent.findLast((m) => m.to === email);
    expect(mail?.subject).toBe("Invitation to Koers");
    expect(mail?.text).toContain("Beheerder Aalten invites you to use Koers for Gemeente A");

    const invitee = new TestClient(t.app, ip());
    const link = t.mailer.linkTo(email);
    expect((await invitee.get(link)).body).toContain("Welkom, Nieuwe Consulent.");
    const tooShort = await invitee.post(link, { password: "kort", confirm: "kort" });
    expect(tooShort.statusCode).toBe(422);
    expect(tooShort.body).toContain("Kies een wachtwoord van minstens 12 tekens.");
    expect(tooShort.body).toContain(`value="${email}"`);
    expect((await accountByEmail(email))?.status).toBe("invited");

    const set = await invitee.post(link, { password: TEST_PASSWORD, confirm: TEST_PASSWORD });
    expect(set.statusCode).toBe(303);
    expect(set.headers.location).toBe("/inloggen");

    const signedIn = await invitee.post(
      "/inloggen",
      { email, password: TEST_PASSWORD },
      { from: "/inloggen" },
    );
    expect(signedIn.headers.location).toBe("/account/tweestaps");
    // Every other page sends them back to set up the second factor first.
    const home = await invitee.get("/");
    expect(home.statusCode).toBe(303);
    expect(home.headers.location).toBe("/account/tweestaps");

    await invitee.get("/account/tweestaps");
    const secret = invitee.html.match(/class="koers-secret"[^>]*>([A-Z2-7]+)</)?.[1];
    expect(secret).toBeDefined();
    const enrolled = await invitee.post("/account/tweestaps", {
      code: await unusedTotp(secret ?? ""),
    });
    expect(enrolled.statusCode).toBe(200);
    expect(enrolled.body.match(/<code>[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}<\/code>/g)).toHaveLength(
      10,
    );

    // The invitee chose English in the invitation: signing in applies it.
    const dashboard = await invitee.get("/");
    expect(dashboard.statusCode).toBe(200);
    expect(dashboard.body).toContain("Welcome, Nieuwe Consulent");
    // The link has been used.
    expect((await new TestClient(t.app, ip()).get(link)).statusCode).toBe(404);
  });

  it("lists an organisation's accounts to its beheerder, and audits the reading", async () => {
    const admin = await as(beheerderA);
    const res = await admin.get("/beheer/accounts");
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain("Accounts van Gemeente A (accounts test)");
    expect(res.body).toContain(consultantA.email);
    expect(res.body).not.toContain(consultantB.email);
    expect(res.body).not.toContain(platformAdmin.email);
    const [audit] = await t.database.query<{ n: number }>(
      `select count(*)::int as n from audit_events
        where action = 'list' and subject_id = $1 and actor_account_id = $2
          and purpose = 'beheer_accounts' and legal_basis = 'gerechtvaardigd_belang'
          and data_classes = array['account']`,
      [consultantA.id, beheerderA.id],
    );
    expect(audit?.n).toBeGreaterThanOrEqual(1);
  });

  it("lets the platform administrator see and filter every organisation, and invite into any", async () => {
    const admin = await as(platformAdmin);
    const all = await admin.get("/beheer/accounts");
    expect(all.body).toContain(consultantA.email);
    expect(all.body).toContain(consultantB.email);
    const onlyB = await admin.get(`/beheer/accounts?organisatie=${orgB.id}`);
    expect(onlyB.body).toContain("Accounts van Gemeente B (accounts test)");
    expect(onlyB.body).toContain(consultantB.email);
    expect(onlyB.body).not.toContain(consultantA.email);
    expect((await admin.get("/beheer/accounts?organisatie=niet-een-id")).statusCode).toBe(400);

    const email = "teamleider.b@test.koers";
    const res = await admin.post(
      "/beheer/accounts/nieuw",
      { name: "Teamleider B", email, role: "teamleider", locale: "nl", organisationId: orgB.id },
      { from: "/beheer/accounts/nieuw" },
    );
    expect(res.statusCode).toBe(303);
    const created = await accountByEmail(email);
    expect(await rolesOf(created?.id ?? "")).toEqual([`teamleider@${orgB.id}`]);
    expect(t.mailer.sent.findLast((m) => m.to === email)?.subject).toBe("Uitnodiging voor Koers");
  });

  it("refuses consultants, and keeps a beheerder to their own organisation", async () => {
    const consultant = await as(consultantA);
    for (const path of [
      "/beheer/accounts",
      "/beheer/accounts/nieuw",
      `/beheer/accounts/${consultantA.id}`,
    ])
      expect((await consultant.get(path)).statusCode).toBe(403);

    const admin = await as(beheerderA);
    expect((await admin.get(`/beheer/accounts?organisatie=${orgB.id}`)).statusCode).toBe(403);
    expect((await admin.get(`/beheer/accounts/${consultantB.id}`)).statusCode).toBe(403);
    await admin.get("/beheer/accounts");
    const disable = await admin.post(`/beheer/accounts/${consultantB.id}/status`, {
      enabled: "false",
    });
    expect(disable.statusCode).toBe(403);
    const grant = await admin.post(`/beheer/accounts/${consultantB.id}/rollen`, {
      organisationId: orgA.id,
      role: "beheerder",
    });
    expect(grant.statusCode).toBe(403);
    const reset = await admin.post(`/beheer/accounts/${consultantB.id}/tweestaps-herstellen`, {});
    expect(reset.statusCode).toBe(403);
    expect((await accountByEmail(consultantB.email))?.status).toBe("active");
    expect(await rolesOf(consultantB.id)).toEqual([`consulent@${orgB.id}`]);

    // Inviting into B by adding B's id to the form is refused too.
    const email = "via.a.in.b@test.koers";
    const invite = await admin.post(
      "/beheer/accounts/nieuw",
      { name: "Smokkel", email, role: "consulent", locale: "nl", organisationId: orgB.id },
      { from: "/beheer/accounts/nieuw" },
    );
    expect(invite.statusCode).toBe(403);
    expect(await accountByEmail(email)).toBeUndefined();
  });

  it("shows a beheerder an account of B that also works for A, but only A's part of it", async () => {
    const shared = await buildAccount(t.database.db, { organisationId: orgB.id, name: "Gedeeld" });
    await t.database.query(
      "insert into memberships (account_id, organisation_id, role) values ($1, $2, 'procesbegeleider')",
      [shared.id, orgA.id],
    );
    const admin = await as(beheerderA);
    const page = `/beheer/accounts/${shared.id}`;
    const res = await admin.get(page);
    expect(res.statusCode).toBe(200);
    const rolesTable = res.body.match(/<table[\s\S]*?<\/table>/)?.[0] ?? "";
    expect(rolesTable).toContain("Procesbegeleider");
    expect(rolesTable).not.toContain("Consulent");
    expect(res.body).not.toContain(orgB.name);
    expect(res.body).not.toContain("Account uitschakelen");
    expect((await admin.post(`${page}/status`, { enabled: "false" })).statusCode).toBe(403);
    const revokeB = await admin.post(`${page}/rollen/intrekken`, {
      organisationId: orgB.id,
      role: "consulent",
    });
    expect(revokeB.statusCode).toBe(403);
    expect((await accountByEmail(shared.email))?.status).toBe("active");
    expect(await rolesOf(shared.id)).toHaveLength(2);
  });

  it("refuses a forged invitation and malformed input, changing nothing", async () => {
    const admin = await as(beheerderA);
    await admin.get("/beheer/accounts/nieuw");
    const email = "vervalst@test.koers";
    const forged = await admin.post(
      "/beheer/accounts/nieuw",
      { name: "Vervalst", email, role: "consulent", locale: "nl" },
      { csrf: false },
    );
    expect(forged.statusCode).toBe(403);
    expect(await accountByEmail(email)).toBeUndefined();

    const sent = t.mailer.sent.length;
    const malformed = await admin.post(
      "/beheer/accounts/nieuw",
      { name: "x".repeat(5_000), email, role: "superuser", locale: "xx" },
      { from: "/beheer/accounts/nieuw" },
    );
    expect(malformed.statusCode).toBe(422);
    expect(malformed.body).toContain("Er is een probleem");
    expect(malformed.body).toContain("Gebruik hoogstens 200 tekens.");
    expect(malformed.body).toContain("Kies een van de mogelijkheden.");
    expect(malformed.body).toContain(`value="${email}"`);
    expect(await accountByEmail(email)).toBeUndefined();
    expect(t.mailer.sent.length).toBe(sent);

    const badRole = await admin.post(
      `/beheer/accounts/${consultantA.id}/rollen`,
      { organisationId: orgA.id, role: "superuser" },
      { from: `/beheer/accounts/${consultantA.id}` },
    );
    expect(badRole.statusCode).toBe(422);
    expect(badRole.body).toContain("Kies een van de mogelijkheden.");
    expect(await rolesOf(consultantA.id)).toEqual([`consulent@${orgA.id}`]);
    expect((await admin.get("/beheer/accounts/geen-id")).statusCode).toBe(404);
  });

  it("adds and removes roles, but never an account's last one", async () => {
    const person = await buildAccount(t.database.db, { organisationId: orgA.id });
    const admin = await as(beheerderA);
    const page = `/beheer/accounts/${person.id}`;
    const added = await admin.post(
      `${page}/rollen`,
      { organisationId: orgA.id, role: "teamleider" },
      { from: page },
    );
    expect(added.statusCode).toBe(303);
    expect(await rolesOf(person.id)).toEqual([`consulent@${orgA.id}`, `teamleider@${orgA.id}`]);
    const again = await admin.post(
      `${page}/rollen`,
      { organisationId: orgA.id, role: "teamleider" },
      { from: page },
    );
    expect(again.statusCode).toBe(422);

    const removed = await admin.post(
      `${page}/rollen/intrekken`,
      { organisationId: orgA.id, role: "consulent" },
      { from: page },
    );
    expect(removed.statusCode).toBe(303);
    const last = await admin.post(
      `${page}/rollen/intrekken`,
      { organisationId: orgA.id, role: "teamleider" },
      { from: page },
    );
    expect(last.statusCode).toBe(422);
    expect(last.body).toContain("Dit is de laatste rol van dit account.");
    expect(await rolesOf(person.id)).toEqual([`teamleider@${orgA.id}`]);
    const audit = await t.database.query<{ action: string }>(
      "select action from audit_events where subject_id = $1 and purpose = 'beheer_accounts' and action in ('grant_role', 'revoke_role') order by seq",
      [person.id],
    );
    expect(audit.map((a) => a.action)).toEqual(["grant_role", "revoke_role"]);
  });

  it("disables an account (its sessions end at once) and enables it again", async () => {
    const person = await buildAccount(t.database.db, { organisationId: orgA.id });
    const personBrowser = await as(person);
    expect((await personBrowser.get("/account")).statusCode).toBe(200);

    const admin = await as(beheerderA);
    const page = `/beheer/accounts/${person.id}`;
    const off = await admin.post(`${page}/status`, { enabled: "false" }, { from: page });
    expect(off.statusCode).toBe(303);
    expect((await admin.follow(off)).body).toContain("Het account is uitgeschakeld.");
    expect((await personBrowser.get("/account")).statusCode).toBe(303);
    const refused = await new TestClient(t.app, ip()).post(
      "/inloggen",
      { email: person.email, password: person.password },
      { from: "/inloggen" },
    );
    expect(refused.statusCode).toBe(401);

    const on = await admin.post(`${page}/status`, { enabled: "true" }, { from: page });
    expect(on.statusCode).toBe(303);
    expect((await as(person).then((c) => c.get("/account"))).statusCode).toBe(200);

    // Nobody disables themselves (that would leave the organisation without its beheerder).
    const self = `/beheer/accounts/${beheerderA.id}`;
    expect(
      (await admin.post(`${self}/status`, { enabled: "false" }, { from: self })).statusCode,
    ).toBe(403);
  });

  it("resends an invitation: the new link works, the old one no longer does", async () => {
    const admin = await as(beheerderA);
    const email = "opnieuw@test.koers";
    const res = await admin.post(
      "/beheer/accounts/nieuw",
      { name: "Opnieuw Uitgenodigd", email, role: "consulent", locale: "nl" },
      { from: "/beheer/accounts/nieuw" },
    );
    const page = String(res.headers.location);
    const oldLink = t.mailer.linkTo(email);
    const again = await admin.post(`${page}/uitnodiging`, {}, { from: page });
    expect(again.statusCode).toBe(303);
    const newLink = t.mailer.linkTo(email);
    expect(newLink).not.toBe(oldLink);
    const browser = new TestClient(t.app, ip());
    expect((await browser.get(oldLink)).statusCode).toBe(404);
    expect((await browser.get(newLink)).statusCode).toBe(200);

    // A disabled invitee's link stops working, and enabling does not revive it.
    await admin.post(`${page}/status`, { enabled: "false" }, { from: page });
    expect((await browser.get(newLink)).statusCode).toBe(404);
    await admin.post(`${page}/status`, { enabled: "true" }, { from: page });
    expect((await accountByEmail(email))?.status).toBe("invited");
    expect((await browser.get(newLink)).statusCode).toBe(404);
  });

  it("resets a lost second factor: sessions end and the person enrols again", async () => {
    const person = await buildAccount(t.database.db, { organisationId: orgA.id });
    const personBrowser = await as(person);
    const admin = await as(beheerderA);
    const page = `/beheer/accounts/${person.id}`;
    const reset = await admin.post(`${page}/tweestaps-herstellen`, {}, { from: page });
    expect(reset.statusCode).toBe(303);
    expect((await personBrowser.get("/account")).statusCode).toBe(303);

    const again = new TestClient(t.app, ip());
    const res = await again.post(
      "/inloggen",
      { email: person.email, password: person.password },
      { from: "/inloggen" },
    );
    expect(res.headers.location).toBe("/account/tweestaps");
    // The old authenticator no longer counts.
    const [row] = await t.database.query<{ totp_secret: string | null }>(
      "select totp_secret from accounts where id = $1",
      [person.id],
    );
    expect(row?.totp_secret).toBeNull();
  });
});
