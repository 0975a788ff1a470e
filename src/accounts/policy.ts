import {
  type Actor,
  createAuthorizer,
  hasSecondFactor,
  isOrganisationAdministrator,
  isPlatformAdministrator,
  isSignedIn,
  type Role,
} from "../platform/authz/index.ts";

/** An account as policies see it: who manages it and where it holds roles (ids only). */
export interface AccountScope {
  id: string;
  /** The organisation that manages the account (the one that invited it). */
  organisationId: string;
  /** Every organisation in which the account holds a role. */
  memberOrganisationIds: readonly string[];
  /** Holds the beheerder role in the Koers operator organisation. */
  platformAdministrator: boolean;
}

/**
 * Administers an organisation's accounts: its beheerder, or the platform administrator for every
 * organisation (organisationId undefined means "all organisations": platform administrator only).
 * Always with the second factor given in this session.
 */
const administers = (a: Actor, organisationId: string | undefined): boolean =>
  hasSecondFactor(a) &&
  (organisationId === undefined
    ? isPlatformAdministrator(a)
    : isOrganisationAdministrator(a, organisationId));

const isSelf = (a: Actor, account: AccountScope): boolean => a.accountId === account.id;

/** Account-wide changes belong to the managing organisation; a platform administrator's account to the platform. */
const managesAccount = (a: Actor, account: AccountScope): boolean =>
  account.platformAdministrator
    ? administers(a, undefined)
    : administers(a, account.organisationId);

/** Who may do what with accounts. Deny by default: an action missing here is a compile error at its call. */
export const accountPolicy = createAuthorizer({
  /** List the accounts of an organisation (or of all, organisationId undefined). */
  "account.list": (a, r: { organisationId: string | undefined }) =>
    administers(a, r.organisationId),
  /** Invite someone into an organisation. */
  "account.invite": (a, r: { organisationId: string }) => administers(a, r.organisationId),
  /** See an account: its managing organisation's beheerder, or that of any organisation it works for. */
  "account.read": (a, r: AccountScope) =>
    administers(a, r.organisationId) || r.memberOrganisationIds.some((o) => administers(a, o)),
  /** Disable/enable, unlock, resend the invitation, reset the second factor. Never one's own account. */
  "account.update": (a, r: AccountScope) => managesAccount(a, r) && !isSelf(a, r),
  /** Give a role in an organisation to an account one may see. */
  "account.grantRole": (a, r: { account: AccountScope; organisationId: string }) =>
    administers(a, r.organisationId) &&
    (administers(a, r.account.organisationId) ||
      r.account.memberOrganisationIds.some((o) => administers(a, o))),
  /** Take a role away; a beheerder cannot take away their own beheerder role (no locking oneself out). */
  "account.revokeRole": (a, r: { account: AccountScope; organisationId: string; role: Role }) =>
    administers(a, r.organisationId) && !(isSelf(a, r.account) && r.role === "beheerder"),
  /** New recovery codes: only for oneself, in a session where the second factor was given. */
  "account.renewRecoveryCodes": (a, r: { accountId: string }) =>
    isSignedIn(a) && hasSecondFactor(a) && a.accountId === r.accountId,
  /** Act for one of one's own organisations (switching the active organisation). */
  "account.actFor": (a, r: { organisationId: string; memberOrganisationIds: readonly string[] }) =>
    isSignedIn(a) && r.memberOrganisationIds.includes(r.organisationId),
});
