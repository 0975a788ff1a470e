import { describe, expect, it } from "vitest";
import type { ActiveConsent } from "../consent/rules.ts";
import type { Actor, Role } from "../platform/authz/actor.ts";
import {
  disclosedDataClasses,
  mayReadDataClass,
  type NewcomerRef,
  newcomerDataClasses,
  newcomerPolicy,
  writableDataClasses,
} from "./policy.ts";
import { presentNewcomer } from "./presenter.ts";

const MY_ORG = "00000000-0000-4000-8000-00000000000a";
const OTHER_ORG = "00000000-0000-4000-8000-00000000000b";
const ME = "00000000-0000-4000-8000-0000000000e1";
const COLLEAGUE = "00000000-0000-4000-8000-0000000000e2";

type Who = Role | "platformbeheerder" | "api lezen" | "api zonder scope";
type Relation = "assigned" | "same org" | "other org";

function actorFor(who: Who): Actor {
  const base = { accountId: ME, organisationId: MY_ORG, organisationKind: "gemeente", mfa: true };
  if (who === "platformbeheerder")
    return { ...base, kind: "staff", roles: ["beheerder"], organisationKind: "beheer" };
  if (who === "api lezen")
    return { ...base, kind: "api", roles: [], scopes: ["nieuwkomers:lezen"] };
  if (who === "api zonder scope") return { ...base, kind: "api", roles: [], scopes: [] };
  return { ...base, kind: who === "nieuwkomer" ? "newcomer" : "staff", roles: [who] };
}

/** "other org" is assigned to me on paper: an assignment never crosses organisations. */
function newcomerFor(relation: Relation): NewcomerRef {
  if (relation === "assigned") return { organisationId: MY_ORG, assignedConsultantId: ME };
  if (relation === "same org") return { organisationId: MY_ORG, assignedConsultantId: COLLEAGUE };
  return { organisationId: OTHER_ORG, assignedConsultantId: ME };
}

const Y = true;
const N = false;

// Who sees which data class of a newcomer's record, without consents (sleutelpersoon and
// partnermedewerker see nothing then; the consent rows are in the table further down).
// biome-ignore format: the table is aligned to be read as one.
const table: [Who, Relation, boolean, boolean, boolean, boolean, boolean][] = [
  // who                  relation     basic identity contact residence health
  ["consulent",           "assigned",  Y,    Y,       Y,      Y,        Y],
  ["consulent",           "same org",  Y,    Y,       Y,      Y,        N],
  ["consulent",           "other org", N,    N,       N,      N,        N],
  ["teamleider",          "assigned",  Y,    Y,       Y,      Y,        Y],
  ["teamleider",          "same org",  Y,    Y,       Y,      Y,        N],
  ["teamleider",          "other org", N,    N,       N,      N,        N],
  ["beheerder",           "assigned",  N,    N,       N,      N,        N],
  ["beheerder",           "same org",  N,    N,       N,      N,        N],
  ["beheerder",           "other org", N,    N,       N,      N,        N],
  ["platformbeheerder",   "assigned",  N,    N,       N,      N,        N],
  ["platformbeheerder",   "same org",  N,    N,       N,      N,        N],
  ["platformbeheerder",   "other org", N,    N,       N,      N,        N],
  ["procesbegeleider",    "assigned",  N,    N,       N,      N,        N],
  ["procesbegeleider",    "same org",  N,    N,       N,      N,        N],
  ["procesbegeleider",    "other org", N,    N,       N,      N,        N],
  ["partnermedewerker",   "assigned",  N,    N,       N,      N,        N],
  ["partnermedewerker",   "same org",  N,    N,       N,      N,        N],
  ["partnermedewerker",   "other org", N,    N,       N,      N,        N],
  ["sleutelpersoon",      "assigned",  N,    N,       N,      N,        N],
  ["sleutelpersoon",      "same org",  N,    N,       N,      N,        N],
  ["sleutelpersoon",      "other org", N,    N,       N,      N,        N],
  ["nieuwkomer",          "assigned",  N,    N,       N,      N,        N],
  ["nieuwkomer",          "same org",  N,    N,       N,      N,        N],
  ["nieuwkomer",          "other org", N,    N,       N,      N,        N],
  ["api lezen",           "assigned",  Y,    Y,       Y,      Y,        N],
  ["api lezen",           "same org",  Y,    Y,       Y,      Y,        N],
  ["api lezen",           "other org", N,    N,       N,      N,        N],
  ["api zonder scope",    "same org",  N,    N,       N,      N,        N],
];

