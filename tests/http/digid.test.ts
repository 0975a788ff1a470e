import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultAcrMapping } from "../../src/accounts/digid.ts";
import { createProvider } from "../../src/accounts/oidc.ts";
import { accountIdentities, accounts } from "../../src/accounts/schema.ts";
import { systemActor } from "../../src/platform/authz/index.ts";
import { inviteNewcomer } from "../../src/portal/commands.ts";
import { acceptInvitationWithDigid } from "../../src/portal/digid.ts";
import { newcomerInvitations } from "../../src/portal/schema.ts";
import { createTestApp, type TestApp } from "../support/app.ts";
import { TestClient } from "../support/client.ts";
import { databaseKinds } from "../support/database.ts";
import {
  buildAccount,
  buildNewcomer,
  buildOrganisation,
  signIn,
  type TestAccount,
  validBsn,
} from "../support/factories.ts";
import { startTestIdentityProvider, type TestIdentityProvider } from "../support/oidc-provider.ts";

const publicUrl = "http://koers.test";
const callback = `${publicUrl}/inloggen/digid/callback`;
const BSN_CLAIM = "urn:nl-eid-gdi:1.0:id:BSN";
const saml = (c: string) => `urn:oasis:names:tc:SAML:2.0:ac:classes:${c}`;
const MIDDEN = saml("MobileTwoFactorContract");
const BASIS = saml("PasswordProtectedTransport");
const SUBSTANTIEEL = saml("Smartcard");
/** A broker that speaks eIDAS levels: Wageningen maps them to DigiD levels itself. */
const eidas = {
  low: "http://eidas.europa.eu/LoA/low",
  substantial: "http://eidas.europa.eu/LoA/substantial",
  high: "http://eidas.europa.eu/LoA/high",
};

