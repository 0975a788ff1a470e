import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { passkeys } from "../../src/portal/schema.ts";
import { createTestApp, type TestApp } from "../support/app.ts";
import { TestClient } from "../support/client.ts";
import { databaseKinds } from "../support/database.ts";
import { buildAccount, buildOrganisation, signIn, type TestAccount } from "../support/factories.ts";

// A full passkey ceremony needs an authenticator: tests/browser/passkeys.test.ts uses Chromium's
// virtual one. These tests cover the refusals.

/** Posts with no body, as assets/passkeys.js asks for options: cookies, and the token in a header. */
async function postForOptions(t: TestApp, client: TestClient, url: string, token?: string) {
  const cookie = ["koers_session", "_csrf"]
    .map((name) => [name, client.cookie(name)])
    .filter(([, value]) => value)
    .map(([name, value]) => `${name}=${value}`)
    .join("; ");
  return t.app.inject({
    method: "POST",
    url,
    headers: { cookie, accept: "application/json", ...(token ? { "x-csrf-token": token } : {}) },
  });
}

const pageToken = (client: TestClient) => client.html.match(/name="_csrf" value="([^"]+)"/)?.[1];

async function storedPasskey(t: TestApp, account: TestAccount) {
  const [row] = await t.database.db
    .insert(passkeys)
    .values({
      organisationId: account.organisationId,
      accountId: account.id,
      credentialId: randomBytes(16).toString("base64url"),
      publicKey: randomBytes(77).toString("base64url"),
      counter: 3,
      transports: ["internal"],
      name: "telefoon",
    })
    .returning();
  if (!row) throw new Error("no passkey stored");
  return row;
}

