import { describe, expect, it } from "vitest";
import type { Actor } from "../platform/authz/index.ts";
import { apiPolicy } from "./policy.ts";

const own = "00000000-0000-4000-8000-00000000000a";
const other = "00000000-0000-4000-8000-00000000000b";
const operator = "00000000-0000-4000-8000-00000000000c";

const staff = (roles: Actor["roles"], organisationId = own, extra: Partial<Actor> = {}): Actor => ({
  kind: "staff",
  accountId: "00000000-0000-4000-8000-000000000001",
  organisationId,
  organisationKind: "gemeente",
  roles,
  mfa: true,
  ...extra,
});
const token = (scopes: string[], organisationId = own): Actor => ({
  kind: "api",
  tokenId: "00000000-0000-4000-8000-000000000002",
  organisationId,
  roles: [],
  scopes,
  mfa: true,
});

const actors = {
  beheerder: staff(["beheerder"]),
  "beheerder without second factor": staff(["beheerder"], own, { mfa: false }),
  "beheerder of another organisation": staff(["beheerder"], other),
  "platform administrator": staff(["beheerder"], operator, { organisationKind: "beheer" }),
  consulent: staff(["consulent"]),
  "token with every scope": token([
    "organisaties:lezen",
    "medewerkers:lezen",
    "nieuwkomers:lezen",
    "nieuwkomers:schrijven",
  ]),
  "token with organisaties:lezen": token(["organisaties:lezen"]),
  "token of another organisation": token(["organisaties:lezen", "medewerkers:lezen"], other),
  anonymous: { kind: "anonymous", roles: [], mfa: false } as Actor,
} as const;
type Who = keyof typeof actors;

const activeToken = { organisationId: own, revokedAt: null };
const revokedToken = { organisationId: own, revokedAt: new Date("2026-01-01") };

// actor → [manage own tokens, revoke own active token, revoke own revoked token,
//          choose organisation, read own organisation, list own staff, call /medewerkers]
const table: Record<Who, [boolean, boolean, boolean, boolean, boolean, boolean, boolean]> = {
  beheerder: [true, true, false, false, false, false, false],
  "beheerder without second factor": [false, false, false, false, false, false, false],
  "beheerder of another organisation": [false, false, false, false, false, false, false],
  "platform administrator": [true, true, false, true, false, false, false],
  consulent: [false, false, false, false, false, false, false],
  "token with every scope": [false, false, false, false, true, true, true],
  "token with organisaties:lezen": [false, false, false, false, true, false, false],
  "token of another organisation": [false, false, false, false, false, false, true],
  anonymous: [false, false, false, false, false, false, false],
};

describe("API policy: who may do what", () => {
  it.each(Object.entries(table) as [Who, boolean[]][])("%s", (who, expected) => {
    const a = actors[who];
    expect([
      apiPolicy.can(a, "apiToken.manage", { organisationId: own }),
      apiPolicy.can(a, "apiToken.revoke", activeToken),
      apiPolicy.can(a, "apiToken.revoke", revokedToken),
      apiPolicy.can(a, "apiToken.chooseOrganisation", null),
      apiPolicy.can(a, "api.organisation.read", { id: own }),
      apiPolicy.can(a, "api.staff.list", { organisationId: own }),
      apiPolicy.can(a, "api.call", { scopes: ["medewerkers:lezen"] }),
    ]).toEqual(expected);
  });

  it("lets a token read only its own organisation, whatever its scopes", () => {
    const a = actors["token with every scope"];
    expect(apiPolicy.can(a, "api.organisation.read", { id: other })).toBe(false);
    expect(apiPolicy.can(a, "api.staff.list", { organisationId: other })).toBe(false);
  });
});
