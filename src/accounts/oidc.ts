import { and, asc, eq, ne, sql } from "drizzle-orm";
import * as client from "openid-client";
import { type AuditContext, recordAudit } from "../audit/record.ts";
import { organisations } from "../organisations/schema.ts";
import {
  type Actor,
  createAuthorizer,
  hasRole,
  hasSecondFactor,
  isOrganisationAdministrator,
  isPlatformAdministrator,
} from "../platform/authz/index.ts";
import type { Db, DbOrTx } from "../platform/db/client.ts";
import { findAccountByEmail } from "./queries.ts";
import {
  accountIdentities,
  accounts,
  type DigidLevel,
  type IdentityProviderPurpose,
  identityProviders,
  memberships,
} from "./schema.ts";

// Signing in through an organisation's own OpenID Connect identity provider, and configuring one.
// The provider is trusted for strong authentication: see docs/decisions/0008-openid-connect.md.

export type IdentityProviderRow = typeof identityProviders.$inferSelect;

/** A provider people can choose on the sign-in page. */
export interface ProviderChoice {
  id: string;
  name: string;
  organisationName: string;
}

/**
 * Identity providers people can choose on the sign-in page: staff providers by name, DigiD
 * brokers by their municipality's name (one enabled broker per municipality).
 */
export async function enabledProviders(
  db: DbOrTx,
  purpose: IdentityProviderPurpose = "staff",
): Promise<ProviderChoice[]> {
  return db
    .select({
      id: identityProviders.id,
      name: identityProviders.name,
      organisationName: organisations.name,
    })
    .from(identityProviders)
    .innerJoin(organisations, eq(organisations.id, identityProviders.organisationId))
    .where(and(eq(identityProviders.enabled, true), eq(identityProviders.purpose, purpose)))
    .orderBy(
      purpose === "digid" ? asc(organisations.name) : asc(identityProviders.name),
      asc(identityProviders.name),
    );
}

// ---------------------------------------------------------------------------------------------
// Rules (pure)

/** The domain part of an e-mail address, lower-cased; undefined when it has none. */
export function emailDomainOf(email: string): string | undefined {
  const at = email.lastIndexOf("@");
  return at > 0 && at < email.length - 1 ? email.slice(at + 1).toLowerCase() : undefined;
}

/** "@Ede.NL " → "ede.nl": how a configured e-mail domain is stored and compared. */
export function normaliseEmailDomain(value: string): string {
  return value.trim().replace(/^@/, "").toLowerCase();
}

const loopbackHosts = new Set(["localhost", "127.0.0.1", "[::1]"]);

/**
 * Whether an issuer URL may be used: https, or plain http on this machine outside production
 * (a local test provider). Returns an i18n key for the problem, or undefined.
 */
export function issuerProblem(issuer: string, allowLoopbackHttp: boolean): string | undefined {
  let url: URL;
  try {
    url = new URL(issuer);
  } catch {
    return "oidc:errors.issuer";
  }
  if (url.search || url.hash || url.username || url.password) return "oidc:errors.issuer";
  if (url.protocol === "https:") return undefined;
  if (url.protocol === "http:" && allowLoopbackHttp && loopbackHosts.has(url.hostname))
    return undefined;
  return "oidc:errors.issuer";
}

// ---------------------------------------------------------------------------------------------
// Policy: who may configure identity providers

export interface ProviderResource {
  organisationId: string;
  /** The kind of the provider's organisation ("gemeente", …); DigiD is for municipalities only. */
  organisationKind: string | undefined;
  purpose: IdentityProviderPurpose;
}

/** A DigiD broker belongs to a municipality: the newcomers it signs in are that municipality's. */
const mayHold = (r: ProviderResource) => r.purpose === "staff" || r.organisationKind === "gemeente";

