import { isCaseworkerOf, isTeamLeadOf } from "../newcomers/index.ts";
import type { Actor } from "../platform/authz/actor.ts";
import { createAuthorizer } from "../platform/authz/index.ts";

/** The municipality whose caseload is asked for. */
export interface CaseloadHolder {
  organisationId: string;
}

/** Who may see which caseload. Deny by default (createAuthorizer). */
export const caseloadPolicy = createAuthorizer({
  /**
   * A consultant's or team lead's list, their own cases or the team's: everyone of the team may
   * already find every newcomer of the municipality (newcomer.list), the caseload orders them.
   */
  "caseload.view": (a: Actor, holder: CaseloadHolder) => isCaseworkerOf(a, holder.organisationId),
  /** The deadline overview per consultant: team leads only. */
  "caseload.overview": (a: Actor, holder: CaseloadHolder) => isTeamLeadOf(a, holder.organisationId),
});

export type CaseloadAction = Parameters<typeof caseloadPolicy.can>[1];
