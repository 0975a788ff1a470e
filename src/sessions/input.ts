import { z } from "zod";
import { optionalText, requiredText } from "../platform/http/forms.ts";
import { locales } from "../platform/i18n/languages.ts";
import type { BreakoutInput, RegistrationInput, SessionInput } from "./commands.ts";
import { type ProgrammeItem, participantRoles } from "./schema.ts";

// The session form works without JavaScript: programme items are numbered rows
// (programme.<n>.start/end/title/who); the form shows the items plus empty rows to add more, and
// emptying a row removes it. Checkbox groups arrive as one string or a list.

/** Rows to fill in below the existing programme items. */
export const EMPTY_PROGRAMME_ROWS = 3;
const MAX_PROGRAMME = 40;

const list = z.preprocess(
  (v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]),
  z.array(z.string().max(100)).max(100),
);
const time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { message: "sessions:errors.time" });
const optionalUuid = z.uuid().optional();
const capacity = z.coerce.number().int().min(0).max(10_000).optional();

/** The session form's fields; programme rows are read separately (programmeFromForm). */
export const sessionFormSchema = z
  .object({
    version: z.coerce.number().int().min(1).optional(),
    title: requiredText(200),
    description: optionalText(4000),
    themeIds: list.pipe(z.array(z.uuid())),
    newTheme: optionalText(80),
    regionId: optionalUuid,
    date: z.iso.date(),
    startsAt: time,
    endsAt: time,
    place: optionalText(300),
    onlineUrl: z
      .url({ protocol: /^https?$/ })
      .max(500)
      .optional(),
    partnerOrganisationIds: list.pipe(z.array(z.uuid())),
    capacity,
    languages: list.pipe(z.array(z.enum(locales as [string, ...string[]]))),
    interpreters: optionalText(300),
    registrationOpen: z.enum(["ja"]).optional(),
  })
  .passthrough()
  .superRefine((data, ctx) => {
    if (data.endsAt <= data.startsAt)
      ctx.addIssue({ code: "custom", path: ["endsAt"], message: "sessions:errors.endBeforeStart" });
    if (!data.place && !data.onlineUrl)
      ctx.addIssue({ code: "custom", path: ["place"], message: "sessions:errors.placeOrLink" });
  });

export type SessionFormData = z.output<typeof sessionFormSchema>;

/** Programme rows from the posted form: filled rows in order, empty rows dropped. */
export function programmeFromForm(body: Record<string, unknown>): {
  items: ProgrammeItem[];
  errors: Record<string, string>;
} {
  const items: ProgrammeItem[] = [];
  const errors: Record<string, string> = {};
  const text = (key: string) => {
    const v = body[key];
    return typeof v === "string" ? v.trim().slice(0, 300) : "";
  };
  for (let n = 0; n < MAX_PROGRAMME + EMPTY_PROGRAMME_ROWS; n++) {
    const start = text(`programme.${n}.start`);
    const end = text(`programme.${n}.end`);
    const title = text(`programme.${n}.title`);
    const who = text(`programme.${n}.who`);
    if (!start && !end && !title && !who) continue;
    if (!time.safeParse(start).success) errors[`programme.${n}.start`] = "sessions:errors.time";
    if (end && !time.safeParse(end).success) errors[`programme.${n}.end`] = "sessions:errors.time";
    if (!title) errors[`programme.${n}.title`] = "validation:required";
    items.push({ start, title, ...(end ? { end } : {}), ...(who ? { who } : {}) });
  }
  items.sort((a, b) => a.start.localeCompare(b.start));
  return { items: items.slice(0, MAX_PROGRAMME), errors };
}

/** The command's input from the parsed form. */
export const sessionInputFrom = (
  data: SessionFormData,
  programme: ProgrammeItem[],
  themeIds: string[],
): SessionInput => ({
  title: data.title,
  description: data.description ?? null,
  themeIds,
  regionId: data.regionId ?? null,
  date: data.date,
  startsAt: data.startsAt,
  endsAt: data.endsAt,
  place: data.place ?? null,
  onlineUrl: data.onlineUrl ?? null,
  programme,
  partnerOrganisationIds: data.partnerOrganisationIds,
  capacity: data.capacity ?? null,
  languages: data.languages.length > 0 ? data.languages : ["nl"],
  interpreters: data.interpreters ?? null,
  registrationOpen: data.registrationOpen === "ja",
});

const breakoutFields = z.object({
  title: requiredText(200),
  description: optionalText(2000),
  hostOrganisationId: optionalUuid,
  room: optionalText(200),
  startsAt: time,
  endsAt: time,
  capacity,
});

const endAfterStart = (data: { startsAt: string; endsAt: string }, ctx: z.RefinementCtx) => {
  if (data.endsAt <= data.startsAt)
    ctx.addIssue({ code: "custom", path: ["endsAt"], message: "sessions:errors.endBeforeStart" });
};

/** Adding a deelsessie. */
export const breakoutFormSchema = breakoutFields.superRefine(endAfterStart);

/** Changing one: the same fields and checks, plus the version the form was loaded with. */
export const breakoutEditSchema = breakoutFields
  .extend({ version: z.coerce.number().int().min(1) })
  .superRefine(endAfterStart);

/** Removing one: the version the confirmation page showed. */
export const breakoutRemoveSchema = z.object({ version: z.coerce.number().int().min(1) });

export const breakoutInputFrom = (data: z.output<typeof breakoutFields>): BreakoutInput => ({
  title: data.title,
  description: data.description ?? null,
  hostOrganisationId: data.hostOrganisationId ?? null,
  room: data.room ?? null,
  startsAt: data.startsAt,
  endsAt: data.endsAt,
  capacity: data.capacity ?? null,
});

/** The public registration form. */
export const registrationFormSchema = z.object({
  name: requiredText(200),
  email: z.email().max(254),
  affiliation: optionalText(200),
  role: z.enum(participantRoles),
  locale: z.enum(locales as [string, ...string[]]),
  interpreter: optionalText(100),
  accessibility: optionalText(500),
  childcare: z.enum(["ja"]).optional(),
  breakoutId: optionalUuid,
});

export const registrationInputFrom = (
  data: z.output<typeof registrationFormSchema>,
): RegistrationInput => ({
  name: data.name,
  email: data.email.toLowerCase(),
  affiliation: data.affiliation ?? null,
  role: data.role,
  locale: data.locale,
  needs: {
    ...(data.interpreter ? { interpreter: data.interpreter } : {}),
    ...(data.accessibility ? { accessibility: data.accessibility } : {}),
    ...(data.childcare ? { childcare: true } : {}),
  },
  breakoutId: data.breakoutId ?? null,
});

export const checkInFormSchema = z.object({ code: requiredText(20) });
export const themeFormSchema = z.object({ name: requiredText(80) });
