import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { NotFoundError, requireSignedIn } from "../platform/authz/index.ts";
import { isPlatformAdministrator } from "../platform/authz/predicates.ts";
import {
  type FieldErrors,
  type FormResult,
  optionalText,
  parseForm,
  requiredText,
} from "../platform/http/forms.ts";
import {
  beginSignIn,
  canDiscover,
  completeSignIn,
  createProvider,
  findProvider,
  findProviderView,
  type IdentityProviderRow,
  identityProviderAuthz,
  issuerProblem,
  listProviders,
  normaliseEmailDomain,
  organisationChoices,
  type ProtocolOptions,
  type ProviderView,
  recordOidcRefusal,
  setProviderEnabled,
  signInWithIdentity,
  updateProvider,
} from "./oidc.ts";
import { type AccountDeps, auditContext, safeReturnPath, startSession } from "./routes.tsx";
import {
  OidcProblemPage,
  ProviderFormPage,
  type ProviderFormProps,
  ProviderListPage,
} from "./views/oidc.tsx";

const { authorize, can } = identityProviderAuthz;

const idParams = z.object({ id: z.uuid() });
const providerParams = z.object({ providerId: z.uuid() });
const statusSchema = z.object({ enabled: z.enum(["true", "false"]) });
const domainPattern = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

