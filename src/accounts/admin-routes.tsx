import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import {
  isPlatformAdministrator,
  NotFoundError,
  requireSignedIn,
} from "../platform/authz/index.ts";
import { type FieldErrors, parseForm, requiredText } from "../platform/http/forms.ts";
import { isLocale, type Locale, locales, translator } from "../platform/i18n/index.ts";
import {
  changePassword,
  grantRole,
  inviteAccount,
  regenerateRecoveryCodes,
  resendInvitation,
  resetSecondFactor,
  revokeRole,
  setAccountEnabled,
  setPreferredLocale,
  signOutEverywhere,
  unlockAccount,
} from "./commands.ts";
import { type AccountScope, accountPolicy } from "./policy.ts";
import {
  accountDetails,
  accountScope,
  findAccount,
  findAccountByEmail,
  listAccounts,
  membershipsOf,
  organisationOptions,
  ownAccount,
} from "./queries.ts";
import { type AccountDeps, auditContext } from "./routes.tsx";
import { passwordProblem } from "./rules.ts";
import { roles } from "./schema.ts";
import { AccountDetailPage, AccountListPage, InvitePage } from "./views/admin.tsx";
import { MyAccountPage } from "./views/my-account.tsx";
import { RecoveryCodesPage } from "./views/signin.tsx";

const PAGE_SIZE = 50;

/** A malformed query string: answered 400 (the error handler words it). */
class BadRequestError extends Error {
  readonly statusCode = 400;
}

const listQuery = z.object({
  organisatie: z.uuid().optional(),
  pagina: z.coerce.number().int().min(1).max(100_000).default(1),
});
const idParams = z.object({ id: z.uuid() });
const inviteSchema = z.object({
  name: requiredText(200),
  email: z.email().max(254),
  role: z.enum(roles),
  locale: z.enum(locales),
  organisationId: z.uuid().optional(),
});
const roleSchema = z.object({ organisationId: z.uuid(), role: z.enum(roles) });
const enabledSchema = z.object({ enabled: z.enum(["true", "false"]) });
const localeSchema = z.object({ locale: z.enum(locales) });
const organisationSchema = z.object({ organisationId: z.uuid() });
const changePasswordSchema = z
  .object({
    currentPassword: z.string().min(1).max(200),
    password: z.string().min(1).max(200),
    confirm: z.string().min(1).max(200),
  })
  .refine((v) => v.password === v.confirm, {
    path: ["confirm"],
    message: "validation:passwordsDiffer",
  });

/** Invitation mails, in the invitee's language (namespace "invitation" exists in all eight). */
function invitationTexts(
  locale: Locale,
  vars: { name: string; inviter: string; organisation: string },
) {
  const t = translator(locale);
  return {
    subject: t("invitation:subject"),
    body: (link: string) => t("invitation:body", { ...vars, link }),
    addedSubject: t("invitation:addedSubject"),
    addedBody: t("invitation:addedBody", vars),
  };
}

