import { and, asc, desc, eq, gte, isNull } from "drizzle-orm";
// Tables from their schema files: accounts/index.ts would pull in route modules (as plans/queries.ts).
import { accountIdentities, accounts, identityProviders } from "../accounts/schema.ts";
import { type AuditContext, recordAudit } from "../audit/index.ts";
// The intake's index does not export its conversations table (yet): read-only use here.
import { conversations } from "../intake/schema.ts";
import { newcomers, todayInNetherlands } from "../newcomers/index.ts";
import { organisations } from "../organisations/index.ts";
import {
  type PlanContent,
  plans,
  planVersions,
  routeChangeDeadline,
  termEnd,
  termStart,
} from "../plans/index.ts";
import { NotFoundError } from "../platform/authz/index.ts";
import type { Db, DbOrTx } from "../platform/db/client.ts";
import { reviews } from "../reviews/index.ts";
import type { PortalNewcomerRef } from "./policy.ts";
import { newcomerVoices, passkeys, planReactions, planViews, textTranslations } from "./schema.ts";

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The read of one's own record (AVG art. 15) under the municipality's legal task. */
export const OWN_ACCESS = { purpose: "eigen_inzage", legalBasis: "wettelijke_taak" } as const;

/** A newcomer as the invitation's policy needs them: no personal data. */
export interface InviteRef extends PortalNewcomerRef {
  id: string;
  preferredLanguage: string;
}

/** How a newcomer gets into Koers, for the consultant helping someone who cannot (no secrets). */
export interface NewcomerAccess {
  status: "invited" | "active" | "disabled";
  password: boolean;
  passkeys: number;
  /** The DigiD links of the account: the municipality's broker and since when. */
  digid: { provider: string; since: Date }[];
}

/** A newcomer as the invitation pages show them. */
export interface InviteNewcomer extends InviteRef {
  givenNames: string;
  familyName: string;
  email: string | null;
  /** Set once the newcomer has an account. */
  access?: NewcomerAccess | undefined;
}

/** The DigiD links of an account, with the broker they were made at (staff identities excluded). */
export function digidLinksOf(db: DbOrTx, accountId: string) {
  return db
    .select({
      id: accountIdentities.id,
      provider: identityProviders.name,
      since: accountIdentities.createdAt,
    })
    .from(accountIdentities)
    .innerJoin(
      identityProviders,
      and(
        eq(identityProviders.issuer, accountIdentities.issuer),
        eq(identityProviders.organisationId, accountIdentities.organisationId),
        eq(identityProviders.purpose, "digid"),
      ),
    )
    .where(eq(accountIdentities.accountId, accountId))
    .orderBy(asc(accountIdentities.createdAt));
}

async function accessOf(tx: DbOrTx, accountId: string): Promise<NewcomerAccess | undefined> {
  const [account] = await tx
    .select({ status: accounts.status, passwordHash: accounts.passwordHash })
    .from(accounts)
    .where(eq(accounts.id, accountId));
  if (!account) return undefined;
  const keys = await tx
    .select({ id: passkeys.id })
    .from(passkeys)
    .where(eq(passkeys.accountId, accountId));
  const links = await digidLinksOf(tx, accountId);
  return {
    status: account.status,
    password: account.passwordHash !== null,
    passkeys: keys.length,
    digid: links.map(({ provider, since }) => ({ provider, since })),
  };
}

/** The policy facts of a record for the invitation; undefined when there is no such record. */
export async function findInviteRef(db: DbOrTx, id: string): Promise<InviteRef | undefined> {
  if (!uuidPattern.test(id)) return undefined;
  const [row] = await db
    .select({
      id: newcomers.id,
      organisationId: newcomers.organisationId,
      assignedConsultantId: newcomers.assignedConsultantId,
      accountId: newcomers.accountId,
      preferredLanguage: newcomers.preferredLanguage,
    })
    .from(newcomers)
    .where(eq(newcomers.id, id));
  return row;
}