const providerPolicy = {
  /** The overview: the platform administrator sees every provider, a beheerder their own organisation's. */
  list: (a: Actor, _r: Record<string, never>) =>
    hasSecondFactor(a) && (isPlatformAdministrator(a) || hasRole(a, "beheerder")),
  /**
   * Whether the actor adds providers of this purpose at all (the button and the form): the
   * platform administrator for any organisation, a beheerder for their own — a DigiD broker only
   * when that is a municipality. Saving checks `create` for the organisation chosen.
   */
  add: (a: Actor, r: { purpose: IdentityProviderPurpose }) =>
    hasSecondFactor(a) &&
    (isPlatformAdministrator(a) ||
      (a.kind === "staff" &&
        hasRole(a, "beheerder") &&
        mayHold({
          ...r,
          organisationId: a.organisationId ?? "",
          organisationKind: a.organisationKind,
        }))),
  create: (a: Actor, r: ProviderResource) =>
    hasSecondFactor(a) && isOrganisationAdministrator(a, r.organisationId) && mayHold(r),
  update: (a: Actor, r: ProviderResource) =>
    hasSecondFactor(a) && isOrganisationAdministrator(a, r.organisationId) && mayHold(r),
};

export const identityProviderAuthz = createAuthorizer(providerPolicy);

// ---------------------------------------------------------------------------------------------
// Queries and presenters

/** What a page may show of a provider: never the client secret. */
export interface ProviderView {
  id: string;
  name: string;
  organisationId: string;
  organisationName: string;
  organisationKind: string;
  issuer: string;
  clientId: string;
  emailDomain: string;
  enabled: boolean;
  purpose: IdentityProviderPurpose;
  /** DigiD only (empty or null for staff providers). */
  bsnClaim: string;
  minimumLevel: DigidLevel | null;
  acrMapping: Record<DigidLevel, string[]> | null;
  extraScopes: string;
}

const providerColumns = {
  id: identityProviders.id,
  name: identityProviders.name,
  organisationId: identityProviders.organisationId,
  organisationName: organisations.name,
  organisationKind: organisations.kind,
  issuer: identityProviders.issuer,
  clientId: identityProviders.clientId,
  emailDomain: identityProviders.emailDomain,
  enabled: identityProviders.enabled,
  purpose: identityProviders.purpose,
  bsnClaim: identityProviders.bsnClaim,
  minimumLevel: identityProviders.minimumLevel,
  acrMapping: identityProviders.acrMapping,
  extraScopes: identityProviders.extraScopes,
};

function present(
  row: Omit<ProviderView, "emailDomain" | "bsnClaim" | "extraScopes" | "organisationKind"> & {
    emailDomain: string | null;
    bsnClaim: string | null;
    extraScopes: string | null;
    organisationKind: string;
  },
) {
  return {
    ...row,
    emailDomain: row.emailDomain ?? "",
    bsnClaim: row.bsnClaim ?? "",
    extraScopes: row.extraScopes ?? "",
  } satisfies ProviderView;
}

/** The providers the actor may see: all for the platform administrator, else their organisation's. */
export async function listProviders(db: DbOrTx, actor: Actor): Promise<ProviderView[]> {
  const rows = await db
    .select(providerColumns)
    .from(identityProviders)
    .innerJoin(organisations, eq(organisations.id, identityProviders.organisationId))
    .where(
      isPlatformAdministrator(actor)
        ? undefined
        : eq(identityProviders.organisationId, actor.organisationId ?? sql`null`),
    )
    .orderBy(asc(organisations.name), asc(identityProviders.name));
  return rows.map(present);
}

export async function findProviderView(db: DbOrTx, id: string): Promise<ProviderView | undefined> {
  const [row] = await db
    .select(providerColumns)
    .from(identityProviders)
    .innerJoin(organisations, eq(organisations.id, identityProviders.organisationId))
    .where(eq(identityProviders.id, id));
  return row && present(row);
}

/** The full row, secret included: only for talking to the provider, never for a page. */
export async function findProvider(
  db: DbOrTx,
  id: string,
): Promise<IdentityProviderRow | undefined> {
  const [row] = await db.select().from(identityProviders).where(eq(identityProviders.id, id));
  return row;
}

