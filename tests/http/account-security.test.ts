import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LOCKOUT } from "../../src/accounts/rules.ts";
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

const LOCKED = "Te veel mislukte pogingen.";
const NEW_PASSWORD = "een nieuw en lang wachtwoord";

describe.each(databaseKinds)("account security (%s)", (kind) => {
  let t: TestApp;
  let orgA: { id: string; name: string };
  let orgB: { id: string; name: string };
  let beheerderA: TestAccount;
  let nextIp = 10;

  /** A fresh address per browser: sign-in slows down per address after failures. */
  const ip = () => `10.4.0.${nextIp++}`;
  /** A consultant of A with TOTP set up. */
  const person = () => buildAccount(t.database.db, { organisationId: orgA.id });
  const signedIn = (client: TestClient) =>
    client.get("/account").then((res) => res.statusCode === 200);
  const passwordSignIn = (client: TestClient, email: string, password: string) =>
    client.post("/inloggen", { email, password }, { from: "/inloggen" });

  beforeAll(async () => {
    t = await createTestApp(kind);
    orgA = await buildOrganisation(t.database.db, { name: "Gemeente A (security test)" });
    orgB = await buildOrganisation(t.database.db, { name: "Gemeente B (security test)" });
    beheerderA = await buildAccount(t.database.db, {
      organisationId: orgA.id,
      roles: ["beheerder"],
    });
  });
  afterAll(async () => t?.close());

  it("locks an account after five wrong passwords, logs it, and lets a beheerder unlock it", async () => {
    const victim = await person();
    const attacker = new TestClient(t.app, ip());
    const answers: number[] = [];
    for (let i = 0; i < LOCKOUT.accountFailures; i++)
      answers.push(
        (await passwordSignIn(attacker, victim.email, `wrong password ${i}`)).statusCode,
      );
    expect(answers).toEqual([401, 401, 401, 401, 429]);
    // Now even the right password is refused, from any address.
    const owner = new TestClient(t.app, ip());
    const refused = await passwordSignIn(owner, victim.email, victim.password);
    expect(refused.statusCode).toBe(429);
    expect(refused.body).toContain(LOCKED);

    const audit = await t.database.query<{ step: string; locked: boolean }>(
      `select details->>'step' as step, (details->>'locked')::boolean as locked from audit_events
        where action = 'sign_in' and outcome = 'denied' and subject_id = $1 order by seq`,
      [victim.id],
    );
    expect(audit.map((a) => a.step)).toEqual([
      "password",
      "password",
      "password",
      "password",
      "password",
      "locked",
    ]);
    expect(audit[4]?.locked).toBe(true);

    const admin = await signIn(t.app, beheerderA, ip());
    const page = `/beheer/accounts/${victim.id}`;
    expect((await admin.get(page)).body).toContain("Geblokkeerd tot");
    const unlocked = await admin.post(`${page}/ontgrendelen`, {}, { from: page });
    expect(unlocked.statusCode).toBe(303);
    // A fresh start: one typo after the unlock does not lock the account again.
    expect((await passwordSignIn(owner, victim.email, "one more typo")).statusCode).toBe(401);
    const again = await passwordSignIn(owner, victim.email, victim.password);
    expect(again.statusCode).toBe(303);
    expect(again.headers.location).toBe("/inloggen/code");
    const code = await owner.post("/inloggen/code", { code: await unusedTotp(victim.totpSecret) });
    expect(code.statusCode).toBe(303);
    expect(await signedIn(owner)).toBe(true);
  });

  it("blocks an address after twenty failures, whatever e-mail addresses it tries", async () => {
    const target = await person();
    const attacker = new TestClient(t.app, ip());
    for (let i = 0; i < LOCKOUT.addressFailures; i++) {
      const res = await passwordSignIn(attacker, `gok${i}@test.koers`, "wrong password");
      expect(res.statusCode).toBe(401);
    }
    const blocked = await passwordSignIn(attacker, target.email, target.password);
    expect(blocked.statusCode).toBe(429);
    expect(blocked.body).toContain(LOCKED);
    // The account itself is not locked: its owner, elsewhere, gets in.
    const owner = await passwordSignIn(new TestClient(t.app, ip()), target.email, target.password);
    expect(owner.statusCode).toBe(303);
  }, 60_000);

  it("accepts a recovery code once, not twice", async () => {
    const account = await person();
    const own = await signIn(t.app, account, ip());
    const renewed = await own.post("/account/herstelcodes", {}, { from: "/account" });
    expect(renewed.statusCode).toBe(200);
    const codes = [
      ...renewed.body.matchAll(/<code>([a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4})<\/code>/g),
    ].map((m) => m[1] ?? "");
    expect(codes).toHaveLength(10);
    expect((await own.get("/account")).body).toContain("U heeft nog 10 ongebruikte herstelcodes.");

    const useCode = async (code: string) => {
      const client = new TestClient(t.app, ip());
      await passwordSignIn(client, account.email, account.password);
      return client.post(
        "/inloggen/code",
        { code: code.toUpperCase() },
        { from: "/inloggen/code" },
      );
    };
    expect((await useCode(codes[0] ?? "")).statusCode).toBe(303);
    const twice = await useCode(codes[0] ?? "");
    expect(twice.statusCode).toBe(401);
    expect(twice.body).toContain("Deze code klopt niet of is verlopen.");
    expect((await own.get("/account")).body).toContain("U heeft nog 9 ongebruikte herstelcodes.");
    // A forged request for new codes is refused (they would be shown to the forger's page).
    expect((await own.post("/account/herstelcodes", {}, { csrf: false })).statusCode).toBe(403);
  });

  it("signs out everywhere: another browser's session ends, and this one too", async () => {
    const account = await person();
    const laptop = await signIn(t.app, account, ip());
    const phone = await signIn(t.app, account, ip());
    expect(await signedIn(phone)).toBe(true);
    expect((await laptop.get("/account")).body).toContain("U bent op 2 plekken ingelogd");
    const res = await laptop.post("/account/overal-uitloggen", {}, { from: "/account" });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe("/inloggen");
    expect((await laptop.follow(res)).body).toContain("U bent op alle apparaten uitgelogd.");
    expect(await signedIn(laptop)).toBe(false);
    const phoneNow = await phone.get("/account");
    expect(phoneNow.statusCode).toBe(303);
    expect(phoneNow.headers.location).toBe("/inloggen?terug=%2Faccount");
    const [row] = await t.database.query<{ n: number }>(
      "select count(*)::int as n from sessions where account_id = $1",
      [account.id],
    );
    expect(row?.n).toBe(0);
  });

  it("ends idle and too-old sessions (SESSION_IDLE_MINUTES=1)", async () => {
    const short = await createTestApp(kind, { SESSION_IDLE_MINUTES: "1" });
    try {
      const org = await buildOrganisation(short.database.db);
      const account = await buildAccount(short.database.db, { organisationId: org.id });
      const age = (field: "lastSeenAt" | "createdAt", msAgo: number) =>
        short.database.query(
          `update sessions set data = jsonb_set(data, $2::text[], to_jsonb($3::bigint))
            where account_id = $1`,
          [account.id, `{${field}}`, Date.now() - msAgo],
        );

      const idle = await signIn(short.app, account, ip());
      await age("lastSeenAt", 50_000);
      expect((await idle.get("/")).body).toContain("Test Persoon");
      await age("lastSeenAt", 61_000);
      const timedOut = await idle.get("/");
      expect(timedOut.body).toContain("U was een tijd niet actief en bent uitgelogd.");
      expect(timedOut.body).not.toContain("Test Persoon");
      expect((await idle.get("/account")).statusCode).toBe(303);

      // Busy all day, but past the absolute limit (12 hours by default).
      const busy = await signIn(short.app, account, ip());
      await age("createdAt", 12 * 3_600_000 + 1_000);
      const old = await busy.get("/");
      expect(old.body).toContain("Uw sessie is verlopen.");
      expect(old.body).not.toContain("Test Persoon");
    } finally {
      await short.close();
    }
  });

  it("resets a password by e-mail: same answer for unknown addresses, old sessions end, link works once", async () => {
    const account = await person();
    const existing = await signIn(t.app, account, ip());
    const visitor = new TestClient(t.app, ip());
    const mails = t.mailer.sent.length;
    const unknown = await visitor.post(
      "/wachtwoord-vergeten",
      { email: "onbekend@test.koers" },
      { from: "/wachtwoord-vergeten" },
    );
    expect(t.mailer.sent.length).toBe(mails);
    const known = await visitor.post(
      "/wachtwoord-vergeten",
      { email: account.email },
      { from: "/wachtwoord-vergeten" },
    );
    expect(t.mailer.sent.length).toBe(mails + 1);
    const main = (html: string) =>
      html.match(/<main[\s\S]*<\/main>/)?.[0].replace(/name="_csrf" value="[^"]*"/g, "");
    expect(known.statusCode).toBe(unknown.statusCode);
    expect(main(known.body)).toBe(main(unknown.body));
    expect(main(known.body)).toContain("Als dit e-mailadres bij ons bekend is");

    const link = t.mailer.linkTo(account.email);
    const reset = await visitor.post(
      link,
      { password: NEW_PASSWORD, confirm: NEW_PASSWORD },
      { from: link },
    );
    expect(reset.statusCode).toBe(303);
    expect(await signedIn(existing)).toBe(false);
    const used = await visitor.post(link, { password: NEW_PASSWORD, confirm: NEW_PASSWORD });
    expect(used.statusCode).toBe(404);
    expect((await visitor.get(link)).body).toContain("Deze link is verlopen of al gebruikt.");

    expect(
      (await passwordSignIn(new TestClient(t.app, ip()), account.email, account.password))
        .statusCode,
    ).toBe(401);
    expect(await signIn(t.app, { ...account, password: NEW_PASSWORD }, ip()).then(signedIn)).toBe(
      true,
    );
  });

  it("changes one's own password: the current one is checked, other sessions end", async () => {
    const account = await person();
    const here = await signIn(t.app, account, ip());
    const elsewhere = await signIn(t.app, account, ip());
    const change = (form: Record<string, string>, options = {}) =>
      here.post("/account/wachtwoord", form, { from: "/account", ...options });

    const wrong = await change({
      currentPassword: "not it",
      password: NEW_PASSWORD,
      confirm: NEW_PASSWORD,
    });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.body).toContain("Uw huidige wachtwoord klopt niet.");
    const differ = await change({
      currentPassword: TEST_PASSWORD,
      password: NEW_PASSWORD,
      confirm: "iets anders helemaal",
    });
    expect(differ.statusCode).toBe(422);
    expect(differ.body).toContain("De wachtwoorden zijn niet gelijk.");
    const short = await change({
      currentPassword: TEST_PASSWORD,
      password: "kort",
      confirm: "kort",
    });
    expect(short.statusCode).toBe(422);
    expect(short.body).toContain("Kies een wachtwoord van minstens 12 tekens.");
    const forged = await change(
      { currentPassword: TEST_PASSWORD, password: NEW_PASSWORD, confirm: NEW_PASSWORD },
      { csrf: false },
    );
    expect(forged.statusCode).toBe(403);
    expect(await signedIn(elsewhere)).toBe(true);

    const done = await change({
      currentPassword: TEST_PASSWORD,
      password: NEW_PASSWORD,
      confirm: NEW_PASSWORD,
    });
    expect(done.statusCode).toBe(303);
    expect((await here.follow(done)).body).toContain("Uw wachtwoord is gewijzigd.");
    expect(await signedIn(here)).toBe(true);
    expect(await signedIn(elsewhere)).toBe(false);
    expect(await signIn(t.app, { ...account, password: NEW_PASSWORD }, ip()).then(signedIn)).toBe(
      true,
    );
  });

  it("saves the preferred language in the account and in this browser", async () => {
    const account = await person();
    const client = await signIn(t.app, account, ip());
    const res = await client.post("/account/taal", { locale: "en" }, { from: "/account" });
    expect(res.statusCode).toBe(303);
    const back = await client.follow(res);
    expect(back.headers.location).toBe("/account");
    expect(client.cookie("koers_lang")).toBe("en");
    const page = await client.follow(back);
    expect(page.body).toContain('<html lang="en"');
    expect(page.body).toContain("Your language was saved.");
    const [row] = await t.database.query<{ locale: string }>(
      "select locale from accounts where id = $1",
      [account.id],
    );
    expect(row?.locale).toBe("en");
    const bad = await client.post("/account/taal", { locale: "klingon" }, { from: "/account" });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain("Choose one of the options.");
  });

  it("switches the active organisation, only to one the person belongs to", async () => {
    const account = await person();
    await t.database.query(
      "insert into memberships (account_id, organisation_id, role) values ($1, $2, 'teamleider')",
      [account.id, orgB.id],
    );
    const elsewhere = await buildOrganisation(t.database.db, {
      name: "Gemeente C (security test)",
    });
    const client = await signIn(t.app, account, ip());
    const before = await client.get("/account");
    expect(before.body).toContain("Wisselen van organisatie");
    const foreign = await client.post("/account/organisatie", { organisationId: elsewhere.id });
    expect(foreign.statusCode).toBe(403);
    const res = await client.post(
      "/account/organisatie",
      { organisationId: orgB.id },
      { from: "/account" },
    );
    expect(res.statusCode).toBe(303);
    const after = await client.follow(res);
    expect(after.body).toContain("U werkt nu voor Gemeente B (security test).");
    expect(after.body).toContain("Gemeente B (security test) (u werkt nu voor deze organisatie)");
  });
});
