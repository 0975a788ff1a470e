import { and, eq } from "drizzle-orm";
import type { LightMyRequestResponse } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { createApiToken, hashApiToken } from "../../src/api/commands.ts";
import { API_VERSION } from "../../src/api/contracts.ts";
import { fastifyPath, problemStatusesOf } from "../../src/api/endpoint.ts";
import { apiEndpoints } from "../../src/api/endpoints.ts";
import type { ApiScope } from "../../src/api/rules.ts";
import { apiTokens } from "../../src/api/schema.ts";
import { auditEvents } from "../../src/audit/schema.ts";
import { newcomers } from "../../src/newcomers/schema.ts";
import { systemActor } from "../../src/platform/authz/actor.ts";
import { createTestApp, type TestApp } from "../support/app.ts";
import { databaseKinds } from "../support/database.ts";
import { buildAccount, buildOrganisation, signIn, type TestAccount } from "../support/factories.ts";

const RATE_LIMIT = 20;
const tokenPattern = /koers_[a-z2-9]{8}_[A-Za-z0-9_-]{43}/;

type Json = Record<string, unknown>;

describe.each(databaseKinds)("partner API /api/v1 (%s)", (kind) => {
  let t: TestApp;
  let orgA: { id: string; name: string };
  let orgB: { id: string; name: string };
  let adminA: TestAccount;
  let consultantA: TestAccount;
  let staffB: TestAccount;
  let newcomerAccountA: TestAccount;

  /** A token made directly (the admin pages are tested separately below). */
  async function issueToken(
    organisationId: string,
    scopes: ApiScope[],
    options: { expiresAt?: Date; name?: string } = {},
  ): Promise<string> {
    const { token } = await createApiToken(
      t.database.db,
      { actor: systemActor },
      {
        organisationId,
        name: options.name ?? "Testkoppeling",
        scopes,
        expiresAt: options.expiresAt ?? null,
      },
    );
    return token;
  }

  function api(
    method: "GET" | "POST" | "DELETE",
    url: string,
    options: { token?: string; body?: unknown; headers?: Record<string, string>; ip?: string } = {},
  ): Promise<LightMyRequestResponse> {
    return t.app.inject({
      method,
      url: `/api/v1${url}`,
      remoteAddress: options.ip ?? "10.9.0.1",
      headers: {
        ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
        ...(options.body === undefined ? {} : { "content-type": "application/json" }),
        ...options.headers,
      },
      ...(options.body === undefined
        ? {}
        : {
            payload: typeof options.body === "string" ? options.body : JSON.stringify(options.body),
          }),
    });
  }

  function expectProblem(res: LightMyRequestResponse, status: number): Json {
    expect(res.statusCode).toBe(status);
    expect(res.headers["content-type"]).toMatch(/^application\/problem\+json/);
    expect(res.headers["api-version"]).toBe(API_VERSION);
    const body = res.json() as Json;
    expect(body).toMatchObject({ status, type: "about:blank" });
    expect(typeof body.title).toBe("string");
    return body;
  }

  beforeAll(async () => {
    t = await createTestApp(kind, { API_RATE_LIMIT_PER_MINUTE: String(RATE_LIMIT) });
    const db = t.database.db;
    orgA = await buildOrganisation(db, { kind: "gemeente", name: `Gemeente A ${kind}` });
    orgB = await buildOrganisation(db, { kind: "gemeente", name: `Gemeente B ${kind}` });
    adminA = await buildAccount(db, {
      organisationId: orgA.id,
      roles: ["beheerder"],
      name: "Beheerder A",
    });
    consultantA = await buildAccount(db, {
      organisationId: orgA.id,
      roles: ["consulent"],
      name: "Consulent A",
    });
    newcomerAccountA = await buildAccount(db, {
      organisationId: orgA.id,
      roles: ["nieuwkomer"],
      name: "Nieuwkomer A",
      totp: false,
    });
    staffB = await buildAccount(db, {
      organisationId: orgB.id,
      roles: ["consulent"],
      name: "Consulent B",
    });
  });
  afterAll(async () => t?.close());

  describe("the OpenAPI document", () => {
    let doc: Json;

    beforeAll(async () => {
      const res = await api("GET", "/openapi.json");
      expect(res.statusCode).toBe(200);
      expect(res.headers["api-version"]).toBe(API_VERSION);
      doc = res.json() as Json;
    });

    /** Follows a local $ref ("#/components/…") through the document. */
    function resolve(node: unknown): Json {
      let current = node as Json;
      for (let i = 0; i < 10 && typeof current.$ref === "string"; i++) {
        const ref = current.$ref;
        expect(ref.startsWith("#/")).toBe(true);
        current = ref
          .slice(2)
          .split("/")
          .reduce<unknown>((n, key) => (n as Json | undefined)?.[key], doc) as Json;
        expect(current, `unresolved ${ref}`).toBeTruthy();
      }
      return current;
    }

    it("is OpenAPI 3.1.0 with version, servers, bearer security and named schemas", () => {
      expect(doc.openapi).toBe("3.1.0");
      expect(doc.info).toMatchObject({ title: "Koers API", version: API_VERSION });
      expect(doc.servers).toEqual([expect.objectContaining({ url: "http://koers.test/api/v1" })]);
      const components = doc.components as Json;
      expect(components.securitySchemes).toMatchObject({
        bearer: { type: "http", scheme: "bearer" },
      });
      const schemas = components.schemas as Json;
      expect(Object.keys(schemas)).toEqual(
        expect.arrayContaining(["Problem", "InvalidParam", "Organisatie", "Medewerker"]),
      );
      // Every reference anywhere in the document points at something that exists.
      const refs = JSON.stringify(doc).match(/"\$ref":"[^"]+"/g) ?? [];
      expect(refs.length).toBeGreaterThan(0);
      for (const ref of refs) resolve({ $ref: ref.slice(8, -1) });
    });

    it("describes every registered endpoint with its parameters, body, responses and scopes", () => {
      const paths = doc.paths as Record<string, Json>;
      const documented = Object.entries(paths).flatMap(([path, item]) =>
        Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`),
      );
      expect(documented.sort()).toEqual(apiEndpoints.map((e) => `${e.method} ${e.path}`).sort());
      const operationIds = new Set<string>();
      for (const endpoint of apiEndpoints) {
        const label = `${endpoint.method} ${endpoint.path}`;
        // NL API Design Rules: plural kebab-case resources, no trailing slash.
        expect(endpoint.path, label).toMatch(/^(\/([a-z0-9]+(-[a-z0-9]+)*|\{[a-zA-Z]+\}))+$/);
        expect(
          t.app.hasRoute({ method: endpoint.method, url: `/api/v1${fastifyPath(endpoint.path)}` }),
          label,
        ).toBe(true);
        const operation = paths[endpoint.path]?.[endpoint.method.toLowerCase()] as Json;
        expect(operationIds.has(String(operation.operationId)), label).toBe(false);
        operationIds.add(String(operation.operationId));
        expect(operation.security).toEqual([{ bearer: [...endpoint.scopes] }]);

        const parameters = (operation.parameters ?? []) as Json[];
        const expected = [
          ...Object.keys(endpoint.params?.shape ?? {}).map((name) => `path:${name}`),
          ...Object.keys(endpoint.query?.shape ?? {}).map((name) => `query:${name}`),
        ];
        expect(
          parameters.map((p) => `${p.in}:${p.name}`),
          label,
        ).toEqual(expected);
        for (const p of parameters) expect(p.schema, `${label} ${p.name}`).toBeTypeOf("object");

        if (endpoint.body) {
          const body = operation.requestBody as Json;
          const schema = resolve(((body.content as Json)["application/json"] as Json).schema);
          if (endpoint.body instanceof z.ZodObject)
            expect(Object.keys(schema.properties as Json).sort(), label).toEqual(
              Object.keys(endpoint.body.shape).sort(),
            );
        } else {
          expect(operation.requestBody, label).toBeUndefined();
        }

        const responses = operation.responses as Json;
        const success = responses[endpoint.response.status] as Json;
        const schema = resolve(((success.content as Json)["application/json"] as Json).schema);
        if (endpoint.response.schema instanceof z.ZodObject)
          expect(Object.keys(schema.properties as Json).sort(), label).toEqual(
            Object.keys(endpoint.response.schema.shape).sort(),
          );
        for (const status of problemStatusesOf(endpoint)) {
          const problem = resolve(responses[status]);
          const content = (problem.content as Json)["application/problem+json"] as Json;
          expect(resolve(content.schema).properties, `${label} ${status}`).toHaveProperty(
            "invalidParams",
          );
        }
      }
    });
  });

  describe("authentication", () => {
    it("answers a request without a token with 401 problem+json and a Bearer challenge", async () => {
      const res = await api("GET", "/medewerkers");
      const body = expectProblem(res, 401);
      expect(res.headers["www-authenticate"]).toBe('Bearer realm="Koers API"');
      expect(body.instance).toBe("/api/v1/medewerkers");
    });

    it("refuses an unknown or malformed token as invalid_token", async () => {
      for (const token of ["nonsense", `koers_abcdefgh_${"x".repeat(43)}`]) {
        const res = await api("GET", "/medewerkers", { token });
        expectProblem(res, 401);
        expect(res.headers["www-authenticate"]).toContain('error="invalid_token"');
      }
    });

    it("does not accept the session cookie of a signed-in person", async () => {
      const client = await signIn(t.app, adminA, "10.9.0.2");
      const res = await client.get("/api/v1/medewerkers");
      expectProblem(res, 401);
    });

    it("refuses an expired token", async () => {
      const token = await issueToken(orgA.id, ["medewerkers:lezen"], {
        expiresAt: new Date(Date.now() - 1000),
      });
      const res = await api("GET", "/medewerkers", { token });
      expectProblem(res, 401);
      expect(res.headers["www-authenticate"]).toContain('error_description="expired"');
    });

    it("answers 403 with insufficient_scope when the token lacks the endpoint's scope", async () => {
      const token = await issueToken(orgA.id, ["organisaties:lezen"]);
      const res = await api("GET", "/medewerkers", { token });
      const body = expectProblem(res, 403);
      expect(res.headers["www-authenticate"]).toContain('error="insufficient_scope"');
      expect(String(body.detail)).toContain("medewerkers:lezen");
      // The same token does work where its scope applies.
      expect((await api("GET", `/organisaties/${orgA.id}`, { token })).statusCode).toBe(200);
    });

    it("records when a token was last used, at most once a minute", async () => {
      const token = await issueToken(orgA.id, ["organisaties:lezen"]);
      const hash = hashApiToken(token);
      const lastUsed = async () =>
        (
          await t.database.db
            .select({ at: apiTokens.lastUsedAt })
            .from(apiTokens)
            .where(eq(apiTokens.tokenHash, hash))
        )[0]?.at;
      expect(await lastUsed()).toBeNull();
      await api("GET", `/organisaties/${orgA.id}`, { token });
      const first = await lastUsed();
      expect(first).toBeInstanceOf(Date);
      await api("GET", `/organisaties/${orgA.id}`, { token });
      expect((await lastUsed())?.getTime()).toBe(first?.getTime());
    });

    it("limits the rate per token, not per address", async () => {
      const busy = await issueToken(orgA.id, ["organisaties:lezen"], { name: "Druk" });
      const calm = await issueToken(orgA.id, ["organisaties:lezen"], { name: "Rustig" });
      for (let i = 0; i < RATE_LIMIT; i++) {
        const res = await api("GET", `/organisaties/${orgA.id}`, { token: busy, ip: "10.9.1.1" });
        expect(res.statusCode).toBe(200);
      }
      const limited = await api("GET", `/organisaties/${orgA.id}`, { token: busy, ip: "10.9.1.2" });
      expectProblem(limited, 429);
      expect(limited.headers["retry-after"]).toBeDefined();
      const other = await api("GET", `/organisaties/${orgA.id}`, { token: calm, ip: "10.9.1.1" });
      expect(other.statusCode).toBe(200);
    });
  });

  describe("organisations and staff", () => {
    let tokenA: string;

    beforeAll(async () => {
      tokenA = await issueToken(orgA.id, ["organisaties:lezen", "medewerkers:lezen"]);
    });

    it("returns the token's own organisation with camelCase fields and the API-Version header", async () => {
      const res = await api("GET", `/organisaties/${orgA.id}`, { token: tokenA });
      expect(res.statusCode).toBe(200);
      expect(res.headers["api-version"]).toBe(API_VERSION);
      expect(res.headers["content-type"]).toMatch(/^application\/json/);
      expect(res.json()).toEqual({
        id: orgA.id,
        kind: "gemeente",
        name: orgA.name,
        cbsCode: null,
        parentId: null,
        contactEmail: null,
      });
    });

    it("answers 404 for another organisation, exactly as for one that does not exist", async () => {
      const other = await api("GET", `/organisaties/${orgB.id}`, { token: tokenA });
      const missing = await api("GET", "/organisaties/00000000-0000-4000-8000-000000000000", {
        token: tokenA,
      });
      const a = expectProblem(other, 404);
      const b = expectProblem(missing, 404);
      expect(a.title).toBe(b.title);
      expect(other.body).not.toContain(orgB.name);
    });

    it("lists only the own organisation's staff, without newcomers, and audits the read", async () => {
      const res = await api("GET", "/medewerkers?pageSize=10", { token: tokenA });
      expect(res.statusCode).toBe(200);
      const body = res.json() as {
        data: { id: string; name: string; roles: string[] }[];
        pagination: Json;
      };
      const ids = body.data.map((m) => m.id);
      expect(ids).toEqual(expect.arrayContaining([adminA.id, consultantA.id]));
      expect(ids).not.toContain(staffB.id);
      expect(ids).not.toContain(newcomerAccountA.id);
      expect(body.data.find((m) => m.id === consultantA.id)).toEqual({
        id: consultantA.id,
        name: "Consulent A",
        status: "active",
        roles: ["consulent"],
      });
      expect(body.pagination).toEqual({ page: 1, pageSize: 10, hasNextPage: false });

      const requestId = String(res.headers["x-request-id"]);
      const [audit] = await t.database.db
        .select()
        .from(auditEvents)
        .where(eq(auditEvents.requestId, requestId));
      expect(audit).toMatchObject({
        actorKind: "api",
        action: "list",
        resourceType: "account",
        organisationId: orgA.id,
        dataClasses: ["account"],
      });
      expect(audit?.details).toMatchObject({ accountIds: expect.arrayContaining(ids) });
      expect(typeof audit?.details?.tokenId).toBe("string");
    });

    it("answers invalid parameters with 400 and invalidParams in the request's language", async () => {
      const dutch = await api("GET", "/medewerkers?pageSize=1000", { token: tokenA });
      const nl = expectProblem(dutch, 400);
      expect(nl.invalidParams).toEqual([
        { name: "pageSize", code: "too_big", reason: "Vul hoogstens 100 in." },
      ]);
      const english = await api("GET", "/organisaties/not-an-id", {
        token: tokenA,
        headers: { "accept-language": "en" },
      });
      const en = expectProblem(english, 400);
      expect(en.title).toBe("The request contains invalid data");
      expect(en.invalidParams).toEqual([
        { name: "id", code: "invalid_format", reason: "The format is not right." },
      ]);
    });

    it("has no trailing-slash twins and answers unknown paths with 404 problem+json", async () => {
      expectProblem(await api("GET", "/medewerkers/", { token: tokenA }), 404);
      expectProblem(await api("GET", "/onbekend", { token: tokenA }), 404);
    });
  });

  describe("newcomers", () => {
    let reader: string;
    let writer: string;
    let newcomerA: string;
    let newcomerB: string;

    const countNewcomers = async () =>
      (await t.database.db.select({ id: newcomers.id }).from(newcomers)).length;

    beforeAll(async () => {
      const db = t.database.db;
      reader = await issueToken(orgA.id, ["nieuwkomers:lezen"]);
      writer = await issueToken(orgA.id, ["nieuwkomers:lezen", "nieuwkomers:schrijven"]);
      const [a] = await db
        .insert(newcomers)
        .values({
          organisationId: orgA.id,
          givenNames: "Amal",
          familyName: "Haddad",
          bsn: "111222333",
          phone: "+31 6 12345678",
          targetGroup: "asielstatushouder",
          healthNotes: "Geheime gezondheidsnotitie",
        })
        .returning();
      const [b] = await db
        .insert(newcomers)
        .values({ organisationId: orgB.id, givenNames: "Bilal", familyName: "Bakri" })
        .returning();
      newcomerA = a?.id ?? "";
      newcomerB = b?.id ?? "";
    });

    it("lists only the own municipality's newcomers, with basic data only", async () => {
      const res = await api("GET", "/nieuwkomers", { token: reader });
      expect(res.statusCode).toBe(200);
      const body = res.json() as { data: Json[]; pagination: Json };
      expect(body.data.map((n) => n.id)).toEqual([newcomerA]);
      expect(body.data[0]).toMatchObject({ givenNames: "Amal", dataClasses: ["basic"] });
      expect(body.data[0]).not.toHaveProperty("bsn");
      expect(body.pagination).toEqual({ next: null });
    });

    it("shows one newcomer without health, and audits the read as the token", async () => {
      const res = await api("GET", `/nieuwkomers/${newcomerA}`, { token: reader });
      expect(res.statusCode).toBe(200);
      const body = res.json() as Json;
      expect(body).toMatchObject({
        id: newcomerA,
        bsn: "111222333",
        phone: "+31 6 12345678",
        targetGroup: "asielstatushouder",
        dataClasses: ["basic", "identity", "contact", "residence"],
      });
      expect(body).not.toHaveProperty("healthNotes");
      expect(res.body).not.toContain("Geheime gezondheidsnotitie");
      const [audit] = await t.database.db
        .select()
        .from(auditEvents)
        .where(eq(auditEvents.requestId, String(res.headers["x-request-id"])));
      expect(audit).toMatchObject({
        actorKind: "api",
        action: "read",
        subjectId: newcomerA,
        outcome: "allowed",
      });
      expect(audit?.dataClasses).not.toContain("health");
    });

    it("answers 404 for another municipality's newcomer and 403 without the scope", async () => {
      const res = await api("GET", `/nieuwkomers/${newcomerB}`, { token: reader });
      const body = expectProblem(res, 404);
      expect(JSON.stringify(body)).not.toContain("Bilal");
      const tokenOfB = await issueToken(orgB.id, ["nieuwkomers:lezen"]);
      const listOfB = (await api("GET", "/nieuwkomers", { token: tokenOfB })).json() as {
        data: Json[];
      };
      expect(listOfB.data.map((n) => n.id)).toEqual([newcomerB]);
      const staffOnly = await issueToken(orgA.id, ["medewerkers:lezen"]);
      expectProblem(await api("GET", "/nieuwkomers", { token: staffOnly }), 403);
    });

    it("registers a newcomer and answers 201 with Location", async () => {
      const res = await api("POST", "/nieuwkomers", {
        token: writer,
        body: { givenNames: "Sara", familyName: "Tesfaye", preferredLanguage: "ti" },
      });
      expect(res.statusCode).toBe(201);
      const body = res.json() as Json;
      expect(body).toMatchObject({ givenNames: "Sara", familyName: "Tesfaye" });
      expect(res.headers.location).toBe(`/api/v1/nieuwkomers/${body.id}`);
      const again = await api("GET", String(res.headers.location).replace("/api/v1", ""), {
        token: reader,
      });
      expect(again.statusCode).toBe(200);
    });

    it("refuses a malformed body with 400 and invalidParams, and creates nothing", async () => {
      const before = await countNewcomers();
      const res = await api("POST", "/nieuwkomers", {
        token: writer,
        headers: { "accept-language": "en" },
        body: { familyName: 42, email: "not an address", bsn: "123456789", nickname: "x" },
      });
      const body = expectProblem(res, 400);
      const invalid = body.invalidParams as { name: string; reason: string }[];
      expect(invalid.map((p) => p.name).sort()).toEqual(
        ["bsn", "email", "familyName", "givenNames", "nickname"].sort(),
      );
      expect(invalid.find((p) => p.name === "givenNames")?.reason).toBe("Fill in this field.");
      expect(invalid.find((p) => p.name === "nickname")?.reason).toBe("This field does not exist.");
      expect(await countNewcomers()).toBe(before);

      expectProblem(await api("POST", "/nieuwkomers", { token: writer, body: "{not json" }), 400);
      expectProblem(
        await api("POST", "/nieuwkomers", {
          token: writer,
          body: "givenNames=A",
          headers: { "content-type": "text/plain" },
        }),
        415,
      );
      expect(await countNewcomers()).toBe(before);
    });

    it("refuses a body over 256 kB with 413 problem+json", async () => {
      const before = await countNewcomers();
      const res = await api("POST", "/nieuwkomers", {
        token: writer,
        body: { givenNames: "A".repeat(300 * 1024), familyName: "B" },
      });
      expectProblem(res, 413);
      expect(await countNewcomers()).toBe(before);
    });

    it("refuses to register with a read-only token, and nothing is created", async () => {
      const before = await countNewcomers();
      const res = await api("POST", "/nieuwkomers", {
        token: reader,
        body: { givenNames: "Geen", familyName: "Recht" },
      });
      expectProblem(res, 403);
      expect(await countNewcomers()).toBe(before);
    });
  });

  describe("token administration (/beheer/api-tokens)", () => {
    it("creates a token shown once, which works until it is revoked", async () => {
      const client = await signIn(t.app, adminA, "10.9.2.1");
      const list = await client.get("/beheer/api-tokens");
      expect(list.statusCode).toBe(200);

      const created = await client.post(
        "/beheer/api-tokens/nieuw",
        { name: "Zaaksysteem", scopes: "organisaties:lezen", expires: "2999-12-31" },
        { from: "/beheer/api-tokens/nieuw" },
      );
      expect(created.statusCode).toBe(201);
      expect(created.headers["cache-control"]).toBe("no-store");
      const token = created.body.match(tokenPattern)?.[0];
      expect(token).toBeDefined();
      if (!token) return;

      // Only the hash is stored; the prefix is shown in the list, the token never again.
      const [row] = await t.database.db
        .select()
        .from(apiTokens)
        .where(and(eq(apiTokens.organisationId, orgA.id), eq(apiTokens.name, "Zaaksysteem")));
      expect(row?.tokenHash).toBe(hashApiToken(token));
      // koers_<8-character prefix>_<secret>: the secret itself may contain "_".
      expect(JSON.stringify(row)).not.toContain(token.slice("koers_".length + 9));
      expect(row?.createdBy).toBe(adminA.id);
      expect(row?.scopes).toEqual(["organisaties:lezen"]);
      const again = await client.get("/beheer/api-tokens");
      expect(again.body).toContain("Zaaksysteem");
      expect(again.body).toContain(`koers_${row?.prefix}_`);
      expect(again.body).not.toMatch(tokenPattern);

      expect((await api("GET", `/organisaties/${orgA.id}`, { token })).statusCode).toBe(200);

      const revoked = await client.post(
        `/beheer/api-tokens/${row?.id}/intrekken`,
        {},
        { from: "/beheer/api-tokens" },
      );
      expect(revoked.statusCode).toBe(303);
      const res = await api("GET", `/organisaties/${orgA.id}`, { token });
      expectProblem(res, 401);
      expect(res.headers["www-authenticate"]).toContain('error_description="revoked"');

      const audit = await t.database.db
        .select({ action: auditEvents.action, actorAccountId: auditEvents.actorAccountId })
        .from(auditEvents)
        .where(
          and(eq(auditEvents.resourceType, "api_token"), eq(auditEvents.resourceId, row?.id ?? "")),
        );
      expect(audit.map((a) => a.action).sort()).toEqual(["create", "revoke"]);
      expect(audit.every((a) => a.actorAccountId === adminA.id)).toBe(true);
    });

    it("re-shows the form with field errors when no scope is chosen or the date has passed", async () => {
      const client = await signIn(t.app, adminA, "10.9.2.2");
      const res = await client.post(
        "/beheer/api-tokens/nieuw",
        { name: "Zonder rechten", expires: "2000-01-01" },
        { from: "/beheer/api-tokens/nieuw" },
      );
      expect(res.statusCode).toBe(422);
      expect(res.body).toContain('id="veld-scopes-error">Kies minstens één recht.<');
      expect(res.body).toContain(
        'id="veld-expires-error">Kies vandaag of een datum in de toekomst.<',
      );
      expect(res.body).toContain('value="Zonder rechten"');
      const rows = await t.database.db
        .select()
        .from(apiTokens)
        .where(eq(apiTokens.name, "Zonder rechten"));
      expect(rows).toHaveLength(0);
    });

    it("refuses a forged cross-site POST (no CSRF token) and creates nothing", async () => {
      const client = await signIn(t.app, adminA, "10.9.2.3");
      const res = await client.post(
        "/beheer/api-tokens/nieuw",
        { name: "Vervalst", scopes: "medewerkers:lezen" },
        { csrf: false },
      );
      expect(res.statusCode).toBe(403);
      expect(res.body).not.toMatch(tokenPattern);
      const rows = await t.database.db
        .select()
        .from(apiTokens)
        .where(eq(apiTokens.name, "Vervalst"));
      expect(rows).toHaveLength(0);

      const token = await issueToken(orgA.id, ["organisaties:lezen"], { name: "Blijft" });
      const [row] = await t.database.db
        .select()
        .from(apiTokens)
        .where(eq(apiTokens.tokenHash, hashApiToken(token)));
      const revoke = await client.post(
        `/beheer/api-tokens/${row?.id}/intrekken`,
        {},
        { csrf: false },
      );
      expect(revoke.statusCode).toBe(403);
      expect((await api("GET", `/organisaties/${orgA.id}`, { token })).statusCode).toBe(200);
    });

    it("lets the platform administrator see every organisation's tokens and make one for another", async () => {
      const operator = await buildOrganisation(t.database.db, {
        kind: "beheer",
        name: `Koers ${kind}`,
      });
      const platformAdmin = await buildAccount(t.database.db, {
        organisationId: operator.id,
        roles: ["beheerder"],
      });
      await issueToken(orgB.id, ["organisaties:lezen"], { name: "Koppeling van B" });
      const client = await signIn(t.app, platformAdmin, "10.9.2.6");
      const list = await client.get("/beheer/api-tokens");
      expect(list.statusCode).toBe(200);
      expect(list.body).toContain("Koppeling van B");
      expect((await client.get(`/beheer/api-tokens?organisatie=${orgA.id}`)).body).not.toContain(
        "Koppeling van B",
      );
      const created = await client.post(
        "/beheer/api-tokens/nieuw",
        { name: "Door beheer voor B", scopes: "organisaties:lezen", organisationId: orgB.id },
        { from: "/beheer/api-tokens/nieuw" },
      );
      expect(created.statusCode).toBe(201);
      const token = created.body.match(tokenPattern)?.[0] ?? "";
      const res = await api("GET", `/organisaties/${orgB.id}`, { token });
      expect(res.statusCode).toBe(200);
      expect((await api("GET", `/organisaties/${operator.id}`, { token })).statusCode).toBe(404);
    });

    it("keeps organisations apart and refuses people who are not beheerder", async () => {
      const tokenOfB = await issueToken(orgB.id, ["organisaties:lezen"], { name: "Token van B" });
      const [rowB] = await t.database.db
        .select()
        .from(apiTokens)
        .where(eq(apiTokens.tokenHash, hashApiToken(tokenOfB)));
      const admin = await signIn(t.app, adminA, "10.9.2.4");
      expect((await admin.get("/beheer/api-tokens")).body).not.toContain("Token van B");
      const revoke = await admin.post(
        `/beheer/api-tokens/${rowB?.id}/intrekken`,
        {},
        { from: "/beheer/api-tokens" },
      );
      expect(revoke.statusCode).toBe(403);
      expect((await api("GET", `/organisaties/${orgB.id}`, { token: tokenOfB })).statusCode).toBe(
        200,
      );

      const consultant = await signIn(t.app, consultantA, "10.9.2.5");
      expect((await consultant.get("/beheer/api-tokens")).statusCode).toBe(403);
      expect((await consultant.get("/beheer/api-tokens/nieuw")).statusCode).toBe(403);
    });
  });
});