/**
 * Organisations the platform administrator can choose from when adding a provider: for a DigiD
 * broker, municipalities only.
 */
export async function organisationChoices(
  db: DbOrTx,
  purpose: IdentityProviderPurpose = "staff",
): Promise<{ id: string; name: string; kind: string }[]> {
  return db
    .select({ id: organisations.id, name: organisations.name, kind: organisations.kind })
    .from(organisations)
    .where(purpose === "digid" ? eq(organisations.kind, "gemeente") : undefined)
    .orderBy(asc(organisations.name));
}

/** Another enabled DigiD broker of the organisation than `exceptId`, if there is one. */
export async function otherEnabledDigidProvider(
  db: DbOrTx,
  organisationId: string,
  exceptId?: string,
): Promise<{ id: string; name: string } | undefined> {
  const [row] = await db
    .select({ id: identityProviders.id, name: identityProviders.name })
    .from(identityProviders)
    .where(
      and(
        eq(identityProviders.organisationId, organisationId),
        eq(identityProviders.purpose, "digid"),
        eq(identityProviders.enabled, true),
        exceptId ? ne(identityProviders.id, exceptId) : undefined,
      ),
    )
    .limit(1);
  return row;
}

// ---------------------------------------------------------------------------------------------
// Commands: configuring a provider

const configurationAudit = {
  purpose: "beveiliging",
  legalBasis: "beveiliging",
  dataClasses: [],
  resourceType: "identity_provider",
} as const;

export interface ProviderInput {
  name: string;
  issuer: string;
  clientId: string;
  /** Staff providers; ignored for DigiD. */
  emailDomain: string;
  /** DigiD brokers; ignored for staff providers. */
  digid?: DigidSettings | undefined;
}

/** What a DigiD broker needs besides the OpenID Connect client (decision 0017). */
export interface DigidSettings {
  bsnClaim: string;
  minimumLevel: DigidLevel;
  acrMapping: Record<DigidLevel, string[]>;
  extraScopes: string;
}

/** The columns a provider's purpose-specific settings fill (the others stay empty). */
function purposeColumns(purpose: IdentityProviderPurpose, input: ProviderInput) {
  if (purpose === "staff")
    return { emailDomain: normaliseEmailDomain(input.emailDomain), bsnClaim: null };
  if (!input.digid) throw new Error("DigiD settings missing");
  return {
    emailDomain: null,
    bsnClaim: input.digid.bsnClaim,
    minimumLevel: input.digid.minimumLevel,
    acrMapping: input.digid.acrMapping,
    extraScopes: input.digid.extraScopes || null,
  };
}

/** Thrown when enabling a second DigiD broker for one municipality. */
export class DigidProviderConflict extends Error {
  constructor(readonly existingName: string) {
    super("another DigiD broker is enabled");
    this.name = "DigidProviderConflict";
  }
}

export async function createProvider(
  db: Db,
  ctx: AuditContext,
  input: ProviderInput & {
    organisationId: string;
    clientSecret: string;
    purpose?: IdentityProviderPurpose;
  },
): Promise<string> {
  const purpose = input.purpose ?? "staff";
  return db.transaction(async (tx) => {
    if (purpose === "digid") {
      const other = await otherEnabledDigidProvider(tx, input.organisationId);
      if (other) throw new DigidProviderConflict(other.name);
    }
    const [row] = await tx
      .insert(identityProviders)
      .values({
        organisationId: input.organisationId,
        name: input.name,
        issuer: input.issuer,
        clientId: input.clientId,
        clientSecret: input.clientSecret,
        purpose,
        ...purposeColumns(purpose, input),
        enabled: true,
      })
      .returning({ id: identityProviders.id });
    if (!row) throw new Error("insert failed");
    await recordAudit(tx, ctx, {
      ...configurationAudit,
      action: "create",
      resourceId: row.id,
      organisationId: input.organisationId,
      details: { issuer: input.issuer, purpose, ...digidAuditDetails(input.digid, purpose) },
    });
    return row.id;
  });
}

