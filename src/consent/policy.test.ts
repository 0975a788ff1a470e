import { describe, expect, it } from "vitest";
import type { Actor, Role } from "../platform/authz/actor.ts";
import { type ConsentAction, consentPolicy } from "./policy.ts";

const MY_ORG = "00000000-0000-4000-8000-00000000000a";
const ME = "00000000-0000-4000-8000-0000000000e1";

type Who = Role | "de nieuwkomer zelf" | "andere nieuwkomer" | "consulent andere gemeente";

function actorFor(who: Who): Actor {
  const base = {
    accountId: "someone",
    organisationId: MY_ORG,
    organisationKind: "gemeente",
    mfa: true,
  };
  if (who === "de nieuwkomer zelf")
    return { ...base, kind: "newcomer", roles: ["nieuwkomer"], accountId: ME, mfa: false };
  if (who === "andere nieuwkomer")
    return { ...base, kind: "newcomer", roles: ["nieuwkomer"], mfa: false };
  if (who === "consulent andere gemeente")
    return { ...base, kind: "staff", roles: ["consulent"], organisationId: "other" };
  return { ...base, kind: who === "nieuwkomer" ? "newcomer" : "staff", roles: [who] };
}

const Y = true;
const N = false;
const actions: ConsentAction[] = [
  "consent.viewOwn",
  "consent.grant",
  "consent.revoke",
  "consent.recordOnPaper",
  "consent.list",
  "mydata.export",
  "mydata.correction",
  "correction.list",
];

// biome-ignore format: the table is aligned to be read as one.
const table: [Who, ...boolean[]][] = [
  // who                          viewOwn grant revoke paper list export correct corrections
  ["de nieuwkomer zelf",          Y,      Y,    Y,     N,    N,   Y,     Y,      N],
  ["andere nieuwkomer",           N,      N,    N,     N,    N,   N,     N,      N],
  ["consulent",                   N,      N,    Y,     Y,    Y,   N,     N,      Y],
  ["teamleider",                  N,      N,    Y,     Y,    Y,   N,     N,      Y],
  ["consulent andere gemeente",   N,      N,    N,     N,    N,   N,     N,      N],
  ["beheerder",                   N,      N,    N,     N,    N,   N,     N,      N],
  ["sleutelpersoon",              N,      N,    N,     N,    N,   N,     N,      N],
  ["partnermedewerker",           N,      N,    N,     N,    N,   N,     N,      N],
];

describe("consent policy", () => {
  it.each(table)("%s", (who, ...allowed) => {
    const subject = { organisationId: MY_ORG, accountId: ME };
    expect(actions.map((a) => consentPolicy.can(actorFor(who), a, subject))).toEqual(allowed);
  });

  it("gives a newcomer without a linked account nothing", () => {
    const subject = { organisationId: MY_ORG, accountId: null };
    expect(consentPolicy.can(actorFor("de nieuwkomer zelf"), "consent.viewOwn", subject)).toBe(
      false,
    );
  });
});
