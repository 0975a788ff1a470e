import { eq } from "drizzle-orm";
import { createAccount, newTotpSecret, type Role } from "../accounts/index.ts";
import { addMonths, newcomers, todayInNetherlands } from "../newcomers/index.ts";
import { createOrganisation, createRegion } from "../organisations/index.ts";
import { systemActor } from "../platform/authz/actor.ts";
import type { Db, DbOrTx } from "../platform/db/client.ts";
import { seedDemoSessions } from "../sessions/index.ts";
import { edeCases, wageningenCases } from "./cases.ts";
import { seedDemoNewcomers } from "./newcomers.ts";

export interface DemoLogin {
  role: string;
  email: string;
  password: string;
  totpSecret?: string;
}

/** The password of every demo account. Demo data is never seeded in production (config DEMO_DATA). */
export const DEMO_PASSWORD = "koers-demo-wachtwoord";

const ctx = { actor: systemActor };

async function organisation(tx: DbOrTx, input: Parameters<typeof createOrganisation>[2]) {
  const result = await createOrganisation(tx, ctx, input);
  if (result.outcome !== "created") throw new Error(`demo seed: ${JSON.stringify(result)}`);
  return result.organisation;
}

/**
 * Fictional demo data: the Koers operator, Provincie Gelderland, Regio Food Valley with the
 * municipalities Ede and Wageningen, a language school, and staff in each role. Every name is invented.
 */
export async function seedDemo(db: Db): Promise<DemoLogin[]> {
  return db.transaction(async (tx) => {
    // One secret for all demo accounts keeps the printed logins short; real accounts each enrol their own.
    const totpSecret = newTotpSecret();
    const logins: DemoLogin[] = [];
    const person = async (organisationId: string, role: Role, email: string, name: string) => {
      const accountId = await createAccount(tx, {
        email,
        name,
        organisationId,
        roles: [role],
        password: DEMO_PASSWORD,
        totpSecret,
      });
      logins.push({ role, email, password: DEMO_PASSWORD, totpSecret });
      return { accountId, name };
    };

    const beheer = await organisation(tx, { kind: "beheer", name: "Koers beheer" });
    const gelderland = await organisation(tx, { kind: "provincie", cbsCode: "PV25" });
    const region = await createRegion(tx, ctx, {
      name: "Regio Food Valley",
      provinceCode: "PV25",
      municipalityCodes: [
        "GM0203",
        "GM0228",
        "GM0267",
        "GM0274",
        "GM0340",
        "GM0279",
        "GM0345",
        "GM0289",
      ],
    });
    if (region.outcome !== "created") throw new Error("demo seed: region");
    const ede = await organisation(tx, {
      kind: "gemeente",
      cbsCode: "GM0228",
      parentId: gelderland.id,
      regionId: region.regionId,
      contactEmail: "inburgering@ede.example",
    });
    const wageningen = await organisation(tx, {
      kind: "gemeente",
      cbsCode: "GM0289",
      parentId: gelderland.id,
      regionId: region.regionId,
      contactEmail: "inburgering@wageningen.example",
    });
    const taalschool = await organisation(tx, {
      kind: "taalaanbieder",
      name: "Taalhuis De Brug (fictief)",
      regionId: region.regionId,
      contactEmail: "info@taalhuis-debrug.example",
    });

    await person(beheer.id, "beheerder", "beheer@koers.localhost", "Bea Beheer");
    const sanne = await person(ede.id, "consulent", "consulent@ede.example", "Sanne de Vries");
    const youssef = await person(ede.id, "consulent", "consulent2@ede.example", "Youssef Amrani");
    await person(ede.id, "teamleider", "teamleider@ede.example", "Marieke Jansen");
    await person(ede.id, "beheerder", "beheer@ede.example", "Henk Bos");
    const lotte = await person(
      wageningen.id,
      "consulent",
      "consulent@wageningen.example",
      "Lotte Smit",
    );
    const ruben = await person(
      gelderland.id,
      "procesbegeleider",
      "procesbegeleider@gelderland.example",
      "Ruben Visser",
    );
    await person(
      taalschool.id,
      "partnermedewerker",
      "docent@taalhuis-debrug.example",
      "Fatma Yilmaz",
    );

    // The newcomers, each at its stage, worked on by their own consultant (see cases.ts).
    const today = todayInNetherlands();
    const born = (age: number) => addMonths(today, -12 * age - 4);
    const edeNewcomers = await seedDemoNewcomers(
      tx,
      { organisationId: ede.id, consultants: [sanne, youssef] },
      edeCases(born),
      { languageProviderId: taalschool.id, bsnOffset: 0 },
    );
    // One newcomer with a set plan has already accepted the invitation: a portal account in
    // Tigrinya, so the newcomer's own pages can be shown (and measured, bench/page-weight.ts).
    // A newcomer's account has no TOTP secret; a second factor is offered, not required.
    const dawit = edeNewcomers.find(
      (n) => n.name === "Dawit Haile" && n.stage === "pip_vastgesteld",
    );
    if (!dawit) throw new Error("demo seed: no newcomer with a set plan for the portal login");
    const newcomerLogin = { email: "nieuwkomer@ede.example", password: DEMO_PASSWORD };
    const newcomerAccountId = await createAccount(tx, {
      ...newcomerLogin,
      name: dawit.name,
      organisationId: ede.id,
      roles: ["nieuwkomer"],
      locale: "ti",
    });
    await tx
      .update(newcomers)
      .set({ accountId: newcomerAccountId })
      .where(eq(newcomers.id, dawit.id));
    logins.push({ role: "nieuwkomer", ...newcomerLogin });
    await seedDemoNewcomers(
      tx,
      { organisationId: wageningen.id, consultants: [lotte] },
      wageningenCases(born),
      { bsnOffset: 100 },
    );

    // Maaksessies organised by the province: a past one with its actie-agenda, an upcoming one.
    await seedDemoSessions(tx, {
      organiserId: gelderland.id,
      regionId: region.regionId,
      partnerIds: [ede.id, taalschool.id],
      createdBy: ruben.accountId,
      today,
    });
    return logins;
  });
}
