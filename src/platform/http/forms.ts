import type { TFunction } from "i18next";
import { z } from "zod";

/** Field name → message in the user's language. */
export type FieldErrors = Record<string, string>;

export type FormResult<T> =
  | { ok: true; data: T }
  | { ok: false; errors: FieldErrors; values: Record<string, unknown> };

/** Translates one Zod issue into a message in the user's language (namespace "validation"). */
function message(issue: z.core.$ZodRawIssue, t: TFunction): string {
  switch (issue.code) {
    case "invalid_type":
      return issue.input === undefined || issue.input === ""
        ? t("validation:required")
        : t("validation:invalid");
    case "too_small":
      if (issue.origin === "string" && Number(issue.minimum) <= 1) return t("validation:required");
      return issue.origin === "string"
        ? t("validation:tooShort", { count: Number(issue.minimum) })
        : t("validation:tooSmall", { min: Number(issue.minimum) });
    case "too_big":
      return issue.origin === "string"
        ? t("validation:tooLong", { count: Number(issue.maximum) })
        : t("validation:tooBig", { max: Number(issue.maximum) });
    case "invalid_format":
      return issue.format === "email" ? t("validation:email") : t("validation:format");
    case "invalid_value":
      return t("validation:choice");
    case "custom":
      // Custom refinements carry an i18n key as their message.
      return t(
        issue.message ?? "validation:invalid",
        (issue.params ?? {}) as Record<string, unknown>,
      );
    default:
      return t("validation:invalid");
  }
}

/** The same translation for validators other than forms (the JSON API's invalidParams). */
export const translateIssue = message;

/**
 * Validates a submitted form (or JSON body) against a schema. On failure returns field-level
 * messages in the user's language and the submitted values, so the form can be shown again
 * with nothing lost. Empty strings count as "not given".
 */
export function parseForm<S extends z.ZodType>(
  schema: S,
  body: unknown,
  t: TFunction,
): FormResult<z.infer<S>> {
  const values: Record<string, unknown> = { ...(body as Record<string, unknown> | undefined) };
  delete values._csrf;
  const cleaned: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(values)) {
    cleaned[k] = typeof v === "string" ? (v.trim() === "" ? undefined : v.trim()) : v;
  }
  const result = schema.safeParse(cleaned, { error: (issue) => message(issue, t) });
  if (result.success) return { ok: true, data: result.data };
  const errors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const field = issue.path.join(".") || "_form";
    // A message set on the schema (refine) wins over the error map in zod 4: it is an i18n key.
    const isKey = /^[a-z]+:[\w.]+$/.test(issue.message);
    const params = (issue as { params?: Record<string, unknown> }).params ?? {};
    errors[field] ??= isKey ? t(issue.message, params) : issue.message;
  }
  return { ok: false, errors, values };
}

/** A string field that may be left empty (becomes undefined). */
export const optionalText = (max = 500) => z.string().max(max).optional();
export const requiredText = (max = 500) => z.string().min(1).max(max);
