import { isCaseworkerOf } from "../newcomers/index.ts";
import type { Actor } from "../platform/authz/actor.ts";
import { createAuthorizer } from "../platform/authz/index.ts";
import { hasRole } from "../platform/authz/predicates.ts";

/** A newcomer as the consent policy needs them: who holds the record, whose account it is. */
export interface ConsentSubject {
  organisationId: string;
  /** The newcomer's own account (newcomers.accountId), once they have one. */
  accountId: string | null;
}

/** The newcomer themself, signed in with the account linked to the record. */
export const isTheNewcomer = (a: Actor, n: ConsentSubject): boolean =>
  a.kind === "newcomer" &&
  hasRole(a, "nieuwkomer") &&
  !!a.accountId &&
  a.accountId === n.accountId &&
  a.organisationId === n.organisationId;

/**
 * Who may do what with consent and the newcomer's own data (AVG art. 7, 15, 16). Deny by default.
 *
 * - the newcomer: sees who has access and who looked, grants and revokes, downloads their data,
 *   asks for a correction — only for their own record;
 * - the municipality's consultants: record a consent given on paper (with a witness), revoke on
 *   the newcomer's behalf, and see correction requests;
 * - nobody else, whatever their role.
 */
export const consentPolicy = createAuthorizer({
  "consent.viewOwn": (a: Actor, n: ConsentSubject) => isTheNewcomer(a, n),
  "consent.grant": (a: Actor, n: ConsentSubject) => isTheNewcomer(a, n),
  "consent.revoke": (a: Actor, n: ConsentSubject) =>
    isTheNewcomer(a, n) || isCaseworkerOf(a, n.organisationId),
  "consent.recordOnPaper": (a: Actor, n: ConsentSubject) => isCaseworkerOf(a, n.organisationId),
  "consent.list": (a: Actor, n: ConsentSubject) => isCaseworkerOf(a, n.organisationId),
  "mydata.export": (a: Actor, n: ConsentSubject) => isTheNewcomer(a, n),
  "mydata.correction": (a: Actor, n: ConsentSubject) => isTheNewcomer(a, n),
  "correction.list": (a: Actor, n: ConsentSubject) => isCaseworkerOf(a, n.organisationId),
});

export type ConsentAction = Parameters<typeof consentPolicy.can>[1];