const cases = table.flatMap(([who, relation, ...allowed]) =>
  newcomerDataClasses.map((dataClass, i) => [who, relation, dataClass, allowed[i]] as const),
);

describe("newcomer data disclosure: role × relation × data class", () => {
  it.each(cases)("%s, %s: %s → %s", (who, relation, dataClass, allowed) => {
    expect(mayReadDataClass(actorFor(who), newcomerFor(relation), dataClass)).toBe(allowed);
  });

  it.each(table)(
    "%s, %s: the record exists for them only if they see a data class",
    (who, relation, ...allowed) => {
      const exists = newcomerPolicy.can(actorFor(who), "newcomer.read", newcomerFor(relation));
      expect(exists).toBe(allowed.some(Boolean));
    },
  );

  it("shows nothing to staff without a second factor in this session", () => {
    const actor = { ...actorFor("consulent"), mfa: false };
    expect(disclosedDataClasses(actor, newcomerFor("assigned"))).toEqual([]);
  });
});

describe("newcomer actions", () => {
  // biome-ignore format: the table is aligned to be read as one.
  const actions: [Who, list: boolean, create: boolean, update: boolean][] = [
    // who                  list  create update (own organisation)
    ["consulent",           Y,    Y,     Y],
    ["teamleider",          Y,    Y,     Y],
    ["beheerder",           N,    N,     N],
    ["platformbeheerder",   N,    N,     N],
    ["procesbegeleider",    N,    N,     N],
    ["partnermedewerker",   N,    N,     N],
    ["sleutelpersoon",      N,    N,     N],
    ["nieuwkomer",          N,    N,     N],
    ["api lezen",           Y,    N,     N],
  ];
  it.each(actions)("%s: list %s, create %s, update %s", (who, list, create, update) => {
    const actor = actorFor(who);
    const own = { organisationId: MY_ORG };
    expect(newcomerPolicy.can(actor, "newcomer.list", own)).toBe(list);
    expect(newcomerPolicy.can(actor, "newcomer.create", own)).toBe(create);
    expect(newcomerPolicy.can(actor, "newcomer.update", newcomerFor("same org"))).toBe(update);
    // Never in another organisation.
    expect(newcomerPolicy.can(actor, "newcomer.list", { organisationId: OTHER_ORG })).toBe(false);
    expect(newcomerPolicy.can(actor, "newcomer.update", newcomerFor("other org"))).toBe(false);
  });

  // biome-ignore format: the table is aligned to be read as one.
  const transfers: [Who, own: boolean, colleagues: boolean, nobodys: boolean, importFile: boolean][] = [
    // who                  transfer: own  a colleague's  nobody's   import a file
    ["consulent",           Y,             N,             Y,         Y],
    ["teamleider",          Y,             Y,             Y,         Y],
    ["beheerder",           N,             N,             N,         N],
    ["partnermedewerker",   N,             N,             N,         N],
    ["sleutelpersoon",      N,             N,             N,         N],
    ["api lezen",           N,             N,             N,         N],
  ];
  it.each(transfers)(
    "%s: transfer own %s, a colleague's %s, nobody's %s; import %s",
    (who, own, colleagues, nobodys, importFile) => {
      const actor = actorFor(who);
      expect(newcomerPolicy.can(actor, "newcomer.transfer", newcomerFor("assigned"))).toBe(own);
      expect(newcomerPolicy.can(actor, "newcomer.transfer", newcomerFor("same org"))).toBe(
        colleagues,
      );
      const unassigned = { organisationId: MY_ORG, assignedConsultantId: null };
      expect(newcomerPolicy.can(actor, "newcomer.transfer", unassigned)).toBe(nobodys);
      expect(newcomerPolicy.can(actor, "newcomer.import", { organisationId: MY_ORG })).toBe(
        importFile,
      );
      expect(newcomerPolicy.can(actor, "newcomer.transfer", newcomerFor("other org"))).toBe(false);
      expect(newcomerPolicy.can(actor, "newcomer.import", { organisationId: OTHER_ORG })).toBe(
        false,
      );
    },
  );

  it("lets only a municipality register newcomers", () => {
    const coaConsultant = { ...actorFor("consulent"), organisationKind: "coa" };
    expect(newcomerPolicy.can(coaConsultant, "newcomer.create", { organisationId: MY_ORG })).toBe(
      false,
    );
  });

  it("lets a partner system with the write scope change everything but health", () => {
    const system: Actor = {
      ...actorFor("api lezen"),
      scopes: ["nieuwkomers:lezen", "nieuwkomers:schrijven"],
    };
    expect(writableDataClasses(system, newcomerFor("same org"))).toEqual([
      "basic",
      "identity",
      "contact",
      "residence",
    ]);
    expect(writableDataClasses(actorFor("consulent"), newcomerFor("assigned"))).toContain("health");
    expect(writableDataClasses(actorFor("consulent"), newcomerFor("same org"))).not.toContain(
      "health",
    );
  });
});

