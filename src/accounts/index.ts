// The accounts capability: people who sign in, their roles per organisation, sessions and second factors.

export { accountAdminRoutes } from "./admin-routes.tsx";
export { authenticate } from "./authenticate.ts";
export { createAccount, inviteAccount } from "./commands.ts";
export {
  DIGID_CALLBACK_PATH,
  type DigidLevel,
  identityLinkKey,
} from "./digid.ts";
export {
  type AuthorizationRequest,
  beginSignIn,
  completeAuthorization,
  findProvider,
  type IdentityProviderRow,
  type PendingSignIn,
  type ProtocolOptions,
  type VerifiedClaims,
} from "./oidc.ts";
export { oidcRoutes } from "./oidc-routes.tsx";
export { findAccount, membershipsOf } from "./queries.ts";
export { accountRoutes, auditContext, safeReturnPath, startSession } from "./routes.tsx";
export { accounts, memberships, type Role, roles } from "./schema.ts";
export { currentTotp, newTotpSecret } from "./secrets.ts";
export { createSessionStore, deleteExpiredSessions } from "./session-store.ts";
