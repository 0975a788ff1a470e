import { describe, expect, it } from "vitest";
import type { ActiveConsent } from "../consent/rules.ts";
import type { Actor, Role } from "../platform/authz/actor.ts";
import { type PlanAction, planPolicy } from "./policy.ts";

const MY_ORG = "00000000-0000-4000-8000-00000000000a";
const OTHER_ORG = "00000000-0000-4000-8000-00000000000b";

type Who =
  | Role
  | "consulent zonder 2FA"
  | "consulent van een partner"
  | "api"
  | "api plannen:lezen";

function actorFor(who: Who): Actor {
  const base = { accountId: "me", organisationId: MY_ORG, organisationKind: "gemeente", mfa: true };
  if (who === "consulent zonder 2FA")
    return { ...base, kind: "staff", roles: ["consulent"], mfa: false };
  if (who === "consulent van een partner")
    return { ...base, kind: "staff", roles: ["consulent"], organisationKind: "taalaanbieder" };
  if (who === "api") return { ...base, kind: "api", roles: [], scopes: ["nieuwkomers:schrijven"] };
  if (who === "api plannen:lezen")
    return { ...base, kind: "api", roles: [], scopes: ["plannen:lezen"] };
  return { ...base, kind: who === "nieuwkomer" ? "newcomer" : "staff", roles: [who] };
}

const Y = true;
const N = false;
const actions: PlanAction[] = ["plan.read", "plan.edit", "plan.set", "plan.legalRemedy"];

// Who may do what with a plan of their own municipality ("same") or another ("other").
// biome-ignore format: the table is aligned to be read as one.
const table: [Who, "same" | "other", boolean, boolean, boolean, boolean][] = [
  // who                          org       read edit set  remedy
  ["consulent",                   "same",   Y,   Y,   Y,   Y],
  ["consulent",                   "other",  N,   N,   N,   N],
  ["teamleider",                  "same",   Y,   Y,   Y,   Y],
  ["teamleider",                  "other",  N,   N,   N,   N],
  ["consulent zonder 2FA",        "same",   N,   N,   N,   N],
  ["consulent van een partner",   "same",   N,   N,   N,   N],
  ["beheerder",                   "same",   N,   N,   N,   N],
  ["procesbegeleider",            "same",   N,   N,   N,   N],
  ["partnermedewerker",           "same",   N,   N,   N,   N],
  ["sleutelpersoon",              "same",   N,   N,   N,   N],
  ["nieuwkomer",                  "same",   N,   N,   N,   N],
  ["api",                         "same",   N,   N,   N,   N],
  ["api plannen:lezen",           "same",   Y,   N,   N,   N],
  ["api plannen:lezen",           "other",  N,   N,   N,   N],
];

describe("plan policy", () => {
  it.each(table)("%s, %s municipality", (who, org, ...allowed) => {
    const plan = { organisationId: org === "same" ? MY_ORG : OTHER_ORG };
    expect(actions.map((action) => planPolicy.can(actorFor(who), action, plan))).toEqual(allowed);
  });
});

// Consent (issue 4, decision 0013): a key person or partner the newcomer granted "plan" may read
// the plan — and never edit, set it or record a legal remedy.
describe("plan policy under consent", () => {
  const day = 86_400_000;
  const consent = (over: Partial<ActiveConsent>): ActiveConsent => ({
    id: "c1",
    purpose: "sleutelpersoon",
    granteeAccountId: "me",
    granteeOrganisationId: null,
    dataClasses: ["plan"],
    validFrom: new Date(Date.now() - day),
    validUntil: new Date(Date.now() + day),
    revokedAt: null,
    ...over,
  });
  // biome-ignore format: the table is aligned to be read as one.
  const table: [string, Who, ActiveConsent[], boolean, boolean, boolean, boolean][] = [
    // consent                        who                 consents                                      read edit set  remedy
    ["plan granted",                  "sleutelpersoon",   [consent({})],                                Y,   N,   N,   N],
    ["only basic granted",            "sleutelpersoon",   [consent({ dataClasses: ["basic"] })],        N,   N,   N,   N],
    ["plan granted, revoked",         "sleutelpersoon",   [consent({ revokedAt: new Date() })],         N,   N,   N,   N],
    ["plan granted, expired",         "sleutelpersoon",   [consent({ validUntil: new Date(Date.now() - 1) })], N, N, N,   N],
    ["plan granted to someone else",  "sleutelpersoon",   [consent({ granteeAccountId: "other" })],     N,   N,   N,   N],
    ["plan granted to my account",    "nieuwkomer",       [consent({})],                                N,   N,   N,   N],
  ];
  it.each(table)("%s: %s", (_consent, who, consents, ...allowed) => {
    const plan = { organisationId: MY_ORG, consents };
    expect(actions.map((action) => planPolicy.can(actorFor(who), action, plan))).toEqual(allowed);
  });
});