/** The name and e-mail address the invitation page shows, audited as a read by the caseworker. */
export async function getInviteNewcomer(
  db: Db,
  ctx: AuditContext,
  ref: InviteRef,
): Promise<InviteNewcomer> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select({
        givenNames: newcomers.givenNames,
        familyName: newcomers.familyName,
        email: newcomers.email,
      })
      .from(newcomers)
      .where(eq(newcomers.id, ref.id));
    if (!row) throw new NotFoundError("newcomer");
    await recordAudit(tx, ctx, {
      purpose: "uitvoering_wet_inburgering",
      legalBasis: "wettelijke_taak",
      action: "read",
      resourceType: "newcomer_invitation",
      subjectKind: "newcomer",
      subjectId: ref.id,
      organisationId: ref.organisationId,
      dataClasses: ref.accountId ? ["basic", "contact", "account"] : ["basic", "contact"],
    });
    const access = ref.accountId ? await accessOf(tx, ref.accountId) : undefined;
    return { ...ref, ...row, access };
  });
}

/** The record linked to a newcomer's account (policy facts only); undefined when none is linked. */
export async function findOwnRecord(
  db: DbOrTx,
  accountId: string,
): Promise<(PortalNewcomerRef & { id: string; accountLocale: string }) | undefined> {
  const [row] = await db
    .select({
      id: newcomers.id,
      organisationId: newcomers.organisationId,
      assignedConsultantId: newcomers.assignedConsultantId,
      accountId: newcomers.accountId,
      accountLocale: accounts.locale,
    })
    .from(newcomers)
    .innerJoin(accounts, eq(accounts.id, newcomers.accountId))
    .where(eq(newcomers.accountId, accountId));
  return row;
}

/** A translation of a free text, with how it was made. */
export interface PresentedTranslation {
  text: string;
  method: string;
  reviewed: boolean;
  /** The Dutch text changed after this translation was made. */
  outdated: boolean;
}

/** An appointment: a scheduled review or a conversation still to come. */
export interface Appointment {
  id: string;
  date: string;
  kind: "review" | "conversation";
}

/** Everything "My plan" shows, for the newcomer themselves. */
export interface MyPlan {
  newcomer: { id: string; givenNames: string; organisationId: string };
  municipality: string;
  consultant: { name: string; email: string } | null;
  version: {
    id: string;
    number: number;
    setOn: string | null;
    content: PlanContent;
  } | null;
  term: { start: string; end: string; routeChangeUntil: string } | null;
  appointments: Appointment[];
  /** Translations by source key ("goal:<id>", "step:<id>", "guidance", …) in the reader's language. */
  translations: Record<string, PresentedTranslation>;
  voices: { id: string; kind: string; goalId: string | null; text: string; createdAt: Date }[];
  reactions: {
    agrees: boolean;
    explanation: string | null;
    createdAt: Date;
    planVersionId: string;
  }[];
  /** What changed since the newcomer last looked (nothing on the first visit). */
  changed: { plan: boolean; route: boolean; goals: Set<string> };
}

/** The source key of a free text in a plan version (text_translations.sourceKey). */
export const sourceKey = (versionId: string, part: string) => `plan:${versionId}:${part}`;

/**
 * The newcomer's own plan: the current set version, term, appointments, translations in their
 * language, what they said. Audited as the newcomer's own access; remembers that they looked.
 */
