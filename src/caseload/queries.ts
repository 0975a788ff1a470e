// The caseload, ordered and filtered in SQL: a municipality may hold thousands of newcomers and a
// team lead looks at all of them, so signals are computed by the database in one statement, with
// the same thresholds as rules.ts (attentionWindow). See bench/caseload.ts for the numbers.
import { type SQL, sql } from "drizzle-orm";
import { type AuditContext, recordAudit } from "../audit/index.ts";
import {
  disclosedDataClasses,
  looksLikeBsn,
  NEWCOMER_PURPOSE,
  type NewcomerDataClass,
  normaliseBsn,
  PIP_DEADLINE_WEEKS,
  type TargetGroup,
  TERM_MONTHS,
  todayInNetherlands,
} from "../newcomers/index.ts";
import { ForbiddenError } from "../platform/authz/index.ts";
import type { Db, Tx } from "../platform/db/client.ts";
import { caseloadPolicy } from "./policy.ts";
import {
  type AttentionWindow,
  attentionWindow,
  type CaseloadSettings,
  type CaseloadSort,
  type Phase,
  phaseOf,
  type Signal,
  type SignalKind,
  signalsFor,
} from "./rules.ts";

export const CASELOAD_PAGE_SIZE = 50;

export interface CaseloadFilter {
  /** Own cases (assigned to the actor) or the whole team's. */
  scope: "mine" | "team";
  /** Only newcomers of this consultant (the team lead's overview links here). */
  consultantId?: string | undefined;
  signal?: SignalKind | undefined;
  targetGroup?: TargetGroup | undefined;
  /** Without a phase: every open file (closed ones only when asked for). */
  phase?: Phase | undefined;
  /** A name (or part of one, typos forgiven) or an exact BSN. */
  query?: string | undefined;
  sort: CaseloadSort;
  /** 1-based. */
  page: number;
  settings: CaseloadSettings;
}

/** One newcomer in the caseload: basic data, the target group when disclosed, the signals. */
export interface CaseloadItem {
  id: string;
  givenNames: string;
  familyNamePrefix: string | null;
  familyName: string;
  consultant: { id: string; name: string } | null;
  /** Present only when the actor may see the residence class. */
  targetGroup?: TargetGroup | null;
  phase: Phase;
  signals: Signal[];
  pipDeadline: string | null;
  termEnd: string | null;
  lastContact: string | null;
  nextReviewDue: string | null;
  /** The data classes shown for this newcomer: what the audit record names. */
  dataClasses: NewcomerDataClass[];
}

export interface Caseload {
  items: CaseloadItem[];
  total: number;
  page: number;
  pageCount: number;
  search: "none" | "name" | "bsn";
  /** Whether the list shows target groups (and may filter on them). */
  showsTargetGroup: boolean;
}

interface SummaryRow {
  id: string;
  given_names: string;
  family_name_prefix: string | null;
  family_name: string;
  target_group: TargetGroup | null;
  assigned_consultant_id: string | null;
  consultant_name: string | null;
  closed: boolean;
  registered_on: string;
  kennisgeving: string | null;
  first_pip: string | null;
  extension_months: number;
  last_contact: string | null;
  next_review_due: string | null;
  intake_started: boolean;
  pip_deadline: string | null;
  term_end: string | null;
  disagreement_since: string | null;
  reaction_since: string | null;
  total: string | number;
}

const rowsOf = <T>(result: unknown): T[] => (result as { rows: T[] }).rows;

const fullName = sql`lower(n.given_names || ' ' || n.family_name)`;
const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * The per-newcomer facts and signals of one municipality, as SQL common table expressions ending
 * in `signals`. Each related table is aggregated once for the whole set (hash joins), which in
 * PGlite is several times faster than a lookup per newcomer. `narrowed` says the base set is a
 * small part of the municipality: then the related tables are read for that part only.
 *
 * The conditions mirror rules.ts (signalsFor, contactDueOn): change both together; the HTTP test
 * "lists a consultant's own newcomers, most urgent date first" checks they agree.
 */
