// Maaksessies before the session (issue 5): planning sessions and deelsessies, the public event
// page with registration, capacity and waiting list, mails with a calendar file, check-in and
// attendance, and the actie-agenda with its CSV export. The live board is in ./board.
export {
  addBreakout,
  addTheme,
  type BreakoutInput,
  cancelRegistration,
  checkIn,
  createSession,
  type RegistrationInput,
  register,
  registrationToken,
  type SessionInput,
  updateSession,
} from "./commands.ts";
export { type LinkOptions, sendSessionReminders, sessionReminderJob } from "./mails.ts";
export { REGISTRATION_PURPOSE, type SessionRef, sessionPolicy } from "./policy.ts";
export { getActionAgenda, getSession, listThemes, type PresentedSession } from "./queries.ts";
export { sessionRoutes } from "./routes.tsx";
export { seedDemoSessions } from "./seed.ts";
