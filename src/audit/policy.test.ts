import { describe, expect, it } from "vitest";
import type { Actor, Role } from "../platform/authz/actor.ts";
import { auditPolicy, auditScopeFor } from "./policy.ts";

const ORG = "00000000-0000-4000-8000-00000000000a";
const OTHER = "00000000-0000-4000-8000-00000000000b";
const actor = (roles: Role[], organisationKind = "gemeente", mfa = true): Actor => ({
  kind: "staff",
  accountId: "00000000-0000-4000-8000-0000000000e1",
  organisationId: ORG,
  organisationKind,
  roles,
  mfa,
});

const admin = actor(["beheerder"], "beheer");
const beheerder = actor(["beheerder"]);
const beheerderNo2fa = actor(["beheerder"], "gemeente", false);
const Y = true;
const N = false;

// biome-ignore format: the table is aligned to be read as one.
const table = [
  // who                               actor                          scope           all own org other org
  ["platform administrator",           admin,                         "all",          Y,  Y,      Y],
  ["beheerder of a gemeente",          beheerder,                     "organisation", N,  Y,      N],
  ["beheerder without second factor",  beheerderNo2fa,                "organisation", N,  N,      N],
  ["consulent",                        actor(["consulent"]),          undefined,      N,  N,      N],
  ["teamleider",                       actor(["teamleider"]),         undefined,      N,  N,      N],
  ["sleutelpersoon",                   actor(["sleutelpersoon"]),     undefined,      N,  N,      N],
] as const;

describe("who searches the logboek, and which part", () => {
  it.each(table)("%s", (_who, a, scope, all, own, other) => {
    const org = (organisationId: string) => ({ kind: "organisation" as const, organisationId });
    expect(auditScopeFor(a)?.kind).toBe(scope);
    expect(auditPolicy.can(a, "audit.search", { kind: "all" })).toBe(all);
    expect(auditPolicy.can(a, "audit.search", org(ORG))).toBe(own);
    expect(auditPolicy.can(a, "audit.search", org(OTHER))).toBe(other);
  });
});
