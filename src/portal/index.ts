// The newcomer's own space (issue 4): getting in by invitation, My plan in their language,
// read aloud, Dutch made easy, their voice on the plan, and their appointments.
export { type PortalAction, type PortalNewcomerRef, portalPolicy } from "./policy.ts";
export { unseenVoicesFor } from "./queries.ts";
export { portalRoutes } from "./routes.tsx";
