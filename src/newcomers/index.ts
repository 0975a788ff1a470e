// The newcomers capability: the record of a person obliged to integrate (grows in issue 3).
export { createNewcomer, InvalidNewcomerError, updateNewcomer } from "./commands.ts";
export {
  type NewcomerChanges,
  type NewcomerInput,
  newcomerFields,
  newcomerInputSchema,
  newcomerUpdateSchema,
} from "./input.ts";
export {
  disclosedDataClasses,
  hasConsent,
  type NewcomerDataClass,
  type NewcomerRef,
  newcomerDataClasses,
  newcomerPolicy,
} from "./policy.ts";
export { type NewcomerRecord, type PresentedNewcomer, presentNewcomer } from "./presenter.ts";
export {
  getNewcomer,
  listNewcomers,
  type NewcomerFilter,
  type NewcomerList,
} from "./queries.ts";
export { newcomerRoutes } from "./routes.tsx";
export { isValidBsn, normaliseBsn } from "./rules.ts";
export { newcomers, type TargetGroup, targetGroups } from "./schema.ts";
