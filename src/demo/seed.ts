import { createAccount, newTotpSecret } from "../accounts/index.ts";
import { organisations } from "../organisations/index.ts";
import type { Db } from "../platform/db/client.ts";

export interface DemoLogin {
  role: string;
  email: string;
  password: string;
  totpSecret?: string;
}

export const DEMO_PASSWORD = "koers-demo-wachtwoord";

/** Fictional demo data: the Koers operator, a province, a municipality in regio Food Valley. */
export async function seedDemo(db: Db): Promise<DemoLogin[]> {
  return db.transaction(async (tx) => {
    const [beheer] = await tx
      .insert(organisations)
      .values({ kind: "beheer", name: "Koers beheer" })
      .returning();
    if (!beheer) throw new Error("seed failed");
    const logins: DemoLogin[] = [];
    const adminSecret = newTotpSecret();
    await createAccount(tx, {
      email: "beheer@koers.localhost",
      name: "Bea Beheer",
      organisationId: beheer.id,
      roles: ["beheerder"],
      password: DEMO_PASSWORD,
      totpSecret: adminSecret,
    });
    logins.push({
      role: "beheerder",
      email: "beheer@koers.localhost",
      password: DEMO_PASSWORD,
      totpSecret: adminSecret,
    });
    return logins;
  });
}