/** What the audit trail keeps of DigiD settings: enough to see when the bar was lowered. */
function digidAuditDetails(digid: DigidSettings | undefined, purpose: IdentityProviderPurpose) {
  return purpose === "digid" && digid
    ? { bsnClaim: digid.bsnClaim, minimumLevel: digid.minimumLevel }
    : {};
}

/**
 * Saves changed settings. The client secret is only replaced when a new one is given; the
 * purpose is fixed when the provider is added.
 */
export async function updateProvider(
  db: Db,
  ctx: AuditContext,
  id: string,
  input: ProviderInput & { clientSecret?: string | undefined },
): Promise<void> {
  await db.transaction(async (tx) => {
    const [current] = await tx
      .select({ purpose: identityProviders.purpose })
      .from(identityProviders)
      .where(eq(identityProviders.id, id))
      .for("update");
    if (!current) throw new Error("provider not found");
    const [row] = await tx
      .update(identityProviders)
      .set({
        name: input.name,
        issuer: input.issuer,
        clientId: input.clientId,
        ...purposeColumns(current.purpose, input),
        ...(input.clientSecret ? { clientSecret: input.clientSecret } : {}),
      })
      .where(eq(identityProviders.id, id))
      .returning({ organisationId: identityProviders.organisationId });
    if (!row) throw new Error("provider not found");
    await recordAudit(tx, ctx, {
      ...configurationAudit,
      action: "update",
      resourceId: id,
      organisationId: row.organisationId,
      details: {
        issuer: input.issuer,
        secretReplaced: !!input.clientSecret,
        ...digidAuditDetails(input.digid, current.purpose),
      },
    });
  });
}

export async function setProviderEnabled(
  db: Db,
  ctx: AuditContext,
  id: string,
  enabled: boolean,
): Promise<void> {
  await db.transaction(async (tx) => {
    const [current] = await tx
      .select({
        organisationId: identityProviders.organisationId,
        purpose: identityProviders.purpose,
      })
      .from(identityProviders)
      .where(eq(identityProviders.id, id))
      .for("update");
    if (enabled && current?.purpose === "digid") {
      const other = await otherEnabledDigidProvider(tx, current.organisationId, id);
      if (other) throw new DigidProviderConflict(other.name);
    }
    const [row] = await tx
      .update(identityProviders)
      .set({ enabled })
      .where(eq(identityProviders.id, id))
      .returning({ organisationId: identityProviders.organisationId });
    if (!row) throw new Error("provider not found");
    await recordAudit(tx, ctx, {
      ...configurationAudit,
      action: enabled ? "enable" : "disable",
      resourceId: id,
      organisationId: row.organisationId,
    });
  });
}

// ---------------------------------------------------------------------------------------------
// The protocol: discovery, the authorization request, the callback

interface CachedMetadata {
  metadata: client.ServerMetadata;
  fetchedAt: number;
}

const metadataTtlMs = 60 * 60_000;
/** Discovered provider metadata per issuer; JSON Web Key Sets per issuer alongside. */
const metadataCache = new Map<string, Promise<CachedMetadata>>();
const jwksCache = new Map<string, client.ExportedJWKSCache>();

export interface ProtocolOptions {
  /** Plain http to a provider on this machine (tests, local development). Never in production. */
  allowLoopbackHttp: boolean;
}

async function discover(
  provider: Pick<IdentityProviderRow, "issuer" | "clientId" | "clientSecret">,
  options: ProtocolOptions,
): Promise<client.ServerMetadata> {
  const cached = metadataCache.get(provider.issuer);
  if (cached) {
    const entry = await cached.catch(() => undefined);
    if (entry && Date.now() - entry.fetchedAt < metadataTtlMs) return entry.metadata;
    if (metadataCache.get(provider.issuer) === cached) metadataCache.delete(provider.issuer);
  }
  const insecure = insecureFor(provider.issuer, options);
  const pending = client
    .discovery(new URL(provider.issuer), provider.clientId, provider.clientSecret, undefined, {
      ...(insecure ? { execute: [client.allowInsecureRequests] } : {}),
      timeout: 10,
    })
    .then((c) => ({ metadata: { ...c.serverMetadata() }, fetchedAt: Date.now() }));
  metadataCache.set(provider.issuer, pending);
  // A failed discovery is not cached: the next sign-in tries again.
  pending.catch(() => {
    if (metadataCache.get(provider.issuer) === pending) metadataCache.delete(provider.issuer);
  });
  return (await pending).metadata;
}