export async function getMyPlan(
  db: Db,
  ctx: AuditContext,
  newcomerId: string,
  locale: string,
  options: { remember: boolean } = { remember: true },
): Promise<MyPlan> {
  return db.transaction(async (tx) => {
    const [n] = await tx
      .select({
        id: newcomers.id,
        givenNames: newcomers.givenNames,
        organisationId: newcomers.organisationId,
        municipality: organisations.name,
        consultantName: accounts.name,
        consultantEmail: accounts.email,
      })
      .from(newcomers)
      .innerJoin(organisations, eq(organisations.id, newcomers.organisationId))
      .leftJoin(accounts, eq(accounts.id, newcomers.assignedConsultantId))
      .where(eq(newcomers.id, newcomerId));
    if (!n) throw new NotFoundError("newcomer");
    const [plan] = await tx.select().from(plans).where(eq(plans.newcomerId, newcomerId));
    const [version] = await tx
      .select()
      .from(planVersions)
      .where(and(eq(planVersions.newcomerId, newcomerId), eq(planVersions.status, "vastgesteld")))
      .orderBy(desc(planVersions.number))
      .limit(1);
    const today = todayInNetherlands();
    const dueReviews = await tx
      .select({ id: reviews.id, date: reviews.dueOn })
      .from(reviews)
      .where(
        and(eq(reviews.newcomerId, newcomerId), isNull(reviews.heldOn), gte(reviews.dueOn, today)),
      )
      .orderBy(asc(reviews.dueOn));
    const comingConversations = await tx
      .select({ id: conversations.id, date: conversations.heldOn })
      .from(conversations)
      .where(and(eq(conversations.newcomerId, newcomerId), gte(conversations.heldOn, today)))
      .orderBy(asc(conversations.heldOn));
    const appointments: Appointment[] = [
      ...dueReviews.flatMap((r) =>
        r.date ? [{ id: r.id, date: r.date, kind: "review" as const }] : [],
      ),
      ...comingConversations.map((c) => ({
        id: c.id,
        date: c.date,
        kind: "conversation" as const,
      })),
    ].sort((a, b) => a.date.localeCompare(b.date));

    const translations: Record<string, PresentedTranslation> = {};
    if (version && locale !== "nl") {
      const rows = await tx
        .select()
        .from(textTranslations)
        .where(
          and(eq(textTranslations.newcomerId, newcomerId), eq(textTranslations.locale, locale)),
        )
        .orderBy(asc(textTranslations.createdAt));
      const prefix = sourceKey(version.id, "");
      const current = sourceTexts(version.content);
      for (const row of rows) {
        if (!row.sourceKey.startsWith(prefix)) continue;
        const part = row.sourceKey.slice(prefix.length);
        translations[part] = {
          text: row.text,
          method: row.method,
          reviewed: row.reviewed,
          outdated: current[part] !== undefined && current[part] !== row.sourceText,
        };
      }
    }
    const voices = await tx
      .select({
        id: newcomerVoices.id,
        kind: newcomerVoices.kind,
        goalId: newcomerVoices.goalId,
        text: newcomerVoices.text,
        createdAt: newcomerVoices.createdAt,
      })
      .from(newcomerVoices)
      .where(eq(newcomerVoices.newcomerId, newcomerId))
      .orderBy(asc(newcomerVoices.createdAt));
    const reactions = await tx
      .select({
        agrees: planReactions.agrees,
        explanation: planReactions.explanation,
        createdAt: planReactions.createdAt,
        planVersionId: planReactions.planVersionId,
      })
      .from(planReactions)
      .where(eq(planReactions.newcomerId, newcomerId))
      .orderBy(asc(planReactions.createdAt));

    const changed = { plan: false, route: false, goals: new Set<string>() };
    const accountId = ctx.actor.accountId;
    if (accountId) {
      const [seen] = await tx
        .select()
        .from(planViews)
        .where(and(eq(planViews.newcomerId, newcomerId), eq(planViews.accountId, accountId)));
      if (version && seen && seen.lastSeenPlanVersionId !== version.id) {
        changed.plan = true;
        const [before] = seen.lastSeenPlanVersionId
          ? await tx
              .select({ content: planVersions.content })
              .from(planVersions)
              .where(eq(planVersions.id, seen.lastSeenPlanVersionId))
          : [];
        Object.assign(changed, compareContent(before?.content, version.content));
      }
      if (options.remember) {
        const values = {
          organisationId: n.organisationId,
          newcomerId,
          accountId,
          lastSeenAt: new Date(),
          lastSeenPlanVersionId: version?.id ?? null,
        };
        await tx
          .insert(planViews)
          .values(values)
          .onConflictDoUpdate({
            target: [planViews.newcomerId, planViews.accountId],
            set: {
              lastSeenAt: values.lastSeenAt,
              lastSeenPlanVersionId: values.lastSeenPlanVersionId,
            },
          });
      }
    }

    await recordAudit(tx, ctx, {
      ...OWN_ACCESS,
      action: "read",
      resourceType: "plan",
      resourceId: version?.id,
      subjectKind: "newcomer",
      subjectId: newcomerId,
      organisationId: n.organisationId,
      dataClasses: ["basic", "plan"],
      details: { version: version?.number ?? null },
    });

    return {
      newcomer: { id: n.id, givenNames: n.givenNames, organisationId: n.organisationId },
      municipality: n.municipality,
      consultant:
        n.consultantName && n.consultantEmail
          ? { name: n.consultantName, email: n.consultantEmail }
          : null,
      version: version
        ? { id: version.id, number: version.number, setOn: version.setOn, content: version.content }
        : null,
      term: plan?.firstSetOn
        ? {
            start: termStart(plan.firstSetOn),
            end: termEnd(plan.firstSetOn),
            routeChangeUntil: routeChangeDeadline(plan.firstSetOn),
          }
        : null,
      appointments,
      translations,
      voices,
      reactions,
      changed,
    };
  });
}

