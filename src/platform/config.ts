import { z } from "zod";

/**
 * Koers's configuration, parsed once at start from the environment.
 * Safe local defaults; in production the secrets and the public URL are required.
 */
const schema = z
  .object({
    NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
    HOST: z.string().default("127.0.0.1"),
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    PUBLIC_URL: z.url().optional(),
    /** postgres://… runs Koers on a PostgreSQL server; unset uses embedded PGlite. */
    DATABASE_URL: z.string().optional(),
    /** Folder for the embedded database (PGlite). */
    DATA_DIR: z.string().default("data/db"),
    /** PGlite only: fsync every commit to disk (safe on a power cut, slower). See docs/operations.md. */
    PGLITE_FSYNC: z.stringbool().optional(),
    SESSION_SECRET: z.string().min(32).optional(),
    /**
     * Keys the pseudonyms that link a DigiD to an account (decision 0017). Unset: derived from
     * SESSION_SECRET, so rotating that secret would end every DigiD link; set it to rotate freely.
     */
    IDENTITY_LINK_SECRET: z.string().min(32).optional(),
    SESSION_IDLE_MINUTES: z.coerce.number().int().positive().default(30),
    SESSION_ABSOLUTE_HOURS: z.coerce.number().int().positive().default(12),
    SMTP_URL: z.string().optional(),
    MAIL_FROM: z.string().default("Koers <noreply@koers.localhost>"),
    /** Seed demo data on first start when the database is empty. */
    /** Seed the demo data on first start; defaults to on, except in production. */
    DEMO_DATA: z.stringbool().optional(),
    LOG_LEVEL: z
      .enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"])
      .default("info"),
    /** Minutes between scheduled VACUUM ANALYZE runs (PGlite has no autovacuum). 0 turns it off. */
    VACUUM_INTERVAL_MINUTES: z.coerce.number().int().min(0).default(60),
    TRUST_PROXY: z.stringbool().default(false),
    /** Partner API: requests per minute per token (and per address without a valid token). */
    /** Requests per minute per network address for pages (the API and the live board have their own). */
    RATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().default(600),
    API_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().default(600),
    /** Non-cooperation ladder (art. 29 Wi2021): each fine, in euro cents (€250 at the time of writing). */
    FINE_AMOUNT_CENTS: z.coerce.number().int().min(0).default(25000),
    /** Chromium for PDF documents (the PIP, decision 0011); without it the printable page remains. */
    CHROMIUM_PATH: z.string().default("/usr/bin/chromium"),
    /** Days before a progress review is due that the assigned consultant gets a reminder (once). */
    REVIEW_REMINDER_DAYS: z.coerce.number().int().min(0).max(60).default(7),
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV !== "production") return;
    for (const key of ["SESSION_SECRET", "PUBLIC_URL"] as const) {
      if (!env[key])
        ctx.addIssue({ code: "custom", path: [key], message: "required in production" });
    }
  });

export type Config = Omit<
  z.infer<typeof schema>,
  "SESSION_SECRET" | "DEMO_DATA" | "PGLITE_FSYNC"
> & {
  SESSION_SECRET: string;
  /** IDENTITY_LINK_SECRET, or SESSION_SECRET when that is unset. */
  identityLinkSecret: string;
  PGLITE_FSYNC: boolean;
  DEMO_DATA: boolean;
  publicUrl: string;
  isProduction: boolean;
};

/** Parses the environment into a Config, or throws one readable error listing every bad variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join("\n")}`);
  }
  const c = parsed.data;
  // Development only: a fixed secret so sessions survive a restart. Production requires one (above).
  const sessionSecret = c.SESSION_SECRET ?? "koers-development-secret-not-for-production-use!";
  return {
    ...c,
    SESSION_SECRET: sessionSecret,
    identityLinkSecret: c.IDENTITY_LINK_SECRET ?? sessionSecret,
    // Known demo passwords must never appear in production by accident.
    DEMO_DATA: c.DEMO_DATA ?? c.NODE_ENV !== "production",
    // Production must survive a power cut; development favours speed (docs/operations.md, decision 0003).
    PGLITE_FSYNC: c.PGLITE_FSYNC ?? c.NODE_ENV === "production",
    publicUrl: c.PUBLIC_URL ?? `http://localhost:${c.PORT}`,
    isProduction: c.NODE_ENV === "production",
  };
}
