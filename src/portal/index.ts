// The newcomer's own space (issue 4): getting in by invitation, My plan in their language,
// read aloud, Dutch made easy, their voice on the plan, and their appointments.

export {
  getNewcomerReactions,
  markReactionsSeen,
  type NewcomerReaction,
} from "./consultant-queries.ts";
export { consultantReactionRoutes, reactionsPath } from "./consultant-view.tsx";
export { passkeyRoutes, passkeyScriptUrl } from "./passkey-routes.tsx";
export { type PortalAction, type PortalNewcomerRef, portalPolicy } from "./policy.ts";
export { unseenVoicesFor } from "./queries.ts";
export { portalRoutes } from "./routes.tsx";