/** Account management for administrators, and "my account" for everyone signed in. */
export function accountAdminRoutes(deps: AccountDeps) {
  const { mailer, config } = deps;
  const db = deps.database.db;
  const passwordLimit = { rateLimit: { max: 10, timeWindow: "1 minute" } };

  /** The account named in the URL, as policies see it; 404 when there is none. */
  async function scopeOf(request: FastifyRequest): Promise<AccountScope> {
    const params = idParams.safeParse(request.params);
    const scope = params.success ? await accountScope(db, params.data.id) : undefined;
    if (!scope) throw new NotFoundError("account");
    return scope;
  }

  /** Organisations the actor may give roles in: all for the platform administrator, else their own. */
  async function grantableOrganisations(request: FastifyRequest) {
    const { actor } = request;
    if (isPlatformAdministrator(actor)) return organisationOptions(db);
    return actor.organisationId
      ? [{ id: actor.organisationId, name: actor.organisationName ?? "" }]
      : [];
  }

  async function showAccount(
    request: FastifyRequest,
    reply: FastifyReply,
    scope: AccountScope,
    form?: { errors: FieldErrors; values?: Record<string, unknown> },
  ) {
    const account = await accountDetails(db, auditContext(request), { accountId: scope.id });
    const options = await grantableOrganisations(request);
    if (!account) throw new NotFoundError("account");
    return reply.page(
      account.name,
      <AccountDetailPage
        account={account}
        scope={scope}
        organisationOptions={options}
        errors={form?.errors}
        values={form?.values}
      />,
      { status: form ? 422 : 200 },
    );
  }

  async function showMyAccount(
    request: FastifyRequest,
    reply: FastifyReply,
    form?: { errors: FieldErrors; values?: Record<string, unknown> },
  ) {
    const accountId = request.actor.accountId ?? "";
    const account = await ownAccount(db, auditContext(request), { accountId });
    if (!account) throw new NotFoundError("account");
    return reply.page(
      request.t("accounts:my.title"),
      <MyAccountPage
        account={account}
        activeOrganisationId={request.actor.organisationId}
        errors={form?.errors}
        values={form?.values}
      />,
      { status: form ? 422 : 200 },
    );
  }

  return async (app: FastifyInstance) => {
    // ——— Beheer: an organisation's accounts ———

    app.get("/beheer/accounts", async (request, reply) => {
      const { actor, t } = request;
      requireSignedIn(actor);
      const query = listQuery.safeParse(request.query);
      if (!query.success) throw new BadRequestError("query");
      const platform = isPlatformAdministrator(actor);
      // Organisation beheerders see their own organisation; only the platform administrator picks.
      const organisationId =
        query.data.organisatie ?? (platform ? undefined : actor.organisationId);
      accountPolicy.authorize(actor, "account.list", { organisationId });
      const page = await listAccounts(db, auditContext(request), {
        organisationId,
        offset: (query.data.pagina - 1) * PAGE_SIZE,
        limit: PAGE_SIZE,
      });
      const options = platform ? await organisationOptions(db) : undefined;
      const organisationName = !organisationId
        ? undefined
        : options
          ? options.find((o) => o.id === organisationId)?.name
          : actor.organisationName;
      if (organisationId && !organisationName) throw new NotFoundError("organisation");
      return reply.page(
        t("accounts:admin.title"),
        <AccountListPage
          items={page.items}
          more={page.more}
          page={query.data.pagina}
          organisationId={organisationId}
          organisationName={organisationName}
          organisationOptions={options}
        />,
      );
    });

    app.get("/beheer/accounts/nieuw", async (request, reply) => {
      const { actor, t } = request;
      requireSignedIn(actor);
      accountPolicy.authorize(actor, "account.invite", {
        organisationId: actor.organisationId ?? "",
      });
      const platform = isPlatformAdministrator(actor);
      return reply.page(
        t("accounts:invite.title"),
        <InvitePage
          organisationOptions={platform ? await organisationOptions(db) : undefined}
          organisationName={actor.organisationName}
        />,
      );
    });

    app.post("/beheer/accounts/nieuw", async (request, reply) => {
      const { actor, t } = request;
      requireSignedIn(actor);
      accountPolicy.authorize(actor, "account.invite", {
        organisationId: actor.organisationId ?? "",
      });
      const platform = isPlatformAdministrator(actor);
      const options = platform ? await organisationOptions(db) : undefined;
      const form = parseForm(inviteSchema, request.body, t);
      const refuse = (errors: FieldErrors, values: Record<string, unknown>) =>
        reply.page(
          t("accounts:invite.title"),
          <InvitePage
            organisationOptions={options}
            organisationName={actor.organisationName}
            errors={errors}
            values={values}
          />,
          { status: 422 },
        );
      if (!form.ok) return refuse(form.errors, form.values);
      const input = form.data;
      const organisationId = input.organisationId ?? (platform ? undefined : actor.organisationId);
      const organisation = options
        ? options.find((o) => o.id === organisationId)
        : { id: organisationId, name: actor.organisationName ?? "" };
      if (!organisationId || !organisation)
        return refuse({ organisationId: t("validation:choice") }, { ...input });
      accountPolicy.authorize(actor, "account.invite", { organisationId });
      // Someone who already has an account gets the mail in the language they chose themselves.
      const existing = await findAccountByEmail(db, input.email);
      const mailLocale = isLocale(existing?.locale) ? existing.locale : input.locale;
      const result = await inviteAccount(
        db,
        auditContext(request),
        mailer,
        {
          email: input.email,
          name: input.name,
          organisationId,
          role: input.role,
          locale: input.locale,
          publicUrl: config.publicUrl,
          inviterName: actor.name ?? "",
          organisationName: organisation.name,
        },
        invitationTexts(mailLocale, {
          name: input.name,
          inviter: actor.name ?? "",
          organisation: organisation.name,
        }),
      );
      if (result.outcome === "already_member")
        return refuse({ role: t("accounts:invite.alreadyMember") }, { ...input });
      return reply.seeOther(
        `/beheer/accounts/${result.accountId}`,
        t(result.outcome === "invited" ? "accounts:invite.sent" : "accounts:invite.added", {
          email: input.email,
        }),
      );
    });

    app.get("/beheer/accounts/:id", async (request, reply) => {
      requireSignedIn(request.actor);
      const scope = await scopeOf(request);
      accountPolicy.authorize(request.actor, "account.read", scope);
      return showAccount(request, reply, scope);
    });

    /** A change to one account: signed in, the account exists, and the actor may see it. */
    const change = (
      path: string,
      handle: (request: FastifyRequest, reply: FastifyReply, scope: AccountScope) => unknown,
    ) =>
      app.post(`/beheer/accounts/:id/${path}`, async (request, reply) => {
        requireSignedIn(request.actor);
        const scope = await scopeOf(request);
        accountPolicy.authorize(request.actor, "account.read", scope);
        return handle(request, reply, scope);
      });
    const detailUrl = (scope: AccountScope) => `/beheer/accounts/${scope.id}`;

    change("rollen", async (request, reply, scope) => {
      const { actor, t } = request;
      const form = parseForm(roleSchema, request.body, t);
      if (!form.ok) return showAccount(request, reply, scope, form);
      accountPolicy.authorize(actor, "account.grantRole", {
        account: scope,
        organisationId: form.data.organisationId,
      });
      const outcome = await grantRole(db, auditContext(request), {
        accountId: scope.id,
        ...form.data,
      });
      if (outcome === "already_held")
        return showAccount(request, reply, scope, {
          errors: { role: t("accounts:detail.alreadyHeld") },
          values: form.data,
        });
      return reply.seeOther(detailUrl(scope), t("accounts:detail.granted"));
    });

    change("rollen/intrekken", async (request, reply, scope) => {
      const { actor, t } = request;
      const form = parseForm(roleSchema, request.body, t);
      if (!form.ok) return showAccount(request, reply, scope, form);
      accountPolicy.authorize(actor, "account.revokeRole", { account: scope, ...form.data });
      const outcome = await revokeRole(db, auditContext(request), {
        accountId: scope.id,
        ...form.data,
      });
      if (outcome !== "revoked")
        return showAccount(request, reply, scope, {
          errors: {
            _form: t(
              outcome === "last_role" ? "accounts:detail.lastRole" : "accounts:detail.notHeld",
            ),
          },
        });
      return reply.seeOther(detailUrl(scope), t("accounts:detail.revoked"));
    });

    change("status", async (request, reply, scope) => {
      const { actor, t } = request;
      accountPolicy.authorize(actor, "account.update", scope);
      const form = parseForm(enabledSchema, request.body, t);
      if (!form.ok) return showAccount(request, reply, scope, form);
      const enabled = form.data.enabled === "true";
      await setAccountEnabled(db, auditContext(request), { accountId: scope.id, enabled });
      return reply.seeOther(
        detailUrl(scope),
        t(enabled ? "accounts:detail.enabled" : "accounts:detail.disabled"),
      );
    });

    change("ontgrendelen", async (request, reply, scope) => {
      accountPolicy.authorize(request.actor, "account.update", scope);
      await unlockAccount(db, auditContext(request), { accountId: scope.id });
      return reply.seeOther(detailUrl(scope), request.t("accounts:detail.unlocked"));
    });

    change("uitnodiging", async (request, reply, scope) => {
      const { actor, t } = request;
      accountPolicy.authorize(actor, "account.update", scope);
      const [organisation] = await membershipsOf(db, scope.id).then((ms) =>
        ms.filter((m) => m.organisationId === scope.organisationId),
      );
      const outcome = await resendInvitation(
        db,
        auditContext(request),
        mailer,
        { accountId: scope.id, publicUrl: config.publicUrl },
        (invitee) =>
          invitationTexts(isLocale(invitee.locale) ? invitee.locale : "nl", {
            name: invitee.name,
            inviter: actor.name ?? "",
            organisation: organisation?.organisationName ?? "",
          }),
      );
      return reply.seeOther(
        detailUrl(scope),
        t(outcome === "sent" ? "accounts:detail.resent" : "accounts:detail.notInvited"),
      );
    });

    change("tweestaps-herstellen", async (request, reply, scope) => {
      accountPolicy.authorize(request.actor, "account.update", scope);
      await resetSecondFactor(db, auditContext(request), { accountId: scope.id });
      return reply.seeOther(detailUrl(scope), request.t("accounts:detail.secondFactorReset"));
    });

    // ——— My account: every signed-in person ———

    app.get("/account", async (request, reply) => {
      requireSignedIn(request.actor);
      return showMyAccount(request, reply);
    });

    app.post("/account/taal", async (request, reply) => {
      const { actor, t } = request;
      requireSignedIn(actor);
      const form = parseForm(localeSchema, request.body, t);
      if (!form.ok) return showMyAccount(request, reply, form);
      await setPreferredLocale(db, auditContext(request), {
        accountId: actor.accountId ?? "",
        locale: form.data.locale,
      });
      request.session.set("flash", translator(form.data.locale)("accounts:my.languageSaved"));
      // The language switcher sets this browser's language cookie, then comes back here.
      return reply.redirect(`/taal/${form.data.locale}?terug=%2Faccount`, 303);
    });

    app.post("/account/organisatie", async (request, reply) => {
      const { actor, t } = request;
      requireSignedIn(actor);
      const form = parseForm(organisationSchema, request.body, t);
      if (!form.ok) return showMyAccount(request, reply, form);
      const held = await membershipsOf(db, actor.accountId ?? "");
      accountPolicy.authorize(actor, "account.actFor", {
        organisationId: form.data.organisationId,
        memberOrganisationIds: held.map((m) => m.organisationId),
      });
      request.session.set("organisationId", form.data.organisationId);
      const name = held.find((m) => m.organisationId === form.data.organisationId);
      return reply.seeOther(
        "/account",
        t("accounts:my.switched", { organisation: name?.organisationName }),
      );
    });

    app.post("/account/herstelcodes", { config: passwordLimit }, async (request, reply) => {
      const { actor, t } = request;
      requireSignedIn(actor);
      accountPolicy.authorize(actor, "account.renewRecoveryCodes", {
        accountId: actor.accountId ?? "",
      });
      const account = await findAccount(db, actor.accountId ?? "");
      if (!account?.totpEnabledAt) return reply.redirect("/account/tweestaps", 303);
      const codes = await regenerateRecoveryCodes(db, auditContext(request), account.id);
      // Shown once, in the answer to this POST: never stored in a form that can be reloaded.
      return reply.page(
        t("signin:recoveryTitle"),
        <RecoveryCodesPage codes={codes} next="/account" />,
      );
    });

    app.post("/account/overal-uitloggen", async (request, reply) => {
      const { actor, t } = request;
      requireSignedIn(actor);
      await signOutEverywhere(db, auditContext(request), actor.accountId ?? "");
      await request.session.regenerate();
      return reply.seeOther("/inloggen", t("accounts:my.signedOutEverywhere"));
    });

    app.post("/account/wachtwoord", { config: passwordLimit }, async (request, reply) => {
      const { actor, t } = request;
      requireSignedIn(actor);
      const form = parseForm(changePasswordSchema, request.body, t);
      if (!form.ok) return showMyAccount(request, reply, form);
      const account = await findAccount(db, actor.accountId ?? "");
      const problem = account ? passwordProblem(form.data.password, account.email) : null;
      if (problem)
        return showMyAccount(request, reply, { errors: { password: t(problem, { count: 200 }) } });
      const result = await changePassword(db, auditContext(request), {
        accountId: actor.accountId ?? "",
        currentPassword: form.data.currentPassword,
        newPassword: form.data.password,
        keepSessionId: request.session.sessionId,
        ip: request.ip,
      });
      if (result.outcome === "wrong_password")
        return showMyAccount(request, reply, {
          errors: { currentPassword: t("accounts:my.wrongPassword") },
        });
      // A new session id after a credential change; the other sessions were ended by the command.
      await request.session.regenerate([
        "accountId",
        "organisationId",
        "mfa",
        "createdAt",
        "lastSeenAt",
      ]);
      request.session.set("epoch", result.epoch);
      return reply.seeOther("/account", t("accounts:my.passwordChanged"));
    });
  };
}