/** Signing in through an organisation's own OpenID Connect identity provider, and configuring one. */
export function oidcRoutes(deps: AccountDeps) {
  const { database, config } = deps;
  const db = database.db;
  const protocol: ProtocolOptions = { allowLoopbackHttp: !config.isProduction };
  const redirectUri = `${config.publicUrl}/inloggen/oidc/callback`;
  const signInLimit = { rateLimit: { max: 30, timeWindow: "1 minute" } };

  const providerSchema = z.object({
    organisationId: z.uuid().optional(),
    name: requiredText(100),
    issuer: requiredText(500),
    clientId: requiredText(200),
    clientSecret: optionalText(1000),
    emailDomain: requiredText(253),
  });
  type ProviderSettings = z.infer<typeof providerSchema>;

  /**
   * Reads the settings form. Beyond the schema: an allowed issuer, a real domain, a secret when
   * adding, and, when the issuer or client changes, a provider that answers at the issuer.
   */
  const readSettings = async (
    request: FastifyRequest,
    current: IdentityProviderRow | undefined,
  ): Promise<FormResult<ProviderSettings>> => {
    const { t } = request;
    const form = parseForm(providerSchema, request.body, t);
    const values: Record<string, unknown> = form.ok ? form.data : form.values;
    const errors: FieldErrors = form.ok ? {} : { ...form.errors };
    const text = (key: string) => (typeof values[key] === "string" ? values[key].trim() : "");
    if (!errors.issuer && issuerProblem(text("issuer"), protocol.allowLoopbackHttp))
      errors.issuer = t("oidc:errors.issuer");
    if (!errors.emailDomain && !domainPattern.test(normaliseEmailDomain(text("emailDomain"))))
      errors.emailDomain = t("oidc:errors.emailDomain");
    if (!current && !errors.clientSecret && !text("clientSecret"))
      errors.clientSecret = t("validation:required");
    if (!form.ok || Object.keys(errors).length > 0) return { ok: false, errors, values };
    const input = form.data;
    const changed =
      !current || current.issuer !== input.issuer || current.clientId !== input.clientId;
    const secret = input.clientSecret ?? current?.clientSecret ?? "";
    if (changed && !(await canDiscover({ ...input, clientSecret: secret }, protocol)))
      return { ok: false, errors: { issuer: t("oidc:errors.unreachable") }, values };
    return form;
  };

  const problem = (
    reply: FastifyReply,
    key: "expired" | "invalid" | "cancelled" | "unavailable" | "noAccount",
    status: number,
  ) => {
    const t = reply.request.t;
    const title =
      key === "noAccount" ? t("oidc:signIn.noAccountTitle") : t("oidc:signIn.failedTitle");
    return reply.page(title, <OidcProblemPage title={title} message={t(`oidc:signIn.${key}`)} />, {
      status,
    });
  };

  return async (app: FastifyInstance) => {
    // --- Signing in ------------------------------------------------------------------------

    app.get("/inloggen/oidc/callback", { config: signInLimit }, async (request, reply) => {
      const pending = request.session.get("oidc");
      // Single use: a replayed or second callback finds nothing to continue.
      request.session.set("oidc", undefined);
      if (!pending) return problem(reply, "expired", 400);
      const provider = await findProvider(db, pending.providerId);
      if (!provider?.enabled) return problem(reply, "unavailable", 400);
      const callbackUrl = new URL(redirectUri);
      callbackUrl.search = new URL(request.url, "http://callback.invalid").search;
      let identity: Awaited<ReturnType<typeof completeSignIn>>;
      try {
        identity = await completeSignIn(provider, pending, callbackUrl, protocol);
      } catch (error) {
        // The error's name and code only: a provider's answer can hold personal data.
        request.log.info(errorSummary(error), "sign-in through identity provider failed");
        await recordOidcRefusal(db, auditContext(request), provider, "invalid_response");
        const cancelled = callbackUrl.searchParams.get("error") === "access_denied";
        return problem(reply, cancelled ? "cancelled" : "invalid", 400);
      }
      const result = await signInWithIdentity(db, auditContext(request), provider, identity);
      if (result.outcome === "refused") return problem(reply, "noAccount", 403);
      await startSession(request, {
        accountId: result.accountId,
        organisationId: provider.organisationId,
        epoch: result.epoch,
        // The organisation's provider is responsible for strong authentication (decision 0008).
        mfa: true,
      });
      const returnTo = safeReturnPath(request.session.get("returnTo"));
      request.session.set("returnTo", undefined);
      return reply.redirect(returnTo, 303);
    });

    app.get("/inloggen/oidc/:providerId", { config: signInLimit }, async (request, reply) => {
      const params = providerParams.safeParse(request.params);
      const provider = params.success ? await findProvider(db, params.data.providerId) : undefined;
      if (!provider?.enabled) throw new NotFoundError("identity provider");
      let start: Awaited<ReturnType<typeof beginSignIn>>;
      try {
        start = await beginSignIn(provider, redirectUri, protocol);
      } catch (error) {
        request.log.warn(errorSummary(error), "identity provider discovery failed");
        return problem(reply, "unavailable", 503);
      }
      request.session.set("oidc", start.pending);
      const returnTo = safeReturnPath((request.query as Record<string, unknown>).terug);
      if (returnTo !== "/") request.session.set("returnTo", returnTo);
      return reply.redirect(start.url.href, 303);
    });

    // --- Configuring providers -------------------------------------------------------------

    const formPage = (
      request: FastifyRequest,
      reply: FastifyReply,
      props: Omit<ProviderFormProps, "redirectUri" | "title">,
      status = 200,
    ) => {
      const title = request.t(props.editing ? "oidc:admin.editTitle" : "oidc:admin.createTitle");
      return reply.page(
        title,
        <ProviderFormPage {...props} title={title} redirectUri={redirectUri} />,
        { status },
      );
    };

    const createProps = async (request: FastifyRequest) =>
      isPlatformAdministrator(request.actor)
        ? { organisationChoices: await organisationChoices(db) }
        : { organisationName: request.actor.organisationName };

    const editValues = (p: ProviderView) => ({
      name: p.name,
      issuer: p.issuer,
      clientId: p.clientId,
      emailDomain: p.emailDomain,
    });

    app.get("/beheer/identiteitsproviders", async (request, reply) => {
      const { actor, t } = request;
      requireSignedIn(actor);
      authorize(actor, "list", {});
      const providers = await listProviders(db, actor);
      const canAdd = can(actor, "create", { organisationId: actor.organisationId ?? "" });
      return reply.page(
        t("oidc:admin.listTitle"),
        <ProviderListPage providers={providers} canAdd={canAdd} />,
      );
    });

    app.get("/beheer/identiteitsproviders/nieuw", async (request, reply) => {
      const { actor } = request;
      requireSignedIn(actor);
      authorize(actor, "create", { organisationId: actor.organisationId ?? "" });
      return formPage(request, reply, {
        action: "/beheer/identiteitsproviders",
        ...(await createProps(request)),
      });
    });

    app.post("/beheer/identiteitsproviders", async (request, reply) => {
      const { actor, t } = request;
      requireSignedIn(actor);
      // A beheerder adds a provider for their own organisation; the platform administrator chooses.
      authorize(actor, "create", { organisationId: actor.organisationId ?? "" });
      const choices = isPlatformAdministrator(actor) ? await organisationChoices(db) : undefined;
      const chosen = (request.body as Record<string, unknown> | undefined)?.organisationId;
      const organisationId = choices
        ? choices.find((o) => o.id === chosen)?.id
        : actor.organisationId;
      const form = await readSettings(request, undefined);
      if (!form.ok || !organisationId) {
        const errors = form.ok ? {} : form.errors;
        if (!organisationId) errors.organisationId = t("validation:required");
        return formPage(
          request,
          reply,
          {
            action: "/beheer/identiteitsproviders",
            ...(choices
              ? { organisationChoices: choices }
              : { organisationName: actor.organisationName }),
            values: form.ok ? form.data : form.values,
            errors,
          },
          422,
        );
      }
      await createProvider(db, auditContext(request), {
        organisationId,
        name: form.data.name,
        issuer: form.data.issuer,
        clientId: form.data.clientId,
        clientSecret: form.data.clientSecret ?? "",
        emailDomain: form.data.emailDomain,
      });
      return reply.seeOther("/beheer/identiteitsproviders", t("oidc:admin.created"));
    });

    app.get("/beheer/identiteitsproviders/:id", async (request, reply) => {
      const { actor } = request;
      requireSignedIn(actor);
      const provider = await loadView(request);
      authorize(actor, "update", provider);
      return formPage(request, reply, {
        action: `/beheer/identiteitsproviders/${provider.id}`,
        editing: provider,
        organisationName: provider.organisationName,
        values: editValues(provider),
      });
    });

    app.post("/beheer/identiteitsproviders/:id", async (request, reply) => {
      const { actor, t } = request;
      requireSignedIn(actor);
      const view = await loadView(request);
      authorize(actor, "update", view);
      const current = await findProvider(db, view.id);
      if (!current) throw new NotFoundError("identity provider");
      const form = await readSettings(request, current);
      if (!form.ok) {
        return formPage(
          request,
          reply,
          {
            action: `/beheer/identiteitsproviders/${view.id}`,
            editing: view,
            organisationName: view.organisationName,
            values: form.values,
            errors: form.errors,
          },
          422,
        );
      }
      await updateProvider(db, auditContext(request), view.id, form.data);
      return reply.seeOther("/beheer/identiteitsproviders", t("oidc:admin.saved"));
    });

    app.post("/beheer/identiteitsproviders/:id/status", async (request, reply) => {
      const { actor, t } = request;
      requireSignedIn(actor);
      const view = await loadView(request);
      authorize(actor, "update", view);
      const form = parseForm(statusSchema, request.body, t);
      if (!form.ok) throw Object.assign(new Error("invalid status"), { statusCode: 400 });
      const enabled = form.data.enabled === "true";
      await setProviderEnabled(db, auditContext(request), view.id, enabled);
      return reply.seeOther(
        "/beheer/identiteitsproviders",
        t(enabled ? "oidc:admin.enabledDone" : "oidc:admin.disabledDone", { name: view.name }),
      );
    });
  };

  async function loadView(request: FastifyRequest): Promise<ProviderView> {
    const params = idParams.safeParse(request.params);
    const provider = params.success ? await findProviderView(db, params.data.id) : undefined;
    if (!provider) throw new NotFoundError("identity provider");
    return provider;
  }
}

function errorSummary(error: unknown): { error: string; code?: string } {
  const { name, code } = error as { name?: string; code?: unknown };
  return { error: name ?? "Error", ...(typeof code === "string" ? { code } : {}) };
}