describe("presentNewcomer", () => {
  const row = {
    id: "00000000-0000-4000-8000-000000000101",
    organisationId: MY_ORG,
    givenNames: "Amina",
    familyName: "Yusuf",
    birthDate: "1991-03-04",
    bsn: "123456782",
    countryOfOrigin: "Somalië",
    targetGroup: "asielstatushouder" as const,
    phone: "0612345678",
    email: "amina@example.org",
    preferredLanguage: "so",
    healthNotes: "Vermoeid na lange reis; huisarts bezocht.",
    assignedConsultantId: COLLEAGUE,
    assignedConsultantName: "Collega Consulent",
    accountId: null,
    familyNamePrefix: null,
    address: "Stationsweg 1, Ede",
    letterLanguage: "so",
    interpreterNeeded: true,
    interpreterLanguage: "so",
    literacy: "beperkt_geletterd" as const,
    latinScript: true,
    socialAssistance: true,
    closedOn: null,
    closedReason: null,
    createdAt: new Date(),
    updatedAt: new Date(),
    version: 3,
  };

  it("leaves out the fields of every data class the actor may not see", () => {
    const shown = presentNewcomer(actorFor("consulent"), row);
    expect(shown.dataClasses).toEqual(["basic", "identity", "contact", "residence"]);
    expect(shown).toMatchObject({
      givenNames: "Amina",
      bsn: "123456782",
      email: "amina@example.org",
    });
    expect("healthNotes" in shown).toBe(false);
    expect(JSON.stringify(shown)).not.toContain("Vermoeid");
  });

  it("shows health to the assigned consultant", () => {
    const assigned = { ...actorFor("consulent"), accountId: COLLEAGUE };
    expect(presentNewcomer(assigned, row).healthNotes).toBe(row.healthNotes);
  });

  it("narrows to basic data for lists", () => {
    const shown = presentNewcomer(actorFor("consulent"), row, ["basic"]);
    expect(shown.dataClasses).toEqual(["basic"]);
    expect(JSON.stringify(shown)).not.toContain("123456782");
    expect(shown.assignedConsultant).toEqual({ id: COLLEAGUE, name: "Collega Consulent" });
  });

  it("puts every new field in its data class", () => {
    const shown = presentNewcomer(actorFor("consulent"), row, ["basic"]);
    expect(shown).toMatchObject({ interpreterNeeded: true, literacy: "beperkt_geletterd" });
    expect("address" in shown).toBe(false);
    expect("letterLanguage" in shown).toBe(false);
    expect("socialAssistance" in shown).toBe(false);
    const contact = presentNewcomer(actorFor("consulent"), row, ["contact"]);
    expect(contact).toMatchObject({ address: "Stationsweg 1, Ede", letterLanguage: "so" });
    const residence = presentNewcomer(actorFor("consulent"), row, ["residence"]);
    expect(residence).toMatchObject({ targetGroup: "asielstatushouder", socialAssistance: true });
  });

  it("presents nothing but the id to someone of another organisation", () => {
    const outsider = { ...actorFor("consulent"), organisationId: OTHER_ORG };
    const shown = presentNewcomer(outsider, row);
    expect(Object.keys(shown).sort()).toEqual(["dataClasses", "id", "organisationId", "version"]);
  });
});