/** The free texts of a plan version by part ("guidance", "goal:<id>", "step:<id>:what"). */
export function sourceTexts(content: PlanContent): Record<string, string> {
  const texts: Record<string, string> = {};
  if (content.guidance) texts.guidance = content.guidance;
  if (content.monitoring) texts.monitoring = content.monitoring;
  for (const goal of content.goals) {
    texts[`goal:${goal.id}`] = goal.description;
    for (const step of goal.steps) texts[`step:${step.id}:what`] = step.what;
  }
  return texts;
}

/** Which parts differ between the version last seen and the current one. */
export function compareContent(
  before: PlanContent | undefined,
  after: PlanContent,
): { route: boolean; goals: Set<string> } {
  const goals = new Set<string>();
  for (const goal of after.goals) {
    const old = before?.goals.find((g) => g.id === goal.id);
    if (!old || JSON.stringify(old) !== JSON.stringify(goal)) goals.add(goal.id);
  }
  return {
    route:
      !before ||
      before.leerroute !== after.leerroute ||
      JSON.stringify(before.components) !== JSON.stringify(after.components),
    goals,
  };
}

/** Reactions of newcomers the consultants of an organisation have not seen yet (for the caseload). */
export async function unseenVoicesFor(
  db: DbOrTx,
  organisationId: string,
): Promise<
  {
    newcomerId: string;
    kind: "droom" | "doel" | "opmerking" | "wijzigingsvoorstel" | "eens" | "oneens";
    createdAt: Date;
  }[]
> {
  const voices = await db
    .select({
      newcomerId: newcomerVoices.newcomerId,
      kind: newcomerVoices.kind,
      createdAt: newcomerVoices.createdAt,
    })
    .from(newcomerVoices)
    .where(
      and(
        eq(newcomerVoices.organisationId, organisationId),
        isNull(newcomerVoices.seenByConsultantAt),
      ),
    );
  const reactions = await db
    .select({
      newcomerId: planReactions.newcomerId,
      agrees: planReactions.agrees,
      createdAt: planReactions.createdAt,
    })
    .from(planReactions)
    .where(
      and(
        eq(planReactions.organisationId, organisationId),
        isNull(planReactions.seenByConsultantAt),
      ),
    );
  return [
    ...voices,
    ...reactions.map((r) => ({
      newcomerId: r.newcomerId,
      kind: r.agrees ? ("eens" as const) : ("oneens" as const),
      createdAt: r.createdAt,
    })),
  ].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
}
