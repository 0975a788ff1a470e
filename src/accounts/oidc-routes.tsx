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
  countsAsTwoFactors,
  DIGID_CALLBACK_PATH,
  type DigidLevel,
  defaultAcrMapping,
  defaultBsnClaim,
  digidLevels,
  isDigidLevel,
  isScopeToken,
  requirableLevels,
  splitValues,
} from "./digid.ts";
import {
  beginSignIn,
  canDiscover,
  completeSignIn,
  createProvider,
  DigidProviderConflict,
  type DigidSettings,
  findProvider,
  findProviderView,
  type IdentityProviderRow,
  identityProviderAuthz,
  issuerProblem,
  listProviders,
  normaliseEmailDomain,
  organisationChoices,
  type ProtocolOptions,
  type ProviderInput,
  type ProviderResource,
  type ProviderView,
  recordOidcRefusal,
  setProviderEnabled,
  signInWithIdentity,
  updateProvider,
} from "./oidc.ts";
import { type AccountDeps, auditContext, safeReturnPath, startSession } from "./routes.tsx";
import type { IdentityProviderPurpose } from "./schema.ts";
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
const purposeSchema = z.enum(["staff", "digid"]);
/** The acr fields of the DigiD form, one per level. */
const acrField = (level: DigidLevel) => `acr_${level}`;
const domainPattern = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

