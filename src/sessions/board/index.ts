export { BOARD_CHANNEL } from "./live.ts";
export { boardRoutes, PARTICIPANT_COOKIE } from "./routes.tsx";
