import { describe, expect, it } from "vitest";
import { type Actor, anonymous } from "../platform/authz/index.ts";
import { can, type OrganisationAction } from "./policy.ts";

const A = "00000000-0000-4000-8000-00000000000a";
const B = "00000000-0000-4000-8000-00000000000b";
const KOERS = "00000000-0000-4000-8000-00000000000c";

const staff = (roles: Actor["roles"], organisationId: string, kind: string, mfa = true): Actor => ({
  kind: "staff",
  accountId: "00000000-0000-4000-8000-000000000001",
  organisationId,
  organisationKind: kind,
  roles,
  mfa,
});

const actors = {
  platformAdmin: staff(["beheerder"], KOERS, "beheer"),
  platformAdminNoMfa: staff(["beheerder"], KOERS, "beheer", false),
  koersConsultant: staff(["consulent"], KOERS, "beheer"),
  beheerderA: staff(["beheerder"], A, "gemeente"),
  beheerderANoMfa: staff(["beheerder"], A, "gemeente", false),
  consulentA: staff(["consulent", "teamleider"], A, "gemeente"),
  newcomerA: { ...staff(["nieuwkomer"], A, "gemeente"), kind: "newcomer" } satisfies Actor,
  apiA: { kind: "api", organisationId: A, roles: [], scopes: ["*"], mfa: false } satisfies Actor,
  anonymous,
} as const;

type Who = keyof typeof actors;
const Y = true;
const N = false;

type Row = [Who, ...boolean[]];

// Organisation A is the actor's own (for those in A); B is another organisation.
// biome-ignore format: a table reads best aligned
const table: Row[] = [
  //                      list  create view:A view:B edit:A contact:A contact:B people:A people:B regions
  ["platformAdmin",       Y,    Y,     Y,     Y,     Y,     Y,        Y,        Y,       Y,       Y],
  ["platformAdminNoMfa",  Y,    Y,     Y,     Y,     Y,     Y,        Y,        N,       N,       Y],
  ["koersConsultant",     N,    N,     N,     N,     N,     N,        N,        N,       N,       N],
  ["beheerderA",          N,    N,     Y,     N,     N,     Y,        N,        Y,       N,       N],
  ["beheerderANoMfa",     N,    N,     Y,     N,     N,     Y,        N,        N,       N,       N],
  ["consulentA",          N,    N,     N,     N,     N,     N,        N,        N,       N,       N],
  ["newcomerA",           N,    N,     N,     N,     N,     N,        N,        N,       N,       N],
  ["apiA",                N,    N,     N,     N,     N,     N,        N,        N,       N,       N],
  ["anonymous",           N,    N,     N,     N,     N,     N,        N,        N,       N,       N],
];

describe("organisation policy (role × relation → allowed)", () => {
  it.each(table)("%s", (who, ...expected) => {
    const actor = actors[who];
    const onNothing = (action: OrganisationAction) =>
      can(actor, action as "organisation.list", null);
    const onOrg = (action: OrganisationAction, id: string) =>
      can(actor, action as "organisation.view", { id });
    expect([
      onNothing("organisation.list"),
      onNothing("organisation.create"),
      onOrg("organisation.view", A),
      onOrg("organisation.view", B),
      onOrg("organisation.edit", A),
      onOrg("organisation.editContact", A),
      onOrg("organisation.editContact", B),
      onOrg("organisation.listAccounts", A),
      onOrg("organisation.listAccounts", B),
      onNothing("region.list") && onNothing("region.create"),
    ]).toEqual(expected);
  });
});