function insecureFor(issuer: string, options: ProtocolOptions): boolean {
  return (
    issuerProblem(issuer, options.allowLoopbackHttp) === undefined && issuer.startsWith("http:")
  );
}

/** A client configuration for one provider, from cached metadata (discovering it when needed). */
async function configurationFor(
  provider: Pick<IdentityProviderRow, "issuer" | "clientId" | "clientSecret">,
  options: ProtocolOptions,
): Promise<client.Configuration> {
  if (issuerProblem(provider.issuer, options.allowLoopbackHttp))
    throw new Error("issuer not allowed");
  const metadata = await discover(provider, options);
  // client_secret_basic is OpenID Connect's default; some providers only offer client_secret_post.
  const methods = metadata.token_endpoint_auth_methods_supported;
  const auth =
    methods && !methods.includes("client_secret_basic") && methods.includes("client_secret_post")
      ? client.ClientSecretPost(provider.clientSecret)
      : client.ClientSecretBasic(provider.clientSecret);
  const config = new client.Configuration(metadata, provider.clientId, undefined, auth);
  if (insecureFor(provider.issuer, options)) client.allowInsecureRequests(config);
  config.timeout = 10;
  const keys = jwksCache.get(provider.issuer);
  if (keys) client.setJwksCache(config, keys);
  return config;
}

/** Whether Koers can discover an OpenID Connect provider at this issuer (checked when saving). */
export async function canDiscover(
  provider: Pick<IdentityProviderRow, "issuer" | "clientId" | "clientSecret">,
  options: ProtocolOptions,
): Promise<boolean> {
  try {
    await configurationFor(provider, options);
    return true;
  } catch {
    return false;
  }
}

/** What the browser's session keeps between the redirect to the provider and the callback. */
export interface PendingSignIn {
  providerId: string;
  state: string;
  nonce: string;
  codeVerifier: string;
}

/** What to ask the provider for: staff providers get "openid email", DigiD brokers their own. */
export interface AuthorizationRequest {
  scope: string;
  /**
   * acr_values to ask for, given the provider's acr_values_supported (a request, not a guarantee:
   * the answer is checked either way). Returns an empty list to send none.
   */
  acrValues?: (supported: readonly string[] | undefined) => string[];
}

/** Builds the authorization request (code flow with PKCE, state and nonce). */
export async function beginSignIn(
  provider: IdentityProviderRow,
  redirectUri: string,
  options: ProtocolOptions,
  request: AuthorizationRequest = { scope: "openid email" },
): Promise<{ url: URL; pending: PendingSignIn }> {
  const config = await configurationFor(provider, options);
  const acrValues = request.acrValues?.(config.serverMetadata().acr_values_supported) ?? [];
  const pending: PendingSignIn = {
    providerId: provider.id,
    state: client.randomState(),
    nonce: client.randomNonce(),
    codeVerifier: client.randomPKCECodeVerifier(),
  };
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: redirectUri,
    scope: request.scope,
    response_type: "code",
    state: pending.state,
    nonce: pending.nonce,
    code_challenge: await client.calculatePKCECodeChallenge(pending.codeVerifier),
    code_challenge_method: "S256",
    ...(acrValues.length > 0 ? { acr_values: acrValues.join(" ") } : {}),
  });
  return { url, pending };
}

/** Who the provider says signed in. */
export interface VerifiedIdentity {
  issuer: string;
  subject: string;
  email: string | undefined;
  emailVerified: boolean;
}

