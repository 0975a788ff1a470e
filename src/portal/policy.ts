import { isCaseworkerOf } from "../newcomers/index.ts";
import type { Actor } from "../platform/authz/actor.ts";
import { createAuthorizer } from "../platform/authz/index.ts";

/** A newcomer as the portal's policy needs them: who holds the record, and whose account it is. */
export interface PortalNewcomerRef {
  organisationId: string;
  assignedConsultantId: string | null;
  /** The newcomer's own account (newcomers.accountId), once invited. */
  accountId: string | null;
}

/**
 * The newcomer themselves: signed in as a newcomer with the account linked to this record.
 * (Kept here rather than in newcomers/policy.ts: see docs/decisions/0012-newcomer-portal.md.)
 */
export const isTheNewcomer = (a: Actor, n: PortalNewcomerRef): boolean =>
  a.kind === "newcomer" && !!a.accountId && a.accountId === n.accountId;

/** Who may do what in the newcomer's own space. Deny by default (createAuthorizer). */
export const portalPolicy = createAuthorizer({
  /** Invite the newcomer to Koers (account + letter or mail): the municipality's caseworkers. */
  "portal.invite": (a: Actor, n: PortalNewcomerRef) =>
    a.organisationKind === "gemeente" && isCaseworkerOf(a, n.organisationId),
  /** Read their own plan, appointments and what they said (right of access, AVG art. 15). */
  "portal.readOwn": (a: Actor, n: PortalNewcomerRef) => isTheNewcomer(a, n),
  /** Add a dream, an own goal, a comment or a proposal; agree or disagree with a plan version. */
  "portal.speak": (a: Actor, n: PortalNewcomerRef) => isTheNewcomer(a, n),
});

export type PortalAction = Parameters<typeof portalPolicy.can>[1];
