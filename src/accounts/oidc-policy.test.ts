import { describe, expect, it } from "vitest";
import type { Actor, Role } from "../platform/authz/index.ts";
import { identityProviderAuthz, type ProviderResource } from "./oidc.ts";
import type { IdentityProviderPurpose } from "./schema.ts";

const EDE = "00000000-0000-4000-8000-00000000000a";
const WAGENINGEN = "00000000-0000-4000-8000-00000000000b";
const SCHOOL = "00000000-0000-4000-8000-00000000000d";
const KOERS = "00000000-0000-4000-8000-00000000000c";

const kinds: Record<string, string> = {
  [EDE]: "gemeente",
  [WAGENINGEN]: "gemeente",
  [SCHOOL]: "taalaanbieder",
  [KOERS]: "beheer",
};

function staff(roles: Role[], organisationId: string, overrides: Partial<Actor> = {}): Actor {
  return {
    kind: "staff",
    accountId: "00000000-0000-4000-8000-0000000000ff",
    organisationId,
    organisationKind: kinds[organisationId],
    roles,
    mfa: true,
    ...overrides,
  };
}

const actors = {
  "platform administrator": staff(["beheerder"], KOERS),
  "beheerder of Ede": staff(["beheerder"], EDE),
  "beheerder of Ede without second factor": staff(["beheerder"], EDE, { mfa: false }),
  "beheerder of the language school": staff(["beheerder"], SCHOOL),
  "consulent of Ede": staff(["consulent"], EDE),
  "teamleider of Ede": staff(["teamleider"], EDE),
  "newcomer of Ede": { ...staff(["nieuwkomer"], EDE), kind: "newcomer" as const },
  anonymous: { kind: "anonymous" as const, roles: [], mfa: false },
} satisfies Record<string, Actor>;
type Who = keyof typeof actors;

const provider = (organisationId: string, purpose: IdentityProviderPurpose): ProviderResource => ({
  organisationId,
  organisationKind: kinds[organisationId],
  purpose,
});

type Where = "Ede" | "Wageningen" | "language school";
const ids: Record<Where, string> = { Ede: EDE, Wageningen: WAGENINGEN, "language school": SCHOOL };

// who × provider (organisation, purpose) → may create and change it
const table: [Who, Where, IdentityProviderPurpose, boolean][] = [
  ["platform administrator", "Ede", "staff", true],
  ["platform administrator", "Ede", "digid", true],
  ["platform administrator", "language school", "staff", true],
  ["platform administrator", "language school", "digid", false],
  ["beheerder of Ede", "Ede", "staff", true],
  ["beheerder of Ede", "Ede", "digid", true],
  ["beheerder of Ede", "Wageningen", "staff", false],
  ["beheerder of Ede", "Wageningen", "digid", false],
  ["beheerder of Ede without second factor", "Ede", "digid", false],
  ["beheerder of the language school", "language school", "staff", true],
  ["beheerder of the language school", "language school", "digid", false],
  ["beheerder of the language school", "Ede", "digid", false],
  ["consulent of Ede", "Ede", "digid", false],
  ["teamleider of Ede", "Ede", "digid", false],
  ["newcomer of Ede", "Ede", "digid", false],
  ["anonymous", "Ede", "digid", false],
];

describe("identity provider policy: who configures which provider", () => {
  it.each(table)("%s, %s's %s provider → %s", (who, where, purpose, allowed) => {
    const resource = provider(ids[where], purpose);
    expect(identityProviderAuthz.can(actors[who], "create", resource)).toBe(allowed);
    expect(identityProviderAuthz.can(actors[who], "update", resource)).toBe(allowed);
  });
});

// who → may see the overview; may add a staff provider; may add a DigiD broker (somewhere)
const overview: [Who, boolean, boolean, boolean][] = [
  ["platform administrator", true, true, true],
  ["beheerder of Ede", true, true, true],
  ["beheerder of Ede without second factor", false, false, false],
  ["beheerder of the language school", true, true, false],
  ["consulent of Ede", false, false, false],
  ["newcomer of Ede", false, false, false],
  ["anonymous", false, false, false],
];

describe("identity provider policy: the overview and its add buttons", () => {
  it.each(overview)("%s → list %s, add staff %s, add DigiD %s", (who, list, staffAdd, digid) => {
    const actor = actors[who];
    expect(identityProviderAuthz.can(actor, "list", {})).toBe(list);
    expect(identityProviderAuthz.can(actor, "add", { purpose: "staff" })).toBe(staffAdd);
    expect(identityProviderAuthz.can(actor, "add", { purpose: "digid" })).toBe(digid);
  });
});