function summary(
  organisationId: string,
  w: AttentionWindow,
  where: SQL,
  narrowed: boolean,
  basePage: SQL = sql``,
): SQL {
  const only = (column: SQL) => (narrowed ? sql`and ${column} in (select id from base)` : sql``);
  return sql`
    with base as (
      select n.id, n.given_names, n.family_name_prefix, n.family_name, n.target_group,
        n.assigned_consultant_id, n.closed_on is not null as closed,
        (n.created_at at time zone 'Europe/Amsterdam')::date as registered_on
      from newcomers n
      where n.organisation_id = ${organisationId} and ${where}
      ${basePage}
    ), kd as (
      select k.newcomer_id,
        (array_agg(k.date order by k.recorded_at desc) filter (where k.kind = 'kennisgeving_duo'))[1] as kennisgeving,
        (array_agg(k.date order by k.recorded_at desc) filter (where k.kind = 'eerste_pip'))[1] as eerste_pip
      from key_dates k
      where k.organisation_id = ${organisationId} and k.withdrawn_at is null
        and k.kind in ('kennisgeving_duo', 'eerste_pip') ${only(sql`k.newcomer_id`)}
      group by k.newcomer_id
    ), conv as (
      select c.newcomer_id, max(c.held_on) as held_on
      from conversations c
      where c.organisation_id = ${organisationId} and c.held_on <= ${w.today}::date ${only(sql`c.newcomer_id`)}
      group by c.newcomer_id
    ), rev as (
      select r.newcomer_id,
        max(r.held_on) filter (where r.held_on <= ${w.today}::date) as held_on,
        min(r.due_on) filter (where r.held_on is null) as due_on
      from reviews r
      where r.organisation_id = ${organisationId} ${only(sql`r.newcomer_id`)}
      group by r.newcomer_id
    ), ext as (
      select t.newcomer_id, sum(t.months)::int as months
      from term_extensions t
      where t.organisation_id = ${organisationId} ${only(sql`t.newcomer_id`)}
      group by t.newcomer_id
    ), ik as (
      select distinct i.newcomer_id
      from intakes i
      where i.organisation_id = ${organisationId} and i.started_on is not null ${only(sql`i.newcomer_id`)}
    ), rx as (
      -- What the newcomer (or a key person) wrote and no consultant read yet (rules.ts reactionSignal).
      select x.newcomer_id,
        min(x.on_day) filter (where x.disagreement) as disagreement_since,
        min(x.on_day) filter (where not x.disagreement) as reaction_since
      from (
        select v.newcomer_id, (v.created_at at time zone 'Europe/Amsterdam')::date as on_day,
          false as disagreement
        from newcomer_voices v
        where v.organisation_id = ${organisationId} and v.seen_by_consultant_at is null ${only(sql`v.newcomer_id`)}
        union all
        select p.newcomer_id, (p.created_at at time zone 'Europe/Amsterdam')::date, not p.agrees
        from plan_reactions p
        where p.organisation_id = ${organisationId} and p.seen_by_consultant_at is null ${only(sql`p.newcomer_id`)}
      ) x
      group by x.newcomer_id
    ), facts as (
      select b.*, kd.kennisgeving, coalesce(p.first_set_on, kd.eerste_pip) as first_pip,
        coalesce(ext.months, 0) as extension_months,
        greatest(conv.held_on, rev.held_on) as last_contact, rev.due_on as next_review_due,
        (conv.held_on is not null or ik.newcomer_id is not null) as intake_started,
        rx.disagreement_since, rx.reaction_since,
        ((coalesce(p.first_set_on, kd.eerste_pip) + 1)
          + make_interval(months => ${TERM_MONTHS}::int + coalesce(ext.months, 0)))::date as term_same_day
      from base b
      left join kd on kd.newcomer_id = b.id
      left join plans p on p.newcomer_id = b.id
      left join conv on conv.newcomer_id = b.id
      left join rev on rev.newcomer_id = b.id
      left join ext on ext.newcomer_id = b.id
      left join ik on ik.newcomer_id = b.id
      left join rx on rx.newcomer_id = b.id
    ), derived as (
      select f.*,
        case when f.first_pip is null then f.kennisgeving + ${PIP_DEADLINE_WEEKS * 7}::int end as pip_deadline,
        -- rules.ts periodEnd: the day before the same day, unless that month is too short.
        case when extract(day from f.term_same_day) < extract(day from f.first_pip + 1)
          then f.term_same_day else f.term_same_day - 1 end as term_end,
        coalesce(f.last_contact, f.kennisgeving, f.registered_on) + ${w.noContactDays}::int as contact_due,
        -- least() skips nulls: a disagreement is due the day it came, the rest N days later.
        least(f.disagreement_since, f.reaction_since + ${w.reactionAnswerDays}::int) as reaction_due
      from facts f
    ), signals as (
      select d.*,
        coalesce(not d.closed and d.pip_deadline <= ${w.pipDeadlineBy}::date, false) as sig_pip,
        coalesce(not d.closed and d.next_review_due <= ${w.reviewDueBy}::date, false) as sig_review,
        coalesce(not d.closed and d.contact_due <= ${w.today}::date, false) as sig_contact,
        coalesce(not d.closed and d.term_end <= ${w.termEndBy}::date, false) as sig_term,
        coalesce(not d.closed and d.reaction_due is not null, false) as sig_reaction
      from derived d
    ), ranked as (
      select s.*, least(
          case when s.sig_pip then s.pip_deadline end,
          case when s.sig_review then s.next_review_due end,
          case when s.sig_contact then s.contact_due end,
          case when s.sig_term then s.term_end end,
          case when s.sig_reaction then s.reaction_due end
        ) as attention_on
      from signals s
    )`;
}

