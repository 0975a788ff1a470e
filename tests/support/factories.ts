import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import type { FastifyInstance } from "fastify";
import {
  accounts,
  createAccount,
  currentTotp,
  newTotpSecret,
  type Role,
} from "../../src/accounts/index.ts";
import { newcomers } from "../../src/newcomers/index.ts";
import { type OrganisationKind, organisations } from "../../src/organisations/index.ts";
import type { Db } from "../../src/platform/db/client.ts";
import { databaseOf } from "./app.ts";
import { TestClient } from "./client.ts";

export const TEST_PASSWORD = "correct horse battery staple";

const unique = () => randomBytes(4).toString("hex");

/** An organisation with sensible defaults. */
export async function buildOrganisation(
  db: Db,
  overrides: Partial<typeof organisations.$inferInsert> & { kind?: OrganisationKind } = {},
) {
  const [org] = await db
    .insert(organisations)
    .values({ kind: "gemeente", name: `Gemeente Test ${unique()}`, ...overrides })
    .returning();
  if (!org) throw new Error("insert failed");
  return org;
}

export interface TestAccount {
  id: string;
  email: string;
  password: string;
  totpSecret: string;
  organisationId: string;
}

/** An active account with a role in an organisation, TOTP already set up. */
export async function buildAccount(
  db: Db,
  overrides: {
    organisationId: string;
    roles?: Role[];
    email?: string;
    name?: string;
    totp?: boolean;
  },
): Promise<TestAccount> {
  const email = overrides.email ?? `${unique()}@test.koers`;
  const totpSecret = newTotpSecret();
  const id = await createAccount(db, {
    email,
    name: overrides.name ?? "Test Persoon",
    organisationId: overrides.organisationId,
    roles: overrides.roles ?? ["consulent"],
    password: TEST_PASSWORD,
    ...(overrides.totp === false ? {} : { totpSecret }),
  });
  return {
    id,
    email,
    password: TEST_PASSWORD,
    totpSecret,
    organisationId: overrides.organisationId,
  };
}

/** Signs in through the real pages (password, then the TOTP code) and returns the client. */
const lastStepUsed = new Map<string, number>();

/**
 * A code Koers has not accepted yet for this secret: Koers takes each 30-second step once
 * (RFC 6238 §5.2) and accepts one step either side of now, so a test that posts codes for one
 * account again and again gets the next step, and waits for the clock after two in 30 s.
 * Only for sign-ins through this helper: a test that also types currentTotp() must not mix them.
 */
export async function unusedTotp(secret: string): Promise<string> {
  const period = 30_000;
  // Never the step before now: the server's clock may pass into the next step meanwhile.
  const step = Math.max(Math.floor(Date.now() / period), (lastStepUsed.get(secret) ?? 0) + 1);
  // The step is accepted from (step - 1) * period on.
  const wait = (step - 1) * period - Date.now();
  if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait + 50));
  lastStepUsed.set(secret, step);
  return currentTotp(secret, step * period);
}

/** The current code, remembered as used so a later unusedTotp() picks a later one. */
function signInTotp(secret: string): string {
  const step = Math.floor(Date.now() / 30_000);
  lastStepUsed.set(secret, Math.max(lastStepUsed.get(secret) ?? 0, step));
  return currentTotp(secret, step * 30_000);
}

export async function signIn(
  app: FastifyInstance,
  account: TestAccount,
  ip?: string,
): Promise<TestClient> {
  const client = new TestClient(app, ip);
  const res = await client.post(
    "/inloggen",
    { email: account.email, password: account.password },
    { from: "/inloggen" },
  );
  if (res.statusCode !== 303) throw new Error(`sign-in failed: ${res.statusCode}`);
  if (res.headers.location === "/inloggen/code") {
    // Set-up, not the behaviour under test: forget the account's last used code so a test can sign
    // one account in as often as it likes without waiting for the clock (the replay rule itself
    // is tested in tests/http/signin.test.ts, without this).
    const database = databaseOf.get(app);
    if (database)
      await database.db
        .update(accounts)
        .set({ totpLastStep: null })
        .where(eq(accounts.id, account.id));
    const code = await client.post(
      "/inloggen/code",
      { code: database ? signInTotp(account.totpSecret) : await unusedTotp(account.totpSecret) },
      { from: "/inloggen/code" },
    );
    if (code.statusCode !== 303) throw new Error(`second factor failed: ${code.statusCode}`);
  }
  return client;
}

export async function organisationById(db: Db, id: string) {
  const [org] = await db.select().from(organisations).where(eq(organisations.id, id));
  return org;
}

/**
 * A newcomer's record held by an organisation, inserted directly (no audit record: test setup,
 * not a use case). Gives a valid, unique BSN unless one is passed.
 */
export async function buildNewcomer(
  db: Db,
  overrides: Partial<typeof newcomers.$inferInsert> & { organisationId: string },
) {
  const [row] = await db
    .insert(newcomers)
    .values({
      givenNames: "Test",
      familyName: `Nieuwkomer ${unique()}`,
      birthDate: "1990-01-01",
      bsn: validBsn(),
      preferredLanguage: "nl",
      ...overrides,
    })
    .returning();
  if (!row) throw new Error("insert failed");
  return row;
}

const issuedBsns = new Set<string>();
/**
 * A BSN that passes the 11-check and that this test process has not handed out before (random
 * ones collide: 2,000 of them share one about once in fifty runs, which made an import test flaky).
 */
export function validBsn(): string {
  for (;;) {
    const n = Number.parseInt(randomBytes(4).toString("hex"), 16) % 1e8;
    const first8 = String(n).padStart(8, "0");
    let sum = 0;
    for (let i = 0; i < 8; i++) sum += (9 - i) * Number(first8[i]);
    const last = sum % 11;
    const bsn = `${first8}${last}`;
    if (last < 10 && first8 !== "00000000" && !issuedBsns.has(bsn)) {
      issuedBsns.add(bsn);
      return bsn;
    }
  }
}
