import { describe, expect, it } from "vitest";
import type { Actor, Role } from "../platform/authz/actor.ts";
import { type PortalAction, type PortalNewcomerRef, portalPolicy } from "./policy.ts";

const MY_ORG = "00000000-0000-4000-8000-00000000000a";
const OTHER_ORG = "00000000-0000-4000-8000-00000000000b";
const NEWCOMER_ACCOUNT = "newcomer-account";

type Who =
  | Role
  | "de nieuwkomer zelf"
  | "een andere nieuwkomer"
  | "consulent zonder 2FA"
  | "consulent van een partner"
  | "consulent van een andere gemeente";

function actorFor(who: Who): Actor {
  const base = { accountId: "me", organisationId: MY_ORG, organisationKind: "gemeente", mfa: true };
  if (who === "de nieuwkomer zelf")
    return {
      ...base,
      kind: "newcomer",
      roles: ["nieuwkomer"],
      accountId: NEWCOMER_ACCOUNT,
      mfa: false,
    };
  if (who === "een andere nieuwkomer" || who === "nieuwkomer")
    return { ...base, kind: "newcomer", roles: ["nieuwkomer"], mfa: false };
  if (who === "consulent zonder 2FA")
    return { ...base, kind: "staff", roles: ["consulent"], mfa: false };
  if (who === "consulent van een partner")
    return { ...base, kind: "staff", roles: ["consulent"], organisationKind: "taalaanbieder" };
  if (who === "consulent van een andere gemeente")
    return { ...base, kind: "staff", roles: ["consulent"], organisationId: OTHER_ORG };
  return { ...base, kind: "staff", roles: [who] };
}

const newcomer: PortalNewcomerRef = {
  organisationId: MY_ORG,
  assignedConsultantId: "someone",
  accountId: NEWCOMER_ACCOUNT,
};

const Y = true;
const N = false;
const actions: PortalAction[] = ["portal.invite", "portal.readOwn", "portal.speak"];

// biome-ignore format: the table is aligned to be read as one.
const table: [Who, boolean, boolean, boolean][] = [
  // who                                   invite readOwn speak
  ["de nieuwkomer zelf",                   N,     Y,      Y],
  ["een andere nieuwkomer",                N,     N,      N],
  ["consulent",                            Y,     N,      N],
  ["teamleider",                           Y,     N,      N],
  ["consulent zonder 2FA",                 N,     N,      N],
  ["consulent van een partner",            N,     N,      N],
  ["consulent van een andere gemeente",    N,     N,      N],
  ["beheerder",                            N,     N,      N],
  ["sleutelpersoon",                       N,     N,      N],
  ["partnermedewerker",                    N,     N,      N],
  ["procesbegeleider",                     N,     N,      N],
];

describe("who may do what in the newcomer's own space", () => {
  it.each(table)("%s", (who, ...expected) => {
    const actor = actorFor(who);
    expect(actions.map((a) => portalPolicy.can(actor, a, newcomer))).toEqual(expected);
  });

  it("gives a record without an account to nobody as their own", () => {
    const actor = actorFor("de nieuwkomer zelf");
    expect(portalPolicy.can(actor, "portal.readOwn", { ...newcomer, accountId: null })).toBe(false);
  });
});
