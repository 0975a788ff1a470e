import { describe, expect, it } from "vitest";
import type { Actor, Role } from "../platform/authz/actor.ts";
import { caseloadPolicy } from "./policy.ts";

const MY_ORG = "00000000-0000-4000-8000-00000000000a";
const OTHER_ORG = "00000000-0000-4000-8000-00000000000b";

type Who = Role | "api lezen" | "consulent zonder tweede factor";

function actorFor(who: Who): Actor {
  const base = {
    accountId: "00000000-0000-4000-8000-0000000000e1",
    organisationId: MY_ORG,
    organisationKind: "gemeente",
    mfa: true,
  };
  if (who === "api lezen")
    return { ...base, kind: "api", roles: [], scopes: ["nieuwkomers:lezen"] };
  if (who === "consulent zonder tweede factor")
    return { ...base, kind: "staff", roles: ["consulent"], mfa: false };
  return { ...base, kind: who === "nieuwkomer" ? "newcomer" : "staff", roles: [who] };
}

const Y = true;
const N = false;

describe("caseload policy: role × action", () => {
  // biome-ignore format: the table is aligned to be read as one.
  const table: [Who, view: boolean, overview: boolean][] = [
    // who                               caseload  deadline overview
    ["consulent",                        Y,        N],
    ["teamleider",                       Y,        Y],
    ["beheerder",                        N,        N],
    ["procesbegeleider",                 N,        N],
    ["partnermedewerker",                N,        N],
    ["sleutelpersoon",                   N,        N],
    ["nieuwkomer",                       N,        N],
    ["api lezen",                        N,        N],
    ["consulent zonder tweede factor",   N,        N],
  ];
  it.each(table)("%s: caseload %s, overview %s", (who, view, overview) => {
    const actor = actorFor(who);
    expect(caseloadPolicy.can(actor, "caseload.view", { organisationId: MY_ORG })).toBe(view);
    expect(caseloadPolicy.can(actor, "caseload.overview", { organisationId: MY_ORG })).toBe(
      overview,
    );
    // Never another municipality's.
    expect(caseloadPolicy.can(actor, "caseload.view", { organisationId: OTHER_ORG })).toBe(false);
    expect(caseloadPolicy.can(actor, "caseload.overview", { organisationId: OTHER_ORG })).toBe(
      false,
    );
  });
});
