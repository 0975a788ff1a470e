import type { Role } from "../../accounts/schema.ts";

export type { Role };

/** Who is acting. Built once per request (session or API token) and passed to every policy. */
export interface Actor {
  kind: "staff" | "newcomer" | "api" | "anonymous" | "system";
  accountId?: string;
  name?: string;
  /** The organisation the actor acts for now. */
  organisationId?: string;
  organisationName?: string;
  /** The organisation's kind; "beheer" is the Koers operator itself. */
  organisationKind?: string;
  /** Roles held in the active organisation. */
  roles: readonly Role[];
  /** API token scopes (kind "api" only). */
  scopes?: readonly string[];
  /** The API token acting (kind "api" only); audit records name it in their details. */
  tokenId?: string;
  /** Whether the second factor was given in this session. */
  mfa: boolean;
}

export const anonymous: Actor = { kind: "anonymous", roles: [], mfa: false };

/** The actor for CLI commands and scheduled jobs. */
export const systemActor: Actor = { kind: "system", roles: [], mfa: true };