/** A checked answer: the ID token's issuer and subject, and its claims. */
export interface VerifiedClaims {
  issuer: string;
  subject: string;
  /**
   * The ID token's claims, plus those of `wanted` that only the UserInfo endpoint gave
   * (fetched with the same access token; openid-client checks that its `sub` is the ID token's).
   */
  claims: Record<string, unknown>;
}

/**
 * Checks the provider's answer (state, PKCE, the ID token's signature, issuer, audience and nonce)
 * with openid-client, and returns its claims. Claims in `wanted` that the ID token lacks are
 * looked up at the UserInfo endpoint, when the provider has one. Throws when anything does not
 * check out.
 */
export async function completeAuthorization(
  provider: IdentityProviderRow,
  pending: PendingSignIn,
  callbackUrl: URL,
  options: ProtocolOptions,
  wanted: readonly string[],
): Promise<VerifiedClaims> {
  const config = await configurationFor(provider, options);
  const tokens = await client.authorizationCodeGrant(config, callbackUrl, {
    expectedState: pending.state,
    expectedNonce: pending.nonce,
    pkceCodeVerifier: pending.codeVerifier,
    idTokenExpected: true,
  });
  const keys = client.getJwksCache(config);
  if (keys) jwksCache.set(provider.issuer, keys);
  const idToken = tokens.claims();
  if (!idToken) throw new Error("no ID token");
  const claims: Record<string, unknown> = { ...idToken };
  const missing = wanted.filter((name) => !Object.hasOwn(claims, name));
  if (missing.length > 0 && config.serverMetadata().userinfo_endpoint) {
    const info = await client.fetchUserInfo(config, tokens.access_token, idToken.sub);
    // The ID token's own claims (iss, aud, nonce, acr…) are never overwritten by UserInfo.
    for (const name of missing) if (Object.hasOwn(info, name)) claims[name] = info[name];
  }
  return { issuer: idToken.iss, subject: idToken.sub, claims };
}

/**
 * Checks the provider's answer and returns who signed in. The e-mail address comes from the ID
 * token, or from the UserInfo endpoint when the provider keeps it there.
 */
export async function completeSignIn(
  provider: IdentityProviderRow,
  pending: PendingSignIn,
  callbackUrl: URL,
  options: ProtocolOptions,
): Promise<VerifiedIdentity> {
  const { issuer, subject, claims } = await completeAuthorization(
    provider,
    pending,
    callbackUrl,
    options,
    ["email", "email_verified"],
  );
  const email = typeof claims.email === "string" ? claims.email : undefined;
  return { issuer, subject, email, emailVerified: claims.email_verified === true };
}

// ---------------------------------------------------------------------------------------------
// Commands: signing in with a verified identity

const security = {
  purpose: "beveiliging",
  legalBasis: "beveiliging",
  dataClasses: ["account"],
  resourceType: "account",
  action: "sign_in",
} as const;

/** Why a sign-in through a provider was refused (recorded in the audit trail, never shown). */
export type OidcRefusal =
  | "invalid_response"
  | "provider_disabled"
  | "email_not_verified"
  | "outside_domain"
  | "no_account"
  | "no_membership"
  | "account_disabled"
  | "other_subject_linked";

export type OidcSignInResult =
  | { outcome: "ok"; accountId: string; epoch: number; linked: boolean }
  | { outcome: "refused"; reason: OidcRefusal; accountId?: string };

/** Records a refused sign-in through a provider (e.g. a bad or tampered answer). */
export async function recordOidcRefusal(
  db: Db,
  ctx: AuditContext,
  provider: Pick<IdentityProviderRow, "id" | "organisationId">,
  reason: OidcRefusal,
  accountId?: string,
): Promise<void> {
  await db.transaction(async (tx) => {
    await recordAudit(tx, ctx, {
      ...security,
      subjectKind: accountId ? "account" : undefined,
      subjectId: accountId,
      organisationId: provider.organisationId,
      outcome: "denied",
      details: { step: "oidc", providerId: provider.id, reason },
    });
  });
}