const signalColumn: Record<SignalKind, SQL> = {
  pip_deadline: sql`r.sig_pip`,
  review_due: sql`r.sig_review`,
  no_contact: sql`r.sig_contact`,
  term_ending: sql`r.sig_term`,
  reactie: sql`r.sig_reaction`,
  // HOOK: rules.ts staleReferralSignal; no referrals table yet.
  referral_stale: sql`false`,
};

const phaseCondition: Record<Phase, SQL> = {
  afgesloten: sql`r.closed`,
  pip: sql`not r.closed and r.first_pip is not null`,
  intake: sql`not r.closed and r.first_pip is null and r.intake_started`,
  aangemeld: sql`not r.closed and r.first_pip is null and not r.intake_started`,
};

const byName = sql`r.family_name, r.given_names, r.id`;
const sortOrder: Record<CaseloadSort, SQL> = {
  aandacht: sql`r.attention_on asc nulls last, ${byName}`,
  naam: byName,
  pip_deadline: sql`r.pip_deadline asc nulls last, ${byName}`,
  einde_termijn: sql`r.term_end asc nulls last, ${byName}`,
  // Longest without contact first; never any contact before that.
  contact: sql`r.last_contact asc nulls first, ${byName}`,
};

/** The actor's municipality, or ForbiddenError. */
function holderOf(ctx: AuditContext): string {
  const organisationId = ctx.actor.organisationId;
  if (!organisationId) throw new ForbiddenError("caseload.view");
  return organisationId;
}

/** Whether the actor may see target groups in this municipality (the residence class). */
function seesResidence(ctx: AuditContext, organisationId: string): boolean {
  return disclosedDataClasses(ctx.actor, { organisationId, assignedConsultantId: null }).includes(
    "residence",
  );
}

async function nameSearch(tx: Tx, query: string): Promise<SQL> {
  const q = query.toLowerCase();
  // As listNewcomers: LIKE finds parts of names, <% forgives a typo; both use newcomers_name_trgm.
  await tx.execute(sql`select set_config('pg_trgm.word_similarity_threshold', '0.4', true)`);
  return sql`(${fullName} like ${`%${escapeLike(q)}%`} or ${q} <% ${fullName})`;
}

/** The columns the list reads from `ranked r` (and `accounts a`). */
const listColumns = sql`
  r.id, r.given_names, r.family_name_prefix, r.family_name, r.target_group,
  r.assigned_consultant_id, a.name as consultant_name, r.closed,
  r.registered_on::text, r.kennisgeving::text, r.first_pip::text, r.extension_months,
  r.last_contact::text, r.next_review_due::text, r.intake_started,
  r.pip_deadline::text, r.term_end::text,
  r.disagreement_since::text, r.reaction_since::text`;

/** Per consultant: open files, each signal, and how many have a date that passed. */
const overviewQuery = (today: string) => sql`
  select r.assigned_consultant_id as consultant_id, a.name as consultant_name,
    count(*) as open,
    count(*) filter (where r.sig_pip) as pip,
    count(*) filter (where r.sig_review) as review,
    count(*) filter (where r.sig_contact) as contact,
    count(*) filter (where r.sig_term) as term,
    count(*) filter (where r.sig_reaction) as reaction,
    count(*) filter (where r.attention_on < ${today}::date) as overdue
  from ranked r
  left join accounts a on a.id = r.assigned_consultant_id
  group by r.assigned_consultant_id, a.name
  order by a.name nulls last`;

