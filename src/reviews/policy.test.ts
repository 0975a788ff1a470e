import { describe, expect, it } from "vitest";
import type { Actor, Role } from "../platform/authz/actor.ts";
import { type ReviewAction, reviewPolicy } from "./policy.ts";

const MY_ORG = "00000000-0000-4000-8000-00000000000a";
const OTHER_ORG = "00000000-0000-4000-8000-00000000000b";

type Who =
  | Role
  | "consulent zonder 2FA"
  | "consulent van een taalaanbieder"
  | "api voortgang:lezen"
  | "api voortgang:schrijven"
  | "api plannen:lezen";

function actorFor(who: Who): Actor {
  const base = { accountId: "me", organisationId: MY_ORG, organisationKind: "gemeente", mfa: true };
  if (who === "consulent zonder 2FA")
    return { ...base, kind: "staff", roles: ["consulent"], mfa: false };
  if (who === "consulent van een taalaanbieder")
    return { ...base, kind: "staff", roles: ["consulent"], organisationKind: "taalaanbieder" };
  if (who.startsWith("api "))
    return { ...base, kind: "api", roles: [], scopes: [who.slice(4)], tokenId: "t" };
  return { ...base, kind: who === "nieuwkomer" ? "newcomer" : "staff", roles: [who as Role] };
}

const Y = true;
const N = false;
const actions: ReviewAction[] = ["review.read", "review.record", "review.changePlan"];

// Who may do what with the reviews of a newcomer of their own municipality ("same") or another.
// biome-ignore format: the table is aligned to be read as one.
const table: [Who, "same" | "other", boolean, boolean, boolean][] = [
  // who                                org      read record changePlan
  ["consulent",                         "same",  Y,   Y,     Y],
  ["consulent",                         "other", N,   N,     N],
  ["teamleider",                        "same",  Y,   Y,     Y],
  ["teamleider",                        "other", N,   N,     N],
  ["consulent zonder 2FA",              "same",  N,   N,     N],
  ["consulent van een taalaanbieder",   "same",  N,   N,     N],
  ["beheerder",                         "same",  N,   N,     N],
  ["procesbegeleider",                  "same",  N,   N,     N],
  ["partnermedewerker",                 "same",  N,   N,     N],
  ["sleutelpersoon",                    "same",  N,   N,     N],
  ["nieuwkomer",                        "same",  N,   N,     N],
  ["api voortgang:lezen",               "same",  Y,   N,     N],
  ["api voortgang:lezen",               "other", N,   N,     N],
  ["api voortgang:schrijven",           "same",  N,   Y,     N],
  ["api voortgang:schrijven",           "other", N,   N,     N],
  ["api plannen:lezen",                 "same",  N,   N,     N],
];

describe("review policy", () => {
  it.each(table)("%s, %s municipality", (who, org, ...allowed) => {
    const ref = { organisationId: org === "same" ? MY_ORG : OTHER_ORG };
    expect(actions.map((action) => reviewPolicy.can(actorFor(who), action, ref))).toEqual(allowed);
  });
});