/**
 * Finds the account for an identity the provider vouched for: by the linked (issuer, subject),
 * else by a verified e-mail address in the provider's domain of an account that is a member of
 * the provider's organisation, which is then linked. Never creates an account. An invited account
 * becomes active: the provider proved the address, as the invitation link would have.
 */
export async function signInWithIdentity(
  db: Db,
  ctx: AuditContext,
  provider: IdentityProviderRow,
  identity: VerifiedIdentity,
): Promise<OidcSignInResult> {
  const result = await db.transaction(async (tx): Promise<OidcSignInResult> => {
    const match = await matchAccount(tx, provider, identity);
    if (match.outcome === "refused") return match;
    const { account, linked } = match;
    if (account.status === "disabled")
      return { outcome: "refused", reason: "account_disabled", accountId: account.id };
    if (!(await isMember(tx, account.id, provider.organisationId)))
      return { outcome: "refused", reason: "no_membership", accountId: account.id };
    if (!linked) {
      await tx.insert(accountIdentities).values({
        accountId: account.id,
        organisationId: provider.organisationId,
        issuer: identity.issuer,
        subject: identity.subject,
      });
    }
    if (account.status === "invited") {
      await tx
        .update(accounts)
        .set({ status: "active", updatedAt: new Date() })
        .where(eq(accounts.id, account.id));
    }
    await recordAudit(
      tx,
      { ...ctx, actor: { ...ctx.actor, accountId: account.id } },
      {
        ...security,
        subjectKind: "account",
        subjectId: account.id,
        organisationId: provider.organisationId,
        details: { step: "oidc", providerId: provider.id, linkedNow: !linked },
      },
    );
    return { outcome: "ok", accountId: account.id, epoch: account.sessionEpoch, linked };
  });
  if (result.outcome === "refused")
    await recordOidcRefusal(db, ctx, provider, result.reason, result.accountId);
  return result;
}

type AccountMatch =
  | { outcome: "found"; account: typeof accounts.$inferSelect; linked: boolean }
  | { outcome: "refused"; reason: OidcRefusal };

async function matchAccount(
  tx: DbOrTx,
  provider: IdentityProviderRow,
  identity: VerifiedIdentity,
): Promise<AccountMatch> {
  const [linked] = await tx
    .select({ account: accounts })
    .from(accountIdentities)
    .innerJoin(accounts, eq(accounts.id, accountIdentities.accountId))
    .where(
      and(
        eq(accountIdentities.issuer, identity.issuer),
        eq(accountIdentities.subject, identity.subject),
      ),
    );
  if (linked) return { outcome: "found", account: linked.account, linked: true };
  if (!identity.email || !identity.emailVerified)
    return { outcome: "refused", reason: "email_not_verified" };
  const domain = provider.emailDomain ? normaliseEmailDomain(provider.emailDomain) : undefined;
  if (!domain || emailDomainOf(identity.email) !== domain)
    return { outcome: "refused", reason: "outside_domain" };
  const account = await findAccountByEmail(tx, identity.email);
  if (!account) return { outcome: "refused", reason: "no_account" };
  // A second subject at the same provider claiming this address (a reassigned mailbox, say) is
  // not linked silently: the first link stays the only way in until a beheerder removes it.
  const [other] = await tx
    .select({ id: accountIdentities.id })
    .from(accountIdentities)
    .where(
      and(
        eq(accountIdentities.accountId, account.id),
        eq(accountIdentities.issuer, identity.issuer),
      ),
    );
  if (other) return { outcome: "refused", reason: "other_subject_linked" };
  return { outcome: "found", account, linked: false };
}

async function isMember(tx: DbOrTx, accountId: string, organisationId: string): Promise<boolean> {
  const [row] = await tx
    .select({ id: memberships.id })
    .from(memberships)
    .where(
      and(eq(memberships.accountId, accountId), eq(memberships.organisationId, organisationId)),
    )
    .limit(1);
  return !!row;
}
