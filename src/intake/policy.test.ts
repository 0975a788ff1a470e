import { describe, expect, it } from "vitest";
import type { ActiveConsent } from "../consent/rules.ts";
import type { Actor, Role } from "../platform/authz/actor.ts";
import { type IntakeRef, intakePolicy, readableIntakeClasses } from "./policy.ts";

const MY_ORG = "00000000-0000-4000-8000-00000000000a";
const OTHER_ORG = "00000000-0000-4000-8000-00000000000b";
const ME = "00000000-0000-4000-8000-0000000000e1";
const COLLEAGUE = "00000000-0000-4000-8000-0000000000e2";

type Who = Role | "zonder tweede factor" | "api intake:lezen" | "api nieuwkomers:lezen";
type Relation = "assigned" | "same org" | "other org";

function actorFor(who: Who): Actor {
  const base = { accountId: ME, organisationId: MY_ORG, organisationKind: "gemeente", mfa: true };
  if (who === "zonder tweede factor")
    return { ...base, kind: "staff", roles: ["consulent"], mfa: false };
  if (who === "api intake:lezen")
    return { ...base, kind: "api", roles: [], scopes: ["intake:lezen"] };
  if (who === "api nieuwkomers:lezen")
    return { ...base, kind: "api", roles: [], scopes: ["nieuwkomers:lezen"] };
  return { ...base, kind: who === "nieuwkomer" ? "newcomer" : "staff", roles: [who] };
}

/** "other org" is assigned to me on paper: an assignment never crosses organisations. */
function newcomerFor(relation: Relation): IntakeRef {
  if (relation === "assigned") return { organisationId: MY_ORG, assignedConsultantId: ME };
  if (relation === "same org") return { organisationId: MY_ORG, assignedConsultantId: COLLEAGUE };
  return { organisationId: OTHER_ORG, assignedConsultantId: ME };
}

const Y = true;
const N = false;

// biome-ignore format: the table is aligned to be read as one.
const table: [Who, Relation, boolean, boolean, boolean, boolean][] = [
  // who                     relation     read update/enforce health.read health.update
  ["consulent",              "assigned",  Y,   Y,             Y,          Y],
  ["consulent",              "same org",  Y,   Y,             N,          N],
  ["consulent",              "other org", N,   N,             N,          N],
  ["teamleider",             "assigned",  Y,   Y,             Y,          Y],
  ["teamleider",             "same org",  Y,   Y,             N,          N],
  ["teamleider",             "other org", N,   N,             N,          N],
  ["zonder tweede factor",   "assigned",  N,   N,             N,          N],
  ["beheerder",              "same org",  N,   N,             N,          N],
  ["procesbegeleider",       "same org",  N,   N,             N,          N],
  ["partnermedewerker",      "same org",  N,   N,             N,          N],
  ["sleutelpersoon",         "assigned",  N,   N,             N,          N],
  ["nieuwkomer",             "same org",  N,   N,             N,          N],
  ["api intake:lezen",       "same org",  Y,   N,             N,          N],
  ["api intake:lezen",       "other org", N,   N,             N,          N],
  ["api nieuwkomers:lezen",  "same org",  N,   N,             N,          N],
];

describe("intakePolicy", () => {
  it.each(table)(
    "%s, %s: read %s, update %s, health %s/%s",
    (who, relation, read, update, healthRead, healthUpdate) => {
      const actor = actorFor(who);
      const n = newcomerFor(relation);
      expect(intakePolicy.can(actor, "intake.read", n)).toBe(read);
      expect(intakePolicy.can(actor, "intake.update", n)).toBe(update);
      expect(intakePolicy.can(actor, "intake.enforce", n)).toBe(update);
      expect(intakePolicy.can(actor, "intake.health.read", n)).toBe(healthRead);
      expect(intakePolicy.can(actor, "intake.health.update", n)).toBe(healthUpdate);
    },
  );

  it("names the data classes shown: health only to the assigned consultant", () => {
    expect(readableIntakeClasses(actorFor("consulent"), newcomerFor("assigned"))).toEqual([
      "basic",
      "plan",
      "education",
      "health",
    ]);
    expect(readableIntakeClasses(actorFor("teamleider"), newcomerFor("same org"))).toEqual([
      "basic",
      "plan",
      "education",
    ]);
    expect(readableIntakeClasses(actorFor("consulent"), newcomerFor("other org"))).toEqual([]);
  });

  describe("education and work under the newcomer's consent", () => {
    const PARTNER_ORG = "00000000-0000-4000-8000-00000000000c";
    const day = 86_400_000;
    const consent = (change: Partial<ActiveConsent>): ActiveConsent => ({
      id: "c1",
      purpose: "sleutelpersoon",
      granteeAccountId: ME,
      granteeOrganisationId: null,
      dataClasses: ["education"],
      validFrom: new Date(Date.now() - day),
      validUntil: new Date(Date.now() + day),
      revokedAt: null,
      ...change,
    });
    const staff = (role: Role, change: Partial<Actor> = {}): Actor => ({
      kind: "staff",
      roles: [role],
      accountId: ME,
      organisationId: PARTNER_ORG,
      organisationKind: "lokaal_initiatief",
      mfa: true,
      ...change,
    });
    const held = (consents?: ActiveConsent[]): IntakeRef => ({
      organisationId: MY_ORG,
      assignedConsultantId: COLLEAGUE,
      ...(consents ? { consents } : {}),
    });

    // biome-ignore format: the table is aligned to be read as one.
    const shared: [string, Actor, IntakeRef, boolean][] = [
      ["key person named, education granted",     staff("sleutelpersoon"),                    held([consent({})]),                                     Y],
      ["partner organisation named",              staff("partnermedewerker"),                 held([consent({ purpose: "lokaal_initiatief", granteeAccountId: null, granteeOrganisationId: PARTNER_ORG })]), Y],
      ["consents not loaded",                     staff("sleutelpersoon"),                    held(),                                                  N],
      ["only the plan granted",                   staff("sleutelpersoon"),                    held([consent({ dataClasses: ["plan"] })]),              N],
      ["revoked",                                 staff("sleutelpersoon"),                    held([consent({ revokedAt: new Date() })]),              N],
      ["expired",                                 staff("sleutelpersoon"),                    held([consent({ validUntil: new Date(Date.now() - 1) })]), N],
      ["another person named",                    staff("sleutelpersoon", { accountId: COLLEAGUE }), held([consent({})]),                              N],
      ["without a second factor",                 staff("sleutelpersoon", { mfa: false }),    held([consent({})]),                                     N],
      ["a consultant (reads the intake anyway)",  actorFor("consulent"),                      held([consent({})]),                                     N],
    ];

    it.each(shared)("%s", (_case, actor, n, allowed) => {
      expect(intakePolicy.can(actor, "intake.education.readShared", n)).toBe(allowed);
      // Consent never opens the rest of the intake.
      if (actor.roles.includes("sleutelpersoon") || actor.roles.includes("partnermedewerker")) {
        expect(intakePolicy.can(actor, "intake.read", n)).toBe(false);
        expect(intakePolicy.can(actor, "intake.health.read", n)).toBe(false);
      }
    });
  });
});
