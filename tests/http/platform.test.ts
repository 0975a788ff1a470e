import { PassThrough } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../support/app.ts";
import { TestClient } from "../support/client.ts";
import { databaseKinds } from "../support/database.ts";

describe.each(databaseKinds)("the platform pipeline (%s)", (kind) => {
  let t: TestApp;
  const logLines: string[] = [];

  beforeAll(async () => {
    const stream = new PassThrough();
    stream.on("data", (chunk: Buffer) =>
      logLines.push(...chunk.toString().split("\n").filter(Boolean)),
    );
    t = await createTestApp(kind, {}, { logStream: stream });
  });
  afterAll(async () => t?.close());

  it("sends strict security headers with a fresh nonce per response", async () => {
    const a = await t.app.inject({ url: "/inloggen" });
    const b = await t.app.inject({ url: "/inloggen" });
    const csp = String(a.headers["content-security-policy"]);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("default-src 'self'");
    expect(csp).toMatch(/script-src 'self' 'nonce-[0-9a-f]+'/);
    expect(csp).not.toContain("unsafe-inline");
    expect(a.headers["x-frame-options"]).toBe("DENY");
    expect(a.headers["x-content-type-options"]).toBe("nosniff");
    expect(a.headers["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
    expect(a.headers["strict-transport-security"]).toBeUndefined();
    const nonce = (csp.match(/'nonce-([0-9a-f]+)'/) ?? [])[1];
    expect(a.body).toContain(`nonce="${nonce}"`);
    expect(b.headers["content-security-policy"]).not.toBe(a.headers["content-security-policy"]);
    // Every inline or external script carries the nonce: none can run without it.
    for (const tag of a.body.match(/<script[^>]*>/g) ?? [])
      expect(tag).toContain(`nonce="${nonce}"`);
  });

  it("answers /health and /ready", async () => {
    expect((await t.app.inject({ url: "/health" })).json()).toEqual({ status: "ok" });
    expect((await t.app.inject({ url: "/ready" })).json()).toMatchObject({
      status: "ok",
      database: kind,
    });
  });

  it("shows a not-found page in the user's language", async () => {
    const res = await t.app.inject({
      url: "/bestaat-niet",
      headers: { "accept-language": "en-GB,en;q=0.9" },
    });
    expect(res.statusCode).toBe(404);
    expect(res.body).toContain('lang="en"');
    expect(res.body).toContain("This page does not exist (any more).");
  });

  it("refuses an oversized form with 413 and a clear message", async () => {
    const client = new TestClient(t.app, "10.9.0.1");
    const res = await client.post(
      "/inloggen",
      { email: "a@b.nl", password: "x".repeat(300 * 1024) },
      { from: "/inloggen" },
    );
    expect(res.statusCode).toBe(413);
    expect(res.body).toContain("Wat u stuurde is te groot.");
  });

  it("refuses a malformed form body with 4xx, never a stack trace", async () => {
    const res = await t.app.inject({
      method: "POST",
      url: "/inloggen",
      payload: "{not json",
      headers: { "content-type": "application/json" },
    });
    expect(res.statusCode).toBeGreaterThanOrEqual(400);
    expect(res.statusCode).toBeLessThan(500);
    expect(res.body).not.toMatch(/at \w+ \(|node_modules|SyntaxError/);
  });

  it("only follows local paths after switching language (no open redirect)", async () => {
    const local = await t.app.inject({ url: "/taal/ar?terug=%2Finloggen" });
    expect(local.statusCode).toBe(303);
    expect(local.headers.location).toBe("/inloggen");
    expect(String(local.headers["set-cookie"])).toContain("koers_lang=ar");
    for (const evil of ["https://evil.example", "//evil.example", "/\\evil.example"]) {
      const res = await t.app.inject({ url: `/taal/en?terug=${encodeURIComponent(evil)}` });
      expect(res.headers.location).toBe("/");
    }
  });

  it("keeps query strings (which can hold a name or BSN) out of the logs", async () => {
    await t.app.inject({ url: "/nieuwkomers?zoek=123456782" });
    await new Promise((resolve) => setTimeout(resolve, 50));
    const lines = logLines.join("\n");
    expect(lines).toContain("/nieuwkomers");
    expect(lines).not.toContain("123456782");
  });
});
