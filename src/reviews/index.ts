// Progress reviews (voortgangsgesprekken): scheduled from the set PIP and ad hoc; progress per
// goal, the domain scores again (with a chart of each domain over time), what changed, and a
// change of the plan as a new version. Reminders to the consultant before a review is due.
export {
  type PlanChangeStarted,
  type ReviewInput,
  recordAdHocReview,
  recordReview,
  type SetPlanVersion,
  scheduleReviewsFor,
  startPlanChange,
} from "./commands.ts";
export { inputFromApi, type ReviewApiInput, reviewInputSchema } from "./input.ts";
export { REVIEW_PURPOSE, type ReviewRef, reviewPolicy } from "./policy.ts";
export {
  getProgress,
  getReview,
  type PresentedReview,
  type ProgressFile,
  type ReviewScore,
} from "./queries.ts";
export { type ReminderOptions, reviewReminderJob, sendReviewReminders } from "./reminders.ts";
export { reviewRoutes } from "./routes.tsx";
export { DEFAULT_REMINDER_DAYS, type GoalProgressValue, goalProgressValues } from "./rules.ts";
export { reviews } from "./schema.ts";
