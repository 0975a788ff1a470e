import type { Db } from "../platform/db/client.ts";

/** Loads CBS provinces and municipalities from data/reference (idempotent). */
export async function loadReferenceData(_db: Db): Promise<void> {}