describe.each(databaseKinds)("passkeys (%s)", (kind) => {
  let t: TestApp;
  let newcomer: TestAccount;
  let other: TestAccount;

  beforeAll(async () => {
    t = await createTestApp(kind);
    const org = await buildOrganisation(t.database.db);
    newcomer = await buildAccount(t.database.db, {
      organisationId: org.id,
      roles: ["nieuwkomer"],
      totp: false,
    });
    other = await buildAccount(t.database.db, {
      organisationId: org.id,
      roles: ["nieuwkomer"],
      totp: false,
    });
  });
  afterAll(async () => t?.close());

  it("gives sign-in options only with the page's CSRF token", async () => {
    const client = new TestClient(t.app);
    await client.get("/inloggen");
    expect(client.html).toContain('data-module="passkey-signin" hidden');
    const forged = await postForOptions(t, client, "/inloggen/passkey/opties");
    expect(forged.statusCode).toBe(403);
    const wrong = await postForOptions(t, client, "/inloggen/passkey/opties", "not-the-token");
    expect(wrong.statusCode).toBe(403);
    const res = await postForOptions(t, client, "/inloggen/passkey/opties", pageToken(client));
    expect(res.statusCode).toBe(200);
    const options = res.json<{ challenge: string; rpId: string; userVerification: string }>();
    expect(options.rpId).toBe("koers.test");
    expect(options.userVerification).toBe("preferred");
    expect(options.challenge).toMatch(/^[\w-]{20,}$/);
  });

  it("gives registration options to a signed-in account only, with the token", async () => {
    const anonymous = new TestClient(t.app);
    await anonymous.get("/inloggen");
    const refused = await postForOptions(
      t,
      anonymous,
      "/account/passkeys/opties",
      pageToken(anonymous),
    );
    expect(refused.statusCode).not.toBe(200);

    const client = await signIn(t.app, newcomer);
    await client.get("/account/passkeys");
    expect((await postForOptions(t, client, "/account/passkeys/opties")).statusCode).toBe(403);
    const res = await postForOptions(t, client, "/account/passkeys/opties", pageToken(client));
    expect(res.statusCode).toBe(200);
    const options = res.json<{
      rp: { id: string; name: string };
      authenticatorSelection: { residentKey: string; userVerification: string };
    }>();
    expect(options.rp).toEqual({ id: "koers.test", name: "Koers" });
    expect(options.authenticatorSelection).toMatchObject({
      residentKey: "preferred",
      userVerification: "preferred",
    });
  });

  it("refuses a bogus assertion, audits it, and does not sign in", async () => {
    const key = await storedPasskey(t, newcomer);
    const client = new TestClient(t.app, "10.9.0.1");
    await client.get("/inloggen");
    const token = pageToken(client) ?? "";
    const options = await postForOptions(t, client, "/inloggen/passkey/opties", token);
    expect(options.statusCode).toBe(200);
    // The options request started the session that holds the challenge: the assertion goes with it.
    const session = options.cookies.find((c) => c.name === "koers_session")?.value;
    expect(session).toBeTruthy();
    const bogus = {
      id: key.credentialId,
      rawId: key.credentialId,
      type: "public-key",
      clientExtensionResults: {},
      response: {
        clientDataJSON: Buffer.from(
          JSON.stringify({ type: "webauthn.get", challenge: "abc", origin: "http://koers.test" }),
        ).toString("base64url"),
        authenticatorData: randomBytes(37).toString("base64url"),
        signature: randomBytes(64).toString("base64url"),
      },
    };
    const res = await t.app.inject({
      method: "POST",
      url: "/inloggen/passkey",
      headers: {
        cookie: `koers_session=${session}; _csrf=${client.cookie("_csrf")}`,
        "content-type": "application/x-www-form-urlencoded",
      },
      payload: new URLSearchParams({ _csrf: token, credential: JSON.stringify(bogus) }).toString(),
    });
    expect(res.statusCode).toBe(401);
    expect(res.body).toContain("Inloggen met een passkey lukte niet");
    const audit = await t.database.query<{ outcome: string; step: string; reason: string }>(
      `select outcome, details->>'step' as step, details->>'reason' as reason from audit_events
        where action = 'sign_in' and subject_id = $1 order by seq desc limit 1`,
      [newcomer.id],
    );
    expect(audit).toEqual([{ outcome: "denied", step: "passkey", reason: "signature" }]);
    const [after] = await t.database.db.select().from(passkeys).where(eq(passkeys.id, key.id));
    expect(after?.counter).toBe(3);
    const page = await t.app.inject({
      method: "GET",
      url: "/account/passkeys",
      headers: { cookie: `koers_session=${session}` },
    });
    expect(page.statusCode).toBe(303);
    expect(String(page.headers.location)).toContain("/inloggen");
  });

  it("refuses an assertion without a challenge given out, and a forged post", async () => {
    const client = new TestClient(t.app, "10.9.0.2");
    await client.get("/inloggen");
    const forged = await client.post("/inloggen/passkey", { credential: "{}" }, { csrf: false });
    expect(forged.statusCode).toBe(403);
    const res = await client.post("/inloggen/passkey", { credential: "{}" });
    expect(res.statusCode).toBe(401);
    const [audit] = await t.database.query<{ n: number }>(
      `select count(*)::int as n from audit_events
        where action = 'sign_in' and outcome = 'denied' and details->>'reason' = 'malformed'`,
    );
    expect(audit?.n).toBeGreaterThan(0);
  });

  it("lets an account remove its own passkey but not another account's", async () => {
    const theirs = await storedPasskey(t, other);
    const mine = await storedPasskey(t, newcomer);
    const client = await signIn(t.app, newcomer);
    const list = await client.get("/account/passkeys");
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain(`/account/passkeys/${mine.id}/verwijderen`);
    expect(list.body).not.toContain(theirs.id);

    const refused = await client.post(`/account/passkeys/${theirs.id}/verwijderen`, {});
    expect(refused.statusCode).toBe(403);
    const forged = await client.post(
      `/account/passkeys/${mine.id}/verwijderen`,
      {},
      { csrf: false },
    );
    expect(forged.statusCode).toBe(403);
    const removed = await client.post(`/account/passkeys/${mine.id}/verwijderen`, {});
    expect(removed.statusCode).toBe(303);

    const left = await t.database.db
      .select({ id: passkeys.id })
      .from(passkeys)
      .where(eq(passkeys.id, theirs.id));
    expect(left).toHaveLength(1);
    const gone = await t.database.db
      .select({ id: passkeys.id })
      .from(passkeys)
      .where(eq(passkeys.id, mine.id));
    expect(gone).toHaveLength(0);
    const [audit] = await t.database.query<{ n: number }>(
      `select count(*)::int as n from audit_events
        where action = 'delete' and resource_type = 'passkey' and resource_id = $1`,
      [mine.id],
    );
    expect(audit?.n).toBe(1);
  });

  it("refuses a registration without a valid credential, keeping the name", async () => {
    const client = await signIn(t.app, newcomer);
    await client.get("/account/passkeys");
    const res = await client.post("/account/passkeys", {
      name: "mijn telefoon",
      credential: JSON.stringify({ id: "x" }),
    });
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('value="mijn telefoon"');
  });
});