// Consent (issue 4, decision 0013): a key person or partner sees what a consent in force grants
// them — never identity or residence, health only when granted by name.
describe("newcomer data disclosure under consent", () => {
  const PARTNER_ORG = "00000000-0000-4000-8000-00000000000c";
  const day = 86_400_000;
  const consent = (over: Partial<ActiveConsent>): ActiveConsent => ({
    id: "00000000-0000-4000-8000-000000000c01",
    purpose: "sleutelpersoon",
    granteeAccountId: ME,
    granteeOrganisationId: null,
    dataClasses: ["basic", "plan"],
    validFrom: new Date(Date.now() - day),
    validUntil: new Date(Date.now() + 30 * day),
    revokedAt: null,
    ...over,
  });
  const partner: Actor = {
    kind: "staff",
    accountId: ME,
    organisationId: PARTNER_ORG,
    organisationKind: "lokaal_initiatief",
    roles: ["partnermedewerker"],
    mfa: true,
  };
  const orgConsent = (classes: string[]) =>
    consent({
      purpose: "lokaal_initiatief",
      granteeAccountId: null,
      granteeOrganisationId: PARTNER_ORG,
      dataClasses: classes,
    });

  // biome-ignore format: the table is aligned to be read as one.
  const table: [string, Actor, ActiveConsent[], boolean, boolean, boolean, boolean, boolean][] = [
    // who, consent                                  actor                                consents                                                   basic identity contact residence health
    ["key person, basic + plan",                     actorFor("sleutelpersoon"),         [consent({})],                                             Y,    N,       N,      N,        N],
    ["key person, basic + health",                   actorFor("sleutelpersoon"),         [consent({ dataClasses: ["basic", "health"] })],           Y,    N,       N,      N,        Y],
    ["key person, identity forged into a consent",   actorFor("sleutelpersoon"),         [consent({ dataClasses: ["identity", "residence"] })],     N,    N,       N,      N,        N],
    ["key person, consent for someone else",         actorFor("sleutelpersoon"),         [consent({ granteeAccountId: COLLEAGUE })],                N,    N,       N,      N,        N],
    ["key person, revoked",                          actorFor("sleutelpersoon"),         [consent({ revokedAt: new Date() })],                      N,    N,       N,      N,        N],
    ["key person, expired",                          actorFor("sleutelpersoon"),         [consent({ validUntil: new Date(Date.now() - day) })],     N,    N,       N,      N,        N],
    ["key person, not started yet",                  actorFor("sleutelpersoon"),         [consent({ validFrom: new Date(Date.now() + day) })],      N,    N,       N,      N,        N],
    ["key person without second factor",             { ...actorFor("sleutelpersoon"), mfa: false }, [consent({})],                                  N,    N,       N,      N,        N],
    ["key person, no consents loaded",               actorFor("sleutelpersoon"),         [],                                                        N,    N,       N,      N,        N],
    ["partner, organisation consent basic + contact", partner,                           [orgConsent(["basic", "contact"])],                        Y,    N,       Y,      N,        N],
    ["partner of another organisation",              { ...partner, organisationId: OTHER_ORG }, [orgConsent(["basic", "contact"])],                 N,    N,       N,      N,        N],
    ["consultant of the partner organisation",       { ...partner, roles: ["consulent"] }, [orgConsent(["basic"])],                                 N,    N,       N,      N,        N],
    ["newcomer named in a consent",                  actorFor("nieuwkomer"),             [consent({})],                                             N,    N,       N,      N,        N],
  ];

  it.each(table)("%s", (_who, actor, consents, ...allowed) => {
    const ref: NewcomerRef = { ...newcomerFor("same org"), consents };
    expect(newcomerDataClasses.map((dc) => mayReadDataClass(actor, ref, dc))).toEqual(allowed);
  });

  it("does not let consent change the record", () => {
    const ref: NewcomerRef = { ...newcomerFor("same org"), consents: [consent({})] };
    expect(newcomerPolicy.can(actorFor("sleutelpersoon"), "newcomer.update", ref)).toBe(false);
    expect(writableDataClasses(actorFor("sleutelpersoon"), ref)).toEqual([]);
  });
});
