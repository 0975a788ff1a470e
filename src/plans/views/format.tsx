import type { TFunction } from "i18next";
import type { ComponentChildren } from "preact";
import type { PlanMessage } from "../commands.ts";
import { formatDate } from "../compare.ts";
import type { PlanNewcomer } from "../queries.ts";
import { type AdviceReason, decodeReason } from "../rules.ts";

export { formatDate };

/** Where a newcomer's PIP pages live. */
export const planPath = (newcomerId: string, rest = "") => `/nieuwkomers/${newcomerId}/pip${rest}`;
export const versionPath = (newcomerId: string, number: number, rest = "") =>
  planPath(newcomerId, `/versies/${number}${rest}`);

export const newcomerName = (
  n: Pick<PlanNewcomer, "givenNames" | "familyName" | "familyNamePrefix">,
) => [n.givenNames, n.familyNamePrefix, n.familyName].filter(Boolean).join(" ");

/**
 * A message (advice reason, validation error) in plain words: values that are codes become words
 * (an education level), dates are written out in the page's language.
 */
export function explain(t: TFunction, locale: string, message: PlanMessage | AdviceReason): string {
  const values: Record<string, string | number> = { ...message.values };
  if (typeof values.level === "string") values.level = t(`plans:educationLevels.${values.level}`);
  if (typeof values.status === "string") values.status = t(`plans:status.${values.status}`);
  for (const k of ["deadline", "date"])
    if (typeof values[k] === "string") values[k] = formatDate(locale, values[k] as string);
  return t(message.key, values);
}

/** The stored advice reasons of a version, in plain words. */
export const storedReasons = (t: TFunction, locale: string, reasons: readonly string[]) =>
  reasons.map((r) => explain(t, locale, decodeReason(r)));

/** Field errors in the user's language from the command's messages. */
export function translateErrors(
  t: TFunction,
  locale: string,
  fields: Record<string, PlanMessage>,
): Record<string, string> {
  return Object.fromEntries(Object.entries(fields).map(([f, m]) => [f, explain(t, locale, m)]));
}

/** A row of a data list (Utrecht data-list). */
export function Row(props: { label: string; children: ComponentChildren }) {
  return (
    <div class="utrecht-data-list__item">
      <dt class="utrecht-data-list__item-key">{props.label}</dt>
      <dd class="utrecht-data-list__item-value utrecht-data-list__item-value--html-dd">
        {props.children}
      </dd>
    </div>
  );
}

export function DataList(props: { children: ComponentChildren }) {
  return <dl class="utrecht-data-list utrecht-data-list--rows">{props.children}</dl>;
}