/** Signing in through an organisation's own OpenID Connect identity provider, and configuring one. */
export function oidcRoutes(deps: AccountDeps) {
  const { database, config } = deps;
  const db = database.db;
  const protocol: ProtocolOptions = { allowLoopbackHttp: !config.isProduction };
  const redirectUri = `${config.publicUrl}/inloggen/oidc/callback`;
  const digidRedirectUri = `${config.publicUrl}${DIGID_CALLBACK_PATH}`;
  const signInLimit = { rateLimit: { max: 30, timeWindow: "1 minute" } };

  const clientSchema = {
    organisationId: z.uuid().optional(),
    name: requiredText(100),
    issuer: requiredText(500),
    clientId: requiredText(200),
    clientSecret: optionalText(1000),
  };
  const staffSchema = z.object({ ...clientSchema, emailDomain: requiredText(253) });
  const digidSchema = z.object({
    ...clientSchema,
    bsnClaim: requiredText(200),
    minimumLevel: z.enum(digidLevels),
    extraScopes: optionalText(500),
    ...Object.fromEntries(digidLevels.map((l) => [acrField(l), optionalText(2000)])),
  });

  /**
   * Reads the settings form of a staff provider or a DigiD broker. Beyond the schema: an allowed
   * issuer, a real domain (staff) or sound DigiD settings, a secret when adding, and, when the
   * issuer or client changes, a provider that answers at the issuer.
   */
  const readSettings = async (
    request: FastifyRequest,
    purpose: IdentityProviderPurpose,
    current: IdentityProviderRow | undefined,
  ): Promise<FormResult<ProviderInput & { clientSecret?: string | undefined }>> => {
    const { t } = request;
    const form = parseForm(purpose === "digid" ? digidSchema : staffSchema, request.body, t);
    const values: Record<string, unknown> = form.ok ? form.data : form.values;
    const errors: FieldErrors = form.ok ? {} : { ...form.errors };
    const text = (key: string) => (typeof values[key] === "string" ? values[key].trim() : "");
    if (!errors.issuer && issuerProblem(text("issuer"), protocol.allowLoopbackHttp))
      errors.issuer = t("oidc:errors.issuer");
    if (!current && !errors.clientSecret && !text("clientSecret"))
      errors.clientSecret = t("validation:required");
    let digid: DigidSettings | undefined;
    if (purpose === "staff") {
      if (!errors.emailDomain && !domainPattern.test(normaliseEmailDomain(text("emailDomain"))))
        errors.emailDomain = t("oidc:errors.emailDomain");
    } else {
      digid = readDigidSettings(t, text, errors);
    }
    if (!form.ok || Object.keys(errors).length > 0) return { ok: false, errors, values };
    const input = {
      name: text("name"),
      issuer: text("issuer"),
      clientId: text("clientId"),
      clientSecret: text("clientSecret") || undefined,
      emailDomain: text("emailDomain"),
      digid,
    };
    const changed =
      !current || current.issuer !== input.issuer || current.clientId !== input.clientId;
    const secret = input.clientSecret ?? current?.clientSecret ?? "";
    if (changed && !(await canDiscover({ ...input, clientSecret: secret }, protocol)))
      return { ok: false, errors: { issuer: t("oidc:errors.unreachable") }, values };
    return { ok: true, data: input };
  };

  /** The DigiD part of the form: BSN claim, minimum level (Midden or higher), acr values, scopes. */
  const readDigidSettings = (
    t: FastifyRequest["t"],
    text: (key: string) => string,
    errors: FieldErrors,
  ): DigidSettings | undefined => {
    const bsnClaim = text("bsnClaim");
    if (!errors.bsnClaim && /\s/.test(bsnClaim)) errors.bsnClaim = t("oidc:errors.bsnClaim");
    const level = text("minimumLevel");
    // Basis is a password only: it never counts as the second factor (decision 0017).
    if (isDigidLevel(level) && !countsAsTwoFactors(level))
      errors.minimumLevel = t("oidc:errors.levelTooLow");
    const mapping = Object.fromEntries(
      digidLevels.map((l) => [l, splitValues(text(acrField(l)))]),
    ) as Record<DigidLevel, string[]>;
    const seen = new Map<string, DigidLevel>();
    for (const l of digidLevels) {
      for (const value of mapping[l]) {
        const earlier = seen.get(value);
        if (earlier && !errors[acrField(l)])
          errors[acrField(l)] = t("oidc:errors.acrTwice", {
            value,
            level: t(`oidc:levels.${earlier}`),
          });
        seen.set(value, l);
      }
    }
    if (isDigidLevel(level) && countsAsTwoFactors(level)) {
      const accepted = digidLevels.filter(
        (l) => requirableLevels.includes(l) && digidLevels.indexOf(l) >= digidLevels.indexOf(level),
      );
      if (accepted.every((l) => mapping[l].length === 0) && !errors[acrField(level)])
        errors[acrField(level)] = t("oidc:errors.acrNone");
    }
    const scopes = splitValues(text("extraScopes"));
    if (!errors.extraScopes && !scopes.every(isScopeToken))
      errors.extraScopes = t("oidc:errors.scopes");
    if (!isDigidLevel(level)) return undefined;
    return { bsnClaim, minimumLevel: level, acrMapping: mapping, extraScopes: scopes.join(" ") };
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
      // A DigiD broker signs newcomers in at /inloggen/digid, never staff here.
      if (!provider?.enabled || provider.purpose !== "staff")
        return problem(reply, "unavailable", 400);
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
      if (!provider?.enabled || provider.purpose !== "staff")
        throw new NotFoundError("identity provider");
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
      const kind = props.purpose === "digid" ? "Digid" : "";
      const title = request.t(
        props.editing ? `oidc:admin.editTitle${kind}` : `oidc:admin.createTitle${kind}`,
      );
      return reply.page(
        title,
        <ProviderFormPage
          {...props}
          title={title}
          redirectUri={props.purpose === "digid" ? digidRedirectUri : redirectUri}
        />,
        { status },
      );
    };

    const createProps = async (request: FastifyRequest, purpose: IdentityProviderPurpose) =>
      isPlatformAdministrator(request.actor)
        ? { organisationChoices: await organisationChoices(db, purpose) }
        : { organisationName: request.actor.organisationName };

    const editValues = (p: ProviderView): Record<string, unknown> => ({
      name: p.name,
      issuer: p.issuer,
      clientId: p.clientId,
      emailDomain: p.emailDomain,
      bsnClaim: p.bsnClaim,
      minimumLevel: p.minimumLevel ?? undefined,
      extraScopes: p.extraScopes,
      ...acrValues(p.acrMapping ?? defaultAcrMapping),
    });

    /** A new DigiD broker's form starts with the common values (decision 0017). */
    const digidDefaults = {
      bsnClaim: defaultBsnClaim,
      minimumLevel: "midden",
      ...acrValues(defaultAcrMapping),
    };

    const purposeOf = (request: FastifyRequest): IdentityProviderPurpose => {
      const q = (request.query as Record<string, unknown>).soort;
      const b = (request.body as Record<string, unknown> | undefined)?.purpose;
      const parsed = purposeSchema.safeParse(b ?? (q === "digid" ? "digid" : "staff"));
      return parsed.success ? parsed.data : "staff";
    };

    const listPage = async (request: FastifyRequest, reply: FastifyReply, error?: string) => {
      const { actor, t } = request;
      const providers = await listProviders(db, actor);
      const canAdd = can(actor, "add", { purpose: "staff" });
      const canAddDigid = can(actor, "add", { purpose: "digid" });
      return reply.page(
        t("oidc:admin.listTitle"),
        <ProviderListPage
          providers={providers}
          canAdd={canAdd}
          canAddDigid={canAddDigid}
          error={error}
        />,
        error ? { status: 409 } : undefined,
      );
    };

    app.get("/beheer/identiteitsproviders", async (request, reply) => {
      const { actor } = request;
      requireSignedIn(actor);
      authorize(actor, "list", {});
      return listPage(request, reply);
    });

    app.get("/beheer/identiteitsproviders/nieuw", async (request, reply) => {
      const { actor } = request;
      requireSignedIn(actor);
      const purpose = purposeOf(request);
      authorize(actor, "add", { purpose });
      return formPage(request, reply, {
        action: "/beheer/identiteitsproviders",
        purpose,
        ...(purpose === "digid" ? { values: digidDefaults } : {}),
        ...(await createProps(request, purpose)),
      });
    });

    app.post("/beheer/identiteitsproviders", async (request, reply) => {
      const { actor, t } = request;
      requireSignedIn(actor);
      const purpose = purposeOf(request);
      // A beheerder adds a provider for their own organisation; the platform administrator chooses.
      authorize(actor, "add", { purpose });
      const choices = isPlatformAdministrator(actor)
        ? await organisationChoices(db, purpose)
        : undefined;
      const chosen = (request.body as Record<string, unknown> | undefined)?.organisationId;
      const organisation = choices
        ? choices.find((o) => o.id === chosen)
        : { id: actor.organisationId, kind: actor.organisationKind };
      if (organisation?.id)
        authorize(actor, "create", {
          organisationId: organisation.id,
          organisationKind: organisation.kind,
          purpose,
        });
      const form = await readSettings(request, purpose, undefined);
      const again = (errors: FieldErrors, values: Record<string, unknown>) =>
        formPage(
          request,
          reply,
          {
            action: "/beheer/identiteitsproviders",
            purpose,
            ...(choices
              ? { organisationChoices: choices }
              : { organisationName: actor.organisationName }),
            values,
            errors,
          },
          422,
        );
      if (!form.ok || !organisation?.id) {
        const errors = form.ok ? {} : form.errors;
        if (!organisation?.id) errors.organisationId = t("validation:required");
        return again(errors, form.ok ? { ...(request.body as object) } : form.values);
      }
      try {
        await createProvider(db, auditContext(request), {
          ...form.data,
          organisationId: organisation.id,
          clientSecret: form.data.clientSecret ?? "",
          purpose,
        });
      } catch (error) {
        if (!(error instanceof DigidProviderConflict)) throw error;
        const { clientSecret: _secret, ...values } = request.body as Record<string, unknown>;
        return again({ _form: t("oidc:errors.digidTwice", { name: error.existingName }) }, values);
      }
      return reply.seeOther("/beheer/identiteitsproviders", t("oidc:admin.created"));
    });

    app.get("/beheer/identiteitsproviders/:id", async (request, reply) => {
      const { actor } = request;
      requireSignedIn(actor);
      const provider = await loadView(request);
      authorize(actor, "update", resourceOf(provider));
      return formPage(request, reply, {
        action: `/beheer/identiteitsproviders/${provider.id}`,
        purpose: provider.purpose,
        editing: provider,
        organisationName: provider.organisationName,
        values: editValues(provider),
      });
    });

    app.post("/beheer/identiteitsproviders/:id", async (request, reply) => {
      const { actor, t } = request;
      requireSignedIn(actor);
      const view = await loadView(request);
      authorize(actor, "update", resourceOf(view));
      const current = await findProvider(db, view.id);
      if (!current) throw new NotFoundError("identity provider");
      const form = await readSettings(request, view.purpose, current);
      if (!form.ok) {
        return formPage(
          request,
          reply,
          {
            action: `/beheer/identiteitsproviders/${view.id}`,
            purpose: view.purpose,
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
      authorize(actor, "update", resourceOf(view));
      const form = parseForm(statusSchema, request.body, t);
      if (!form.ok) throw Object.assign(new Error("invalid status"), { statusCode: 400 });
      const enabled = form.data.enabled === "true";
      try {
        await setProviderEnabled(db, auditContext(request), view.id, enabled);
      } catch (error) {
        if (!(error instanceof DigidProviderConflict)) throw error;
        return listPage(request, reply, t("oidc:errors.digidTwice", { name: error.existingName }));
      }
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

/** The policy's view of a provider. */
function resourceOf(p: ProviderView): ProviderResource {
  return {
    organisationId: p.organisationId,
    organisationKind: p.organisationKind,
    purpose: p.purpose,
  };
}

/** A mapping as the form's acr fields: one line per value. */
function acrValues(mapping: Record<DigidLevel, readonly string[]>): Record<string, string> {
  return Object.fromEntries(digidLevels.map((l) => [acrField(l), (mapping[l] ?? []).join("\n")]));
}

function errorSummary(error: unknown): { error: string; code?: string } {
  const { name, code } = error as { name?: string; code?: unknown };
  return { error: name ?? "Error", ...(typeof code === "string" ? { code } : {}) };
}
