import { sql } from "drizzle-orm";
import {
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { organisations } from "../organisations/schema.ts";

/** Roles a person holds per organisation (issue 2). */
export const roles = [
  "beheerder",
  "consulent",
  "teamleider",
  "procesbegeleider",
  "partnermedewerker",
  "sleutelpersoon",
  "nieuwkomer",
] as const;
export type Role = (typeof roles)[number];
export const roleEnum = pgEnum("role", roles);

export const accountStatus = pgEnum("account_status", ["invited", "active", "disabled"]);

/** A person who can sign in. Their organisations and roles are in memberships. */
export const accounts = pgTable(
  "accounts",
  {
    id: uuid().primaryKey().defaultRandom(),
    /** The organisation that manages this account (invited it). */
    organisationId: uuid()
      .notNull()
      .references(() => organisations.id),
    email: text().notNull(),
    name: text().notNull(),
    passwordHash: text(),
    status: accountStatus().notNull().default("invited"),
    locale: text().notNull().default("nl"),
    totpSecret: text(),
    totpEnabledAt: timestamp({ withTimezone: true }),
    /** The time step of the last code accepted: a code is good once (RFC 6238 §5.2). */
    totpLastStep: integer(),
    failedSignIns: integer().notNull().default(0),
    lockedUntil: timestamp({ withTimezone: true }),
    /** Bumped by "sign out everywhere" and password changes: older sessions stop working. */
    sessionEpoch: integer().notNull().default(0),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    version: integer().notNull().default(1),
  },
  (t) => [uniqueIndex("accounts_email_unique").on(sql`lower(${t.email})`)],
);

export const memberships = pgTable(
  "memberships",
  {
    id: uuid().primaryKey().defaultRandom(),
    accountId: uuid()
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    organisationId: uuid()
      .notNull()
      .references(() => organisations.id),
    role: roleEnum().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("memberships_unique").on(t.accountId, t.organisationId, t.role),
    index("memberships_organisation").on(t.organisationId),
  ],
);

/** Server-side sessions (the cookie holds only a signed id). */
export const sessions = pgTable(
  "sessions",
  {
    id: text().primaryKey(),
    accountId: uuid().references(() => accounts.id, { onDelete: "cascade" }),
    organisationId: uuid().references(() => organisations.id),
    data: jsonb().notNull().$type<Record<string, unknown>>(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [index("sessions_account").on(t.accountId), index("sessions_expires").on(t.expiresAt)],
);

export const recoveryCodes = pgTable("recovery_codes", {
  id: uuid().primaryKey().defaultRandom(),
  accountId: uuid()
    .notNull()
    .references(() => accounts.id, { onDelete: "cascade" }),
  organisationId: uuid()
    .notNull()
    .references(() => organisations.id),
  codeHash: text().notNull(),
  usedAt: timestamp({ withTimezone: true }),
});

export const tokenPurpose = pgEnum("token_purpose", ["invitation", "password_reset"]);

/** Single-use e-mailed links (invitations, password resets); only a hash is stored. */
export const oneTimeTokens = pgTable("one_time_tokens", {
  id: uuid().primaryKey().defaultRandom(),
  accountId: uuid()
    .notNull()
    .references(() => accounts.id, { onDelete: "cascade" }),
  organisationId: uuid()
    .notNull()
    .references(() => organisations.id),
  purpose: tokenPurpose().notNull(),
  tokenHash: text().notNull().unique(),
  createdBy: uuid().references(() => accounts.id),
  expiresAt: timestamp({ withTimezone: true }).notNull(),
  usedAt: timestamp({ withTimezone: true }),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

/** Every sign-in attempt, for slowing and locking per account and per address. */
export const signInAttempts = pgTable(
  "sign_in_attempts",
  {
    id: uuid().primaryKey().defaultRandom(),
    email: text().notNull(),
    ip: text().notNull(),
    succeeded: boolean().notNull(),
    at: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("sign_in_attempts_email").on(t.email, t.at),
    index("sign_in_attempts_ip").on(t.ip, t.at),
  ],
);

/** What an identity provider is for: staff of the organisation, or newcomers through DigiD. */
export const identityProviderPurposes = ["staff", "digid"] as const;
export type IdentityProviderPurpose = (typeof identityProviderPurposes)[number];
export const identityProviderPurpose = pgEnum(
  "identity_provider_purpose",
  identityProviderPurposes,
);

/** DigiD's assurance levels, lowest first (decision 0017). */
export const digidLevels = ["basis", "midden", "substantieel", "hoog"] as const;
export type DigidLevel = (typeof digidLevels)[number];
export const digidLevel = pgEnum("digid_level", digidLevels);

/**
 * An organisation's own OpenID Connect identity provider: for its staff (decision 0008), or a
 * municipality's DigiD broker for its newcomers (decision 0017).
 */
export const identityProviders = pgTable(
  "identity_providers",
  {
    id: uuid().primaryKey().defaultRandom(),
    organisationId: uuid()
      .notNull()
      .references(() => organisations.id),
    name: text().notNull(),
    issuer: text().notNull(),
    clientId: text().notNull(),
    clientSecret: text().notNull(),
    /** Only e-mail addresses in this domain may sign in through this provider (staff only). */
    emailDomain: text(),
    enabled: boolean().notNull().default(true),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    purpose: identityProviderPurpose().notNull().default("staff"),
    /** DigiD: the claim that carries the BSN (often `sub`, or e.g. urn:nl-eid-gdi:1.0:id:BSN). */
    bsnClaim: text(),
    /** DigiD: the lowest level accepted; never below midden (two factors). */
    minimumLevel: digidLevel(),
    /** DigiD: which `acr` values mean which level. */
    acrMapping: jsonb().$type<Record<DigidLevel, string[]>>(),
    /** Scopes asked for besides `openid` (some brokers choose DigiD or the BSN claim by scope). */
    extraScopes: text(),
  },
  (t) => [
    // One active DigiD broker per municipality: choosing the municipality chooses the broker.
    uniqueIndex("identity_providers_one_digid")
      .on(t.organisationId)
      .where(sql`${t.purpose} = 'digid' and ${t.enabled}`),
    check(
      "identity_providers_digid_settings",
      sql`${t.purpose} = 'staff' or (${t.bsnClaim} is not null and ${t.minimumLevel} is not null and ${t.minimumLevel} <> 'basis' and ${t.acrMapping} is not null)`,
    ),
  ],
);

/** Links an account to a subject at an identity provider. */
export const accountIdentities = pgTable(
  "account_identities",
  {
    id: uuid().primaryKey().defaultRandom(),
    accountId: uuid()
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    organisationId: uuid()
      .notNull()
      .references(() => organisations.id),
    issuer: text().notNull(),
    subject: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("account_identities_unique").on(t.issuer, t.subject)],
);