export interface CaseloadOptions {
  /** Also compute the team lead's deadline overview (needs caseload.overview). */
  overview?: boolean;
  /** The day the deadlines are measured from (tests pass one); default today in the Netherlands. */
  today?: string;
}

/**
 * A page of the caseload, most urgent first (or as sorted), and — when asked — the deadline
 * overview. Authorizes (ForbiddenError) and audits every newcomer shown with the data classes
 * shown, in one transaction. Lists never show a BSN: a BSN search matches exactly and is recorded
 * as such.
 *
 * Three ways to the same answer, chosen for speed (bench/caseload.ts):
 * - sorted by name without a signal or phase filter: the page is cut from the newcomers first and
 *   only its 50 rows get their signals computed;
 * - with the overview and no search: list and overview come from one computation of the team's
 *   open files, the list's filters applied afterwards;
 * - otherwise the filters narrow the set first, then signals are computed and sorted.
 */
export async function listCaseload(
  db: Db,
  ctx: AuditContext,
  filter: CaseloadFilter,
  options: CaseloadOptions = {},
): Promise<Caseload & { overview?: OverviewRow[] }> {
  const organisationId = holderOf(ctx);
  caseloadPolicy.authorize(ctx.actor, "caseload.view", { organisationId });
  if (options.overview)
    caseloadPolicy.authorize(ctx.actor, "caseload.overview", { organisationId });
  const window = attentionWindow(options.today ?? todayInNetherlands(), filter.settings);
  const query = filter.query?.trim() ?? "";
  const search: Caseload["search"] = !query ? "none" : looksLikeBsn(query) ? "bsn" : "name";
  const residence = seesResidence(ctx, organisationId);
  const targetGroup = residence ? filter.targetGroup : undefined;
  const page = Math.max(1, filter.page);
  const offset = (page - 1) * CASELOAD_PAGE_SIZE;

  return db.transaction(async (tx) => {
    // Conditions on the newcomer itself, written for the base (n) and for the result (r).
    const own = (n: SQL, r: SQL) => ({ n, r });
    const filters = [
      filter.phase === "afgesloten"
        ? own(sql`n.closed_on is not null`, sql`r.closed`)
        : own(sql`n.closed_on is null`, sql`not r.closed`),
    ];
    if (filter.scope === "mine") {
      const me = ctx.actor.accountId ?? null;
      filters.push(
        own(sql`n.assigned_consultant_id = ${me}`, sql`r.assigned_consultant_id = ${me}`),
      );
    }
    if (filter.consultantId)
      filters.push(
        own(
          sql`n.assigned_consultant_id = ${filter.consultantId}`,
          sql`r.assigned_consultant_id = ${filter.consultantId}`,
        ),
      );
    if (targetGroup)
      filters.push(own(sql`n.target_group = ${targetGroup}`, sql`r.target_group = ${targetGroup}`));
    // A search only ever narrows the base (it is never combined with the overview).
    if (search === "bsn") filters.push(own(sql`n.bsn = ${normaliseBsn(query)}`, sql`false`));
    if (search === "name") filters.push(own(await nameSearch(tx, query), sql`false`));
    const computed: SQL[] = [];
    if (filter.signal) computed.push(signalColumn[filter.signal]);
    if (filter.phase) computed.push(phaseCondition[filter.phase]);
    const and = (parts: SQL[]) => (parts.length ? sql.join(parts, sql` and `) : sql`true`);
    const narrowed = filters.length > 1;

    let rows: (SummaryRow & { overview?: OverviewSqlRow[] | null })[];
    let total: number;
    let overview: OverviewSqlRow[] | undefined;
    const combine = options.overview && search === "none" && filter.phase !== "afgesloten";
    if (filter.sort === "naam" && computed.length === 0) {
      rows = rowsOf(
        await tx.execute(sql`
          ${summary(organisationId, window, and(filters.map((f) => f.n)), true, sql`order by n.family_name, n.given_names, n.id limit ${CASELOAD_PAGE_SIZE} offset ${offset}`)}
          select ${listColumns} from ranked r left join accounts a on a.id = r.assigned_consultant_id
          order by ${byName}`),
      );
      total = Number(
        rowsOf<{ n: string }>(
          await tx.execute(
            sql`select count(*) as n from newcomers n where n.organisation_id = ${organisationId} and ${and(filters.map((f) => f.n))}`,
          ),
        )[0]?.n ?? 0,
      );
    } else if (combine) {
      // The overview counts the team's open files; the list filters them afterwards.
      rows = rowsOf(
        await tx.execute(sql`
          ${summary(organisationId, window, sql`n.closed_on is null`, false)},
          overview as (${overviewQuery(window.today)})
          select ${listColumns}, count(*) over () as total,
            (select json_agg(o) from overview o) as overview
          from ranked r left join accounts a on a.id = r.assigned_consultant_id
          where ${and([...filters.map((f) => f.r), ...computed])}
          order by ${sortOrder[filter.sort]}
          limit ${CASELOAD_PAGE_SIZE} offset ${offset}`),
      );
      total = Number(rows[0]?.total ?? 0);
      overview = rows[0]?.overview ?? undefined;
    } else {
      rows = rowsOf(
        await tx.execute(sql`
          ${summary(organisationId, window, and(filters.map((f) => f.n)), narrowed)}
          select ${listColumns}, count(*) over () as total
          from ranked r left join accounts a on a.id = r.assigned_consultant_id
          where ${and(computed)}
          order by ${sortOrder[filter.sort]}
          limit ${CASELOAD_PAGE_SIZE} offset ${offset}`),
      );
      total = Number(rows[0]?.total ?? 0);
    }
    if (options.overview && !overview)
      overview = rowsOf<OverviewSqlRow>(
        await tx.execute(sql`
          ${summary(organisationId, window, sql`n.closed_on is null`, false)}
          ${overviewQuery(window.today)}`),
      );

    const classes: NewcomerDataClass[] = residence ? ["basic", "residence"] : ["basic"];
    const items = rows.map((r): CaseloadItem => {
      const facts = {
        kennisgeving: r.kennisgeving,
        firstPip: r.first_pip,
        extensionMonths: Number(r.extension_months),
        lastContact: r.last_contact,
        nextReviewDue: r.next_review_due,
        registeredOn: r.registered_on,
        closed: r.closed,
        unseenDisagreementSince: r.disagreement_since,
        unseenReactionSince: r.reaction_since,
      };
      return {
        id: r.id,
        givenNames: r.given_names,
        familyNamePrefix: r.family_name_prefix,
        familyName: r.family_name,
        consultant: r.assigned_consultant_id
          ? { id: r.assigned_consultant_id, name: r.consultant_name ?? "" }
          : null,
        ...(residence ? { targetGroup: r.target_group } : {}),
        phase: phaseOf({ ...facts, intakeStarted: r.intake_started }),
        signals: signalsFor(facts, window),
        pipDeadline: r.pip_deadline,
        termEnd: r.term_end,
        lastContact: r.last_contact,
        nextReviewDue: r.next_review_due,
        dataClasses: classes,
      };
    });
    await recordAudit(
      tx,
      ctx,
      ...items.map((n) => ({
        action: "list",
        resourceType: "caseload",
        resourceId: n.id,
        subjectKind: "newcomer",
        subjectId: n.id,
        organisationId,
        dataClasses: n.dataClasses,
        purpose: NEWCOMER_PURPOSE,
        legalBasis: "wettelijke_taak" as const,
        ...(search === "none" ? {} : { details: { search } }),
      })),
    );
    return {
      items,
      total,
      page,
      pageCount: Math.max(1, Math.ceil(total / CASELOAD_PAGE_SIZE)),
      search,
      showsTargetGroup: residence,
      ...(overview ? { overview: overview.map(toOverviewRow) } : {}),
    };
  });
}

/** One consultant's line in the team lead's deadline overview. */
export interface OverviewRow {
  consultant: { id: string; name: string } | null;
  open: number;
  counts: Record<SignalKind, number>;
  /** How many have a signal whose date has passed. */
  overdue: number;
}

interface OverviewSqlRow {
  consultant_id: string | null;
  consultant_name: string | null;
  open: string | number;
  pip: string | number;
  review: string | number;
  contact: string | number;
  term: string | number;
  reaction: string | number;
  overdue: string | number;
}

const toOverviewRow = (r: OverviewSqlRow): OverviewRow => ({
  consultant: r.consultant_id ? { id: r.consultant_id, name: r.consultant_name ?? "" } : null,
  open: Number(r.open),
  counts: {
    pip_deadline: Number(r.pip),
    review_due: Number(r.review),
    no_contact: Number(r.contact),
    term_ending: Number(r.term),
    reactie: Number(r.reaction),
    referral_stale: 0,
  },
  overdue: Number(r.overdue),
});