describe.each(databaseKinds)(
  "DigiD for newcomers through the municipality's broker (%s)",
  (kind) => {
    let t: TestApp;
    /** A broker that puts the BSN in its own claim, at UserInfo, and advertises acr values. */
    let broker: TestIdentityProvider;
    /** A broker that gives the BSN as `sub`, in the ID token, without acr_values_supported. */
    let subBroker: TestIdentityProvider;
    let ede: { id: string; name: string };
    let arnhem: { id: string; name: string };
    let wageningen: { id: string; name: string };
    let zwolle: { id: string; name: string };
    let edeAdmin: TestAccount;
    let schoolAdmin: TestAccount;
    let wageningenAdmin: TestAccount;
    let edeProviderId = "";
    let nextIp = 10;

    const browser = () => new TestClient(t.app, `10.9.7.${nextIp++}`);
    const ctx = { actor: systemActor };

    /** A newcomer record with an invitation letter; returns the code and ids. */
    async function invited(organisationId: string, overrides: { bsn?: string | null } = {}) {
      const db = t.database.db;
      const newcomer = await buildNewcomer(db, {
        organisationId,
        preferredLanguage: "ti",
        ...(overrides.bsn !== undefined ? { bsn: overrides.bsn } : {}),
      });
      const invitation = await inviteNewcomer(db, ctx, { newcomerId: newcomer.id });
      return { newcomer, code: invitation.code, accountId: invitation.accountId };
    }

    /** The state of a newcomer's access: nothing of it may change when DigiD is refused. */
    async function accessState(accountId: string) {
      const db = t.database.db;
      const [account] = await db
        .select({ status: accounts.status, passwordHash: accounts.passwordHash })
        .from(accounts)
        .where(eq(accounts.id, accountId));
      const links = await db
        .select({ subject: accountIdentities.subject })
        .from(accountIdentities)
        .where(eq(accountIdentities.accountId, accountId));
      const codes = await db
        .select({ usedAt: newcomerInvitations.usedAt })
        .from(newcomerInvitations)
        .where(eq(newcomerInvitations.accountId, accountId));
      return {
        status: account?.status,
        links: links.length,
        unused: codes.filter((c) => !c.usedAt),
      };
    }

    const digidAudit = (action: string, outcome: string) =>
      t.database.query<{
        subject_id: string | null;
        organisation_id: string;
        details: Record<string, unknown>;
      }>(
        "select subject_id, organisation_id, details from audit_events where action = $1 and outcome = $2 and details->>'step' = 'digid' order by seq",
        [action, outcome],
      );

    /** "Set up with DigiD" from the invitation page, then DigiD at the broker as `login`. */
    async function acceptWithDigid(
      code: string,
      login: string,
      options: { client?: TestClient; idp?: TestIdentityProvider } = {},
    ) {
      const client = options.client ?? browser();
      const idp = options.idp ?? broker;
      const page = await client.get(`/welkom/code?code=${encodeURIComponent(code)}`);
      expect(page.body).toContain(`href="/welkom/digid/start?code=${encodeURIComponent(code)}"`);
      const start = await client.get(`/welkom/digid/start?code=${encodeURIComponent(code)}`);
      expect(start.statusCode).toBe(303);
      const location = new URL(String(start.headers.location));
      expect(location.origin).toBe(idp.issuer);
      const back = await idp.signInAs(location.href, login);
      expect(back.origin + back.pathname).toBe(callback);
      const before = client.cookie("koers_session");
      const res = await client.get(back.pathname + back.search);
      return { client, res, location, before };
    }

    /** "Sign in with DigiD" on the sign-in page for a municipality, then DigiD as `login`. */
    async function signInWithDigid(
      providerId: string,
      login: string,
      options: { client?: TestClient; idp?: TestIdentityProvider } = {},
    ) {
      const client = options.client ?? browser();
      const idp = options.idp ?? broker;
      const start = await client.get(`/inloggen/digid?provider=${providerId}`);
      expect(start.statusCode).toBe(303);
      const back = await idp.signInAs(String(start.headers.location), login);
      const before = client.cookie("koers_session");
      const res = await client.get(back.pathname + back.search);
      return { client, res, before };
    }

    beforeAll(async () => {
      t = await createTestApp(kind, { PUBLIC_URL: publicUrl });
      broker = await startTestIdentityProvider({
        redirectUri: callback,
        extraClaims: [BSN_CLAIM],
        acrValues: Object.values(defaultAcrMapping).flat(),
      });
      subBroker = await startTestIdentityProvider({
        redirectUri: callback,
        claimsInIdToken: true,
        acrValues: Object.values(eidas),
      });
      const db = t.database.db;
      ede = await buildOrganisation(db, { name: "Gemeente Ede (DigiD-test)", kind: "gemeente" });
      arnhem = await buildOrganisation(db, {
        name: "Gemeente Arnhem (DigiD-test)",
        kind: "gemeente",
      });
      wageningen = await buildOrganisation(db, {
        name: "Gemeente Wageningen (DigiD-test)",
        kind: "gemeente",
      });
      zwolle = await buildOrganisation(db, {
        name: "Gemeente Zwolle (DigiD-test)",
        kind: "gemeente",
      });
      const school = await buildOrganisation(db, {
        name: "Taalschool (DigiD-test)",
        kind: "taalaanbieder",
      });
      edeAdmin = await buildAccount(db, { organisationId: ede.id, roles: ["beheerder"] });
      wageningenAdmin = await buildAccount(db, {
        organisationId: wageningen.id,
        roles: ["beheerder"],
      });
      schoolAdmin = await buildAccount(db, { organisationId: school.id, roles: ["beheerder"] });
      // Arnhem shares Ede's regional broker; Wageningen has its own that gives the BSN as `sub`.
      const digid = {
        bsnClaim: BSN_CLAIM,
        minimumLevel: "midden" as const,
        acrMapping: defaultAcrMapping,
        extraScopes: "",
      };
      await createProvider(db, ctx, {
        organisationId: arnhem.id,
        purpose: "digid",
        name: "DigiD Arnhem",
        issuer: broker.issuer,
        clientId: broker.clientId,
        clientSecret: broker.clientSecret,
        emailDomain: "",
        digid,
      });
      await createProvider(db, ctx, {
        organisationId: wageningen.id,
        purpose: "digid",
        name: "DigiD Wageningen",
        issuer: subBroker.issuer,
        clientId: subBroker.clientId,
        clientSecret: subBroker.clientSecret,
        emailDomain: "",
        digid: {
          ...digid,
          bsnClaim: "sub",
          acrMapping: {
            basis: [eidas.low],
            midden: [],
            substantieel: [eidas.substantial],
            hoog: [eidas.high],
          },
        },
      });
    });
    afterAll(async () => {
      await t?.close();
      await broker?.close();
      await subBroker?.close();
    });

    // ——— Configuration ———

    it("lets Ede's beheerder add a DigiD broker on the identity-provider page, Midden or higher only", async () => {
      const admin = await signIn(t.app, edeAdmin, "10.9.6.1");
      const list = await admin.get("/beheer/identiteitsproviders");
      expect(list.body).toContain('href="/beheer/identiteitsproviders/nieuw?soort=digid"');
      const form = await admin.get("/beheer/identiteitsproviders/nieuw?soort=digid");
      expect(form.statusCode).toBe(200);
      expect(form.body).toContain(callback);
      expect(form.body).toContain(MIDDEN);
      expect(form.body).toContain('value="sub"');
      expect(form.body).not.toContain('name="emailDomain"');
      const values = {
        purpose: "digid",
        name: "DigiD Ede",
        issuer: broker.issuer,
        clientId: broker.clientId,
        clientSecret: broker.clientSecret,
        bsnClaim: BSN_CLAIM,
        minimumLevel: "midden",
        acr_basis: BASIS,
        acr_midden: MIDDEN,
        acr_substantieel: SUBSTANTIEEL,
        acr_hoog: saml("SmartcardPKI"),
        extraScopes: "",
      };

      const forged = await admin.post("/beheer/identiteitsproviders", values, { csrf: false });
      expect(forged.statusCode).toBe(403);

      const basis = await admin.post("/beheer/identiteitsproviders", {
        ...values,
        minimumLevel: "basis",
      });
      expect(basis.statusCode).toBe(422);
      expect(basis.body).toContain("DigiD Basis is alleen een wachtwoord");
      expect(basis.body).toContain(BSN_CLAIM);
      expect(basis.body).not.toContain(broker.clientSecret);

      const twice = await admin.post("/beheer/identiteitsproviders", {
        ...values,
        acr_hoog: MIDDEN,
      });
      expect(twice.statusCode).toBe(422);
      expect(twice.body).toContain("staat al bij DigiD Midden");

      const created = await admin.post("/beheer/identiteitsproviders", values);
      expect(created.statusCode).toBe(303);
      const after = await admin.follow(created);
      expect(after.body).toContain("DigiD voor nieuwkomers (minimaal DigiD Midden)");
      edeProviderId =
        after.body.match(/href="\/beheer\/identiteitsproviders\/([0-9a-f-]{36})">DigiD Ede/)?.[1] ??
        "";
      expect(edeProviderId).not.toBe("");
      const [row] = await t.database.query<{
        purpose: string;
        bsn_claim: string;
        minimum_level: string;
      }>("select purpose, bsn_claim, minimum_level from identity_providers where id = $1", [
        edeProviderId,
      ]);
      expect(row).toEqual({ purpose: "digid", bsn_claim: BSN_CLAIM, minimum_level: "midden" });

      // One enabled DigiD broker per municipality: choosing the municipality chooses the broker.
      const second = await admin.post("/beheer/identiteitsproviders", {
        ...values,
        name: "Tweede",
      });
      expect(second.statusCode).toBe(422);
      expect(second.body).toContain("al een ingeschakelde DigiD-broker (DigiD Ede)");

      const edit = await admin.get(`/beheer/identiteitsproviders/${edeProviderId}`);
      expect(edit.body).toContain("••••");
      expect(edit.body).not.toContain(broker.clientSecret);
      expect(edit.body).toContain(BSN_CLAIM);
      const saved = await admin.post(`/beheer/identiteitsproviders/${edeProviderId}`, {
        ...values,
        clientSecret: "",
        minimumLevel: "substantieel",
      });
      expect(saved.statusCode).toBe(303);
      const [changed] = await t.database.query<{ minimum_level: string; client_secret: string }>(
        "select minimum_level, client_secret from identity_providers where id = $1",
        [edeProviderId],
      );
      expect(changed).toEqual({
        minimum_level: "substantieel",
        client_secret: broker.clientSecret,
      });
      await admin.post(`/beheer/identiteitsproviders/${edeProviderId}`, {
        ...values,
        clientSecret: "",
      });
    });

    it("keeps DigiD configuration to the municipality's own beheerder", async () => {
      const school = await signIn(t.app, schoolAdmin, "10.9.6.2");
      expect((await school.get("/beheer/identiteitsproviders")).body).not.toContain("soort=digid");
      expect((await school.get("/beheer/identiteitsproviders/nieuw?soort=digid")).statusCode).toBe(
        403,
      );
      const other = await signIn(t.app, wageningenAdmin, "10.9.6.3");
      expect((await other.get(`/beheer/identiteitsproviders/${edeProviderId}`)).statusCode).toBe(
        403,
      );
      const off = await other.post(
        `/beheer/identiteitsproviders/${edeProviderId}/status`,
        { enabled: "false" },
        { from: "/beheer/identiteitsproviders" },
      );
      expect(off.statusCode).toBe(403);
    });

    it("keeps DigiD brokers out of staff sign-in", async () => {
      const client = browser();
      const page = await client.get("/inloggen");
      expect(page.body).not.toContain(`/inloggen/oidc/${edeProviderId}`);
      expect((await client.get(`/inloggen/oidc/${edeProviderId}`)).statusCode).toBe(404);
    });

    // ——— Accepting the invitation ———

    it("offers DigiD on the invitation page only where the newcomer's municipality has it", async () => {
      const inEde = await invited(ede.id);
      const page = await browser().get(`/welkom/code?code=${encodeURIComponent(inEde.code)}`);
      expect(page.body).toContain("Toegang maken met DigiD");
      expect(page.body).toContain("/welkom/digid/start?code=");
      // Without a code the offer leads to /welkom/digid, which asks for it and checks it.
      const client = browser();
      const bare = await client.get("/welkom/code");
      expect(bare.body).toContain('href="/welkom/digid"');
      const typed = await client.get(`/welkom/digid?code=${encodeURIComponent(inEde.code)}`);
      expect(typed.statusCode).toBe(200);
      expect(typed.body).toContain("/welkom/digid/start?code=");
      const wrong = await client.get("/welkom/digid?code=AAAA-BBBB-CCCC");
      expect(wrong.statusCode).toBe(422);
      expect(wrong.body).toContain("Deze code werkt niet");
      const inZwolle = await invited(zwolle.id);
      const none = await client.get(`/welkom/code?code=${encodeURIComponent(inZwolle.code)}`);
      expect(none.body).not.toContain("Toegang maken met DigiD");
      // Typing a Zwolle code on the DigiD page explains it and keeps the code.
      const refused = await client.get(`/welkom/digid?code=${encodeURIComponent(inZwolle.code)}`);
      expect(refused.statusCode).toBe(422);
      expect(refused.body).toContain("biedt DigiD in Koers nog niet aan");
      expect(refused.body).toContain(inZwolle.code);
      expect(refused.body).not.toContain("/welkom/digid/start");
      const direct = await client.get(
        `/welkom/digid/start?code=${encodeURIComponent(inZwolle.code)}`,
      );
      expect(direct.statusCode).toBe(303);
      expect(direct.headers.location).toBe(
        `/welkom/digid?code=${encodeURIComponent(inZwolle.code)}`,
      );
    });

    it("accepts the invitation with DigiD when the BSN matches, links the identity without the BSN, and signs in", async () => {
      const bsn = validBsn();
      const { newcomer, code, accountId } = await invited(ede.id, { bsn });
      broker.users.set("semhar", { claims: { [BSN_CLAIM]: bsn }, acr: MIDDEN });
      const { client, res, location, before } = await acceptWithDigid(code, "semhar");
      // Koers asks the broker for DigiD Midden or higher, and only openid.
      expect(location.searchParams.get("scope")).toBe("openid");
      expect(location.searchParams.get("acr_values")?.split(" ")).toContain(MIDDEN);
      expect(location.searchParams.get("acr_values")).not.toContain(BASIS);
      expect(location.searchParams.get("code_challenge_method")).toBe("S256");
      expect(res.statusCode).toBe(303);
      expect(res.headers.location).toBe("/mijn-plan");
      expect(client.cookie("koers_session")).not.toBe(before);
      const plan = await client.follow(res);
      expect(plan.statusCode).toBe(200);
      expect(plan.body).toContain(newcomer.givenNames);
      // No Koers code asked: DigiD Midden is the second factor of this session.
      const sessions = await t.database.query<{ mfa: boolean }>(
        "select (data->>'mfa')::boolean as mfa from sessions where account_id = $1",
        [accountId],
      );
      expect(sessions).toEqual([{ mfa: true }]);

      const state = await accessState(accountId);
      expect(state).toMatchObject({ status: "active", links: 1, unused: [] });
      const links = await t.database.query<{
        issuer: string;
        subject: string;
        organisation_id: string;
      }>("select issuer, subject, organisation_id from account_identities where account_id = $1", [
        accountId,
      ]);
      expect(links[0]?.issuer).toBe(broker.issuer);
      expect(links[0]?.organisation_id).toBe(ede.id);
      expect(links[0]?.subject).toMatch(/^hmac-sha256:/);
      expect(links[0]?.subject).not.toContain(bsn);
      const accepted = await digidAudit("accept_invitation", "allowed");
      expect(accepted.at(-1)?.subject_id).toBe(accountId);
      expect(accepted.at(-1)?.details).toMatchObject({
        level: "midden",
        providerId: edeProviderId,
      });
      const leaks = await t.database.query<{ n: number }>(
        "select count(*)::int as n from audit_events where details::text like $1",
        [`%${bsn}%`],
      );
      expect(leaks[0]?.n).toBe(0);

      // Later, on another phone: "Sign in with DigiD", no password, no code.
      const signInPage = await browser().get("/inloggen");
      expect(signInPage.body).toContain("Inloggen met DigiD");
      expect(signInPage.body).toContain(`provider=${edeProviderId}`);
      expect(signInPage.body).toContain(ede.name);
      const again = await signInWithDigid(edeProviderId, "semhar");
      expect(again.res.statusCode).toBe(303);
      expect(again.res.headers.location).toBe("/mijn-plan");
      expect(again.client.cookie("koers_session")).not.toBe(again.before);
      expect((await again.client.follow(again.res)).body).toContain(newcomer.givenNames);
      const signIns = await digidAudit("sign_in", "allowed");
      expect(signIns.at(-1)?.subject_id).toBe(accountId);
      expect(signIns.at(-1)?.organisation_id).toBe(ede.id);
    });

    it("shows the consultant how the newcomer signs in, and lets them unlink a DigiD", async () => {
      const bsn = validBsn();
      const { newcomer, code } = await invited(ede.id, { bsn });
      broker.users.set("yonas", { claims: { [BSN_CLAIM]: bsn }, acr: MIDDEN });
      expect((await acceptWithDigid(code, "yonas")).res.statusCode).toBe(303);
      const consultant = await buildAccount(t.database.db, { organisationId: ede.id });
      const asConsultant = await signIn(t.app, consultant, "10.9.8.1");
      const page = `/nieuwkomers/${newcomer.id}/uitnodigen`;
      const before = await asConsultant.get(page);
      expect(before.body).toContain(`Hoe ${newcomer.givenNames} inlogt`);
      expect(before.body).toContain("Wachtwoord: niet ingesteld");
      expect(before.body).toContain("DigiD gekoppeld via DigiD Ede");
      expect(before.body).not.toContain(bsn);

      // Not for another municipality, and not without the form's token.
      const arnhemConsultant = await buildAccount(t.database.db, { organisationId: arnhem.id });
      const outsider = await signIn(t.app, arnhemConsultant, "10.9.8.2");
      const unlink = `/nieuwkomers/${newcomer.id}/digid/ontkoppelen`;
      expect((await outsider.post(unlink, {}, { from: "/" })).statusCode).toBe(404);
      expect((await asConsultant.post(unlink, {}, { csrf: false })).statusCode).toBe(403);
      expect((await signInWithDigid(edeProviderId, "yonas")).res.statusCode).toBe(303);

      const done = await asConsultant.post(unlink, {}, { from: page });
      expect(done.statusCode).toBe(303);
      const after = await asConsultant.follow(done);
      expect(after.body).toContain("DigiD is ontkoppeld.");
      expect(after.body).toContain("Geen DigiD gekoppeld.");
      const refused = await signInWithDigid(edeProviderId, "yonas");
      expect(refused.res.statusCode).toBe(403);
      const [audit] = await t.database.query<{ actor_account_id: string; subject_id: string }>(
        "select actor_account_id, subject_id from audit_events where action = 'unlink_digid'",
      );
      expect(audit).toEqual({ actor_account_id: consultant.id, subject_id: newcomer.id });
      // Nothing left to unlink: said plainly, nothing recorded.
      const again = await asConsultant.post(unlink, {}, { from: page });
      expect((await asConsultant.follow(again)).body).toContain("Er was geen DigiD gekoppeld.");
    });

    it("works with a broker that gives the BSN as sub in the ID token and its own acr values, and never stores that sub", async () => {
      const bsn = validBsn();
      const { code, accountId } = await invited(wageningen.id, { bsn });
      subBroker.users.set(bsn, { acr: eidas.low });
      const low = await acceptWithDigid(code, bsn, { idp: subBroker });
      // Wageningen's own mapping: eIDAS substantial and high are accepted, low is not.
      expect(low.location.searchParams.get("acr_values")).toBe(
        `${eidas.high} ${eidas.substantial}`,
      );
      expect(low.res.statusCode).toBe(403);
      subBroker.users.set(bsn, { acr: eidas.substantial });
      const { res } = await acceptWithDigid(code, bsn, { idp: subBroker });
      expect(res.statusCode).toBe(303);
      const rows = await t.database.query<{ subject: string }>(
        "select subject from account_identities where account_id = $1",
        [accountId],
      );
      expect(rows).toHaveLength(1);
      expect(rows[0]?.subject).not.toContain(bsn);
      const signedIn = await signInWithDigid(
        (
          await t.database.query<{ id: string }>(
            "select id from identity_providers where organisation_id = $1",
            [wageningen.id],
          )
        )[0]?.id ?? "",
        bsn,
        { idp: subBroker },
      );
      expect(signedIn.res.statusCode).toBe(303);
    });

    it("refuses a DigiD whose BSN is not the record's: nothing changes, the newcomer is told in their language", async () => {
      const { code, accountId } = await invited(ede.id, { bsn: validBsn() });
      broker.users.set("someone-else", { claims: { [BSN_CLAIM]: validBsn() }, acr: MIDDEN });
      const before = await accessState(accountId);
      const denied = (await digidAudit("accept_invitation", "denied")).length;
      const client = browser();
      await client.get("/taal/ar");
      const { res } = await acceptWithDigid(code, "someone-else", { client });
      expect(res.statusCode).toBe(403);
      expect(res.body).toContain("DigiD هذا لا يطابق البيانات");
      expect(res.body).toContain('dir="rtl"');
      expect(await accessState(accountId)).toEqual(before);
      const audit = await digidAudit("accept_invitation", "denied");
      expect(audit).toHaveLength(denied + 1);
      expect(audit.at(-1)).toMatchObject({
        subject_id: accountId,
        details: { reason: "bsn_mismatch" },
      });
      expect((await client.get("/mijn-plan")).statusCode).not.toBe(200);
      // The code still works: the newcomer can choose a password instead.
      const welcome = await client.post(
        "/welkom/code",
        {
          code,
          email: "anders@example.test",
          password: "een lange eigen zin",
          confirm: "een lange eigen zin",
        },
        { from: `/welkom/code?code=${encodeURIComponent(code)}` },
      );
      expect(welcome.statusCode).toBe(303);
    });

    it("refuses when the record holds no BSN, and when DigiD gives none", async () => {
      const noBsn = await invited(ede.id, { bsn: null });
      broker.users.set("without-record-bsn", { claims: { [BSN_CLAIM]: validBsn() }, acr: MIDDEN });
      const before = await accessState(noBsn.accountId);
      const first = await acceptWithDigid(noBsn.code, "without-record-bsn");
      expect(first.res.statusCode).toBe(403);
      expect(first.res.body).toContain("burgerservicenummer (BSN) nog niet in Koers gezet");
      expect(await accessState(noBsn.accountId)).toEqual(before);

      const withBsn = await invited(ede.id, { bsn: validBsn() });
      broker.users.set("no-claim", { acr: MIDDEN });
      const second = await acceptWithDigid(withBsn.code, "no-claim");
      expect(second.res.statusCode).toBe(403);
      expect(second.res.body).toContain("past niet bij de gegevens");
      const reasons = (await digidAudit("accept_invitation", "denied")).slice(-2);
      expect(reasons.map((r) => r.details.reason)).toEqual([
        "no_bsn_in_record",
        "no_bsn_from_digid",
      ]);
    });

    it("refuses DigiD below Midden, when accepting and when signing in", async () => {
      const bsn = validBsn();
      const { code, accountId } = await invited(ede.id, { bsn });
      broker.users.set("basis-only", { claims: { [BSN_CLAIM]: bsn }, acr: BASIS });
      const before = await accessState(accountId);
      const refused = await acceptWithDigid(code, "basis-only");
      expect(refused.res.statusCode).toBe(403);
      expect(refused.res.body).toContain("DigiD Midden of hoger");
      expect(await accessState(accountId)).toEqual(before);
      expect((await digidAudit("accept_invitation", "denied")).at(-1)?.details.reason).toBe(
        "level_too_low",
      );

      // Accepted at Midden, then a later sign-in at Basis (or with an unknown acr) is refused.
      broker.users.set("basis-only", { claims: { [BSN_CLAIM]: bsn }, acr: MIDDEN });
      expect((await acceptWithDigid(code, "basis-only")).res.statusCode).toBe(303);
      broker.users.set("basis-only", { claims: { [BSN_CLAIM]: bsn }, acr: BASIS });
      const low = await signInWithDigid(edeProviderId, "basis-only");
      expect(low.res.statusCode).toBe(403);
      expect(low.res.body).toContain("DigiD Midden of hoger");
      expect((await low.client.get("/mijn-plan")).statusCode).not.toBe(200);
      broker.users.set("basis-only", { claims: { [BSN_CLAIM]: bsn } });
      const unknown = await signInWithDigid(edeProviderId, "basis-only");
      expect(unknown.res.statusCode).toBe(403);
      const reasons = (await digidAudit("sign_in", "denied")).slice(-2);
      expect(reasons.map((r) => r.details.reason)).toEqual(["level_too_low", "level_unknown"]);
    });

    it("tells an unknown DigiD identity only that no Koers account is linked", async () => {
      broker.users.set("stranger", { claims: { [BSN_CLAIM]: validBsn() }, acr: MIDDEN });
      const { res, client } = await signInWithDigid(edeProviderId, "stranger");
      expect(res.statusCode).toBe(403);
      expect(res.body).toContain("Er is geen Koers-account gekoppeld aan deze DigiD");
      expect(res.body).toContain("Vraag uw consulent om een uitnodiging");
      expect((await client.get("/")).body).not.toContain("uitloggen");
      expect((await digidAudit("sign_in", "denied")).at(-1)).toMatchObject({
        subject_id: null,
        details: { reason: "no_account", providerId: edeProviderId },
      });
    });

    it("never lets another municipality's broker reach this newcomer", async () => {
      const bsn = validBsn();
      const { code, accountId } = await invited(ede.id, { bsn });
      broker.users.set("moved", { claims: { [BSN_CLAIM]: bsn }, acr: MIDDEN });
      expect((await acceptWithDigid(code, "moved")).res.statusCode).toBe(303);
      const arnhemId =
        (
          await t.database.query<{ id: string }>(
            "select id from identity_providers where organisation_id = $1",
            [arnhem.id],
          )
        )[0]?.id ?? "";
      // The same person at the same regional broker, but through Arnhem: no link there.
      const viaArnhem = await signInWithDigid(arnhemId, "moved");
      expect(viaArnhem.res.statusCode).toBe(403);
      expect(viaArnhem.res.body).toContain("geen Koers-account gekoppeld");
      expect((await digidAudit("sign_in", "denied")).at(-1)?.organisation_id).toBe(arnhem.id);

      // An invitation from Ede cannot be accepted with an answer vouched for by Arnhem's broker.
      const other = await invited(ede.id, { bsn });
      const before = await accessState(other.accountId);
      const [invitation] = await t.database.db
        .select({ id: newcomerInvitations.id })
        .from(newcomerInvitations)
        .where(eq(newcomerInvitations.accountId, other.accountId));
      const result = await acceptInvitationWithDigid(t.database.db, ctx, {
        invitationId: invitation?.id ?? "",
        answer: {
          providerId: arnhemId,
          organisationId: arnhem.id,
          issuer: broker.issuer,
          linkedSubject: "hmac-sha256:test",
          bsn,
          level: "midden",
        },
        locale: "nl",
      });
      expect(result).toMatchObject({ outcome: "refused", reason: "other_municipality" });
      expect(await accessState(other.accountId)).toEqual(before);
      expect(accountId).not.toBe(other.accountId);
    });

    it("refuses a tampered answer and a replayed one", async () => {
      const { code } = await invited(ede.id, { bsn: validBsn() });
      const client = browser();
      await client.get(`/welkom/code?code=${encodeURIComponent(code)}`);
      const start = await client.get(`/welkom/digid/start?code=${encodeURIComponent(code)}`);
      const back = await broker.signInAs(String(start.headers.location), "semhar");
      const tampered = new URL(back);
      tampered.searchParams.set("state", "forged");
      const res = await client.get(tampered.pathname + tampered.search);
      expect(res.statusCode).toBe(400);
      expect(res.body).toContain("kon niet worden gecontroleerd");
      const replay = await client.get(back.pathname + back.search);
      expect(replay.statusCode).toBe(400);
      expect((await digidAudit("accept_invitation", "denied")).at(-1)?.details.reason).toBe(
        "invalid_response",
      );
    });

    it("refuses a disabled broker, also for a sign-in already under way", async () => {
      const underway = browser();
      const start = await underway.get(`/inloggen/digid?provider=${edeProviderId}`);
      expect(start.statusCode).toBe(303);
      const back = await broker.signInAs(String(start.headers.location), "semhar");

      const admin = await signIn(t.app, edeAdmin, "10.9.6.4");
      const off = await admin.post(`/beheer/identiteitsproviders/${edeProviderId}/status`, {
        enabled: "false",
      });
      expect(off.statusCode).toBe(303);

      const res = await underway.get(back.pathname + back.search);
      expect(res.statusCode).toBe(400);
      expect(res.body).toContain("DigiD is nu niet beschikbaar");
      expect((await underway.get("/mijn-plan")).statusCode).not.toBe(200);
      expect((await digidAudit("sign_in", "denied")).at(-1)?.details.reason).toBe(
        "provider_unavailable",
      );
      const client = browser();
      expect((await client.get("/inloggen")).body).not.toContain(`provider=${edeProviderId}`);
      expect((await client.get(`/inloggen/digid?provider=${edeProviderId}`)).statusCode).toBe(404);
      const { code } = await invited(ede.id);
      expect(
        (await client.get(`/welkom/code?code=${encodeURIComponent(code)}`)).body,
      ).not.toContain("/welkom/digid/start");

      // Enabled again; a second enabled broker for Ede is refused with a message.
      await admin.post(`/beheer/identiteitsproviders/${edeProviderId}/status`, { enabled: "true" });
      await createProvider(t.database.db, ctx, {
        organisationId: ede.id,
        purpose: "staff",
        name: "Ede-account",
        issuer: broker.issuer,
        clientId: broker.clientId,
        clientSecret: broker.clientSecret,
        emailDomain: "ede.test",
      });
      expect((await client.get("/inloggen")).body).toContain(`provider=${edeProviderId}`);
    });
  },
);
