import { eq } from "drizzle-orm";
import type { DbOrTx } from "../platform/db/client.ts";
import { identityProviders } from "./schema.ts";

/** Identity providers people can choose on the sign-in page. */
export async function enabledProviders(db: DbOrTx): Promise<{ id: string; name: string }[]> {
  return db
    .select({ id: identityProviders.id, name: identityProviders.name })
    .from(identityProviders)
    .where(eq(identityProviders.enabled, true));
}
