import { describe, expect, it } from "vitest";
import type { Actor, Role } from "../platform/authz/actor.ts";
import { type SessionAction, sessionPolicy } from "./policy.ts";

const own = { organisationId: "org-a" };
const staff = (
  roles: Role[],
  organisationKind = "provincie",
  mfa = true,
  organisationId = "org-a",
): Actor => ({
  kind: "staff",
  accountId: "acc",
  organisationId,
  organisationKind,
  roles,
  mfa,
});

const actors: Record<string, Actor> = {
  facilitator: staff(["procesbegeleider"]),
  facilitatorOfMunicipality: staff(["procesbegeleider"], "gemeente"),
  facilitatorWithoutSecondFactor: staff(["procesbegeleider"], "provincie", false),
  facilitatorElsewhere: staff(["procesbegeleider"], "provincie", true, "org-b"),
  operatorFacilitator: staff(["procesbegeleider"], "beheer"),
  consultant: staff(["consulent"]),
  administrator: staff(["beheerder"]),
  newcomer: { kind: "newcomer", organisationId: "org-a", roles: ["nieuwkomer"], mfa: true },
  anonymous: { kind: "anonymous", roles: [], mfa: false },
};

const sessionActions: SessionAction[] = [
  "session.create",
  "session.manage",
  "breakout.update",
  "breakout.remove",
  "session.list",
  "registration.read",
  "registration.checkIn",
];

describe("sessionPolicy", () => {
  it.each([
    ["facilitator", true],
    ["facilitatorOfMunicipality", true],
    ["facilitatorWithoutSecondFactor", false],
    ["facilitatorElsewhere", false],
    ["operatorFacilitator", false],
    ["consultant", false],
    ["administrator", false],
    ["newcomer", false],
    ["anonymous", false],
  ] as const)(
    "%s may manage the organisation's sessions and registrations: %s",
    (name, allowed) => {
      const actor = actors[name] as Actor;
      for (const action of sessionActions)
        expect(sessionPolicy.can(actor, action, own), `${name} ${action}`).toBe(allowed);
    },
  );

  it.each([
    ["facilitator", true],
    ["facilitatorElsewhere", true],
    ["consultant", false],
    ["anonymous", false],
  ] as const)("%s may add a theme to the shared list: %s", (name, allowed) => {
    expect(sessionPolicy.can(actors[name] as Actor, "theme.add", {})).toBe(allowed);
  });
});
