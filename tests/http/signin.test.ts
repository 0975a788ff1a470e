import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../support/app.ts";
import { TestClient } from "../support/client.ts";
import { databaseKinds } from "../support/database.ts";
import {
  buildAccount,
  buildOrganisation,
  signIn,
  type TestAccount,
  unusedTotp,
} from "../support/factories.ts";

describe.each(databaseKinds)("signing in (%s)", (kind) => {
  let t: TestApp;
  let consultant: TestAccount;

  beforeAll(async () => {
    t = await createTestApp(kind);
    const org = await buildOrganisation(t.database.db);
    consultant = await buildAccount(t.database.db, {
      organisationId: org.id,
      roles: ["consulent"],
    });
  });
  afterAll(async () => t?.close());

  it("asks for the TOTP code after the password, then signs in with a rotated session", async () => {
    const client = new TestClient(t.app);
    await client.get("/inloggen");
    const res = await client.post("/inloggen", {
      email: consultant.email,
      password: consultant.password,
    });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe("/inloggen/code");
    const pendingSession = client.cookie("koers_session");
    const code = await client.post(
      "/inloggen/code",
      { code: await unusedTotp(consultant.totpSecret) },
      { from: "/inloggen/code" },
    );
    expect(code.statusCode).toBe(303);
    expect(client.cookie("koers_session")).not.toBe(pendingSession);
    const home = await client.get("/");
    expect(home.body).toContain("Test Persoon");
  });

  it("takes each one-time code once: a replayed code is refused, the next one works", async () => {
    const passwordStep = async (client: TestClient) => {
      await client.get("/inloggen");
      const res = await client.post("/inloggen", {
        email: consultant.email,
        password: consultant.password,
      });
      expect(res.headers.location).toBe("/inloggen/code");
    };
    const first = new TestClient(t.app, "10.0.0.7");
    await passwordStep(first);
    const code = await unusedTotp(consultant.totpSecret);
    const ok = await first.post("/inloggen/code", { code }, { from: "/inloggen/code" });
    expect(ok.statusCode).toBe(303);

    // Someone who saw the code over the shoulder tries it within its 90 seconds.
    const onlooker = new TestClient(t.app, "10.0.0.8");
    onlooker.headers = { "accept-language": "en" };
    await passwordStep(onlooker);
    const replay = await onlooker.post("/inloggen/code", { code }, { from: "/inloggen/code" });
    expect(replay.statusCode).toBe(401);
    expect((await onlooker.get("/")).body).not.toContain("Test Persoon");
    const next = await onlooker.post(
      "/inloggen/code",
      { code: await unusedTotp(consultant.totpSecret) },
      { from: "/inloggen/code" },
    );
    expect(next.statusCode).toBe(303);
  });

  it("refuses a wrong password with a message in the user's language", async () => {
    const client = new TestClient(t.app, "10.0.0.2");
    client.headers = { "accept-language": "en" };
    await client.get("/inloggen");
    const res = await client.post("/inloggen", {
      email: consultant.email,
      password: "wrong password!",
    });
    expect(res.statusCode).toBe(401);
    expect(res.body).toContain("The e-mail address or the password is not right.");
    expect(res.body).toContain(`value="${consultant.email}"`);
  });

  it("refuses a forged cross-site POST (no CSRF token)", async () => {
    const client = await signIn(t.app, consultant, "10.0.0.3");
    const res = await client.post("/uitloggen", {}, { csrf: false });
    expect(res.statusCode).toBe(403);
    expect((await client.get("/")).body).toContain("Test Persoon");
  });

  it("applies the account's chosen language on a browser that has not chosen one", async () => {
    await t.database.exec(`update accounts set locale = 'ar' where id = '${consultant.id}'`);
    const client = await signIn(t.app, consultant, "10.0.0.4");
    expect(client.cookie("koers_lang")).toBe("ar");
    expect((await client.get("/")).body).toContain('dir="rtl"');
    await t.database.exec(`update accounts set locale = 'nl' where id = '${consultant.id}'`);
  });
});
