import type { FastifyInstance, FastifyRequest } from "fastify";
import { z } from "zod";
import { auditContext } from "../accounts/index.ts";
import { NotFoundError, requireSignedIn } from "../platform/authz/index.ts";
import type { Database } from "../platform/db/client.ts";
import { parseForm, requiredText } from "../platform/http/forms.ts";
import { createApiToken, revokeApiToken } from "./commands.ts";
import { apiPolicy } from "./policy.ts";
import { findApiToken, findOrganisation, listApiTokens, organisationChoices } from "./queries.ts";
import { apiScopes, dutchDate, expiryAfterDate } from "./rules.ts";
import { NewTokenPage, TokenCreatedPage, TokenListPage } from "./views/tokens.tsx";

/** Checkboxes arrive as nothing, one string, or a list: always a list here. */
const asList = (value: unknown): unknown[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];

const newTokenSchema = z.object({
  name: requiredText(100),
  scopes: z.preprocess(
    asList,
    z
      .array(z.enum(apiScopes))
      .refine((s) => s.length > 0, { message: "api:tokens.scopesRequired" }),
  ),
  expires: z.iso
    .date()
    .refine((d) => d >= dutchDate(new Date()), { message: "api:tokens.expiresInPast" })
    .optional(),
  organisationId: z.uuid().optional(),
});

const tokenIdParams = z.object({ id: z.uuid() });

/** Token management pages under /beheer/api-tokens (beheerder: own organisation; platform admin: any). */
export function apiTokenAdminRoutes(deps: { database: Database }) {
  const db = deps.database.db;

  /** The organisation a request is about: the actor's own, or the one a platform admin chose. */
  function ownerOf(request: FastifyRequest, chosen: unknown): string | undefined {
    const { actor } = request;
    if (apiPolicy.can(actor, "apiToken.chooseOrganisation", null))
      return typeof chosen === "string" && z.uuid().safeParse(chosen).success ? chosen : undefined;
    return actor.organisationId;
  }

  return async (app: FastifyInstance) => {
    app.get("/beheer/api-tokens", async (request, reply) => {
      const { actor, t } = request;
      requireSignedIn(actor);
      const platformAdmin = apiPolicy.can(actor, "apiToken.chooseOrganisation", null);
      const organisationId = ownerOf(
        request,
        (request.query as Record<string, unknown>).organisatie,
      );
      // A platform administrator may look at every organisation at once; others only at their own.
      if (!platformAdmin || organisationId)
        apiPolicy.authorize(actor, "apiToken.manage", { organisationId: organisationId ?? "" });
      const organisation = organisationId ? await findOrganisation(db, organisationId) : undefined;
      if (organisationId && !organisation) throw new NotFoundError("organisation");
      const items = await listApiTokens(db, { organisationId });
      return reply.page(
        t("api:tokens.title"),
        <TokenListPage
          items={items}
          now={new Date()}
          organisationId={organisationId}
          organisationName={organisation?.name}
          organisationOptions={platformAdmin ? await organisationChoices(db) : undefined}
        />,
      );
    });

    app.get("/beheer/api-tokens/nieuw", async (request, reply) => {
      const { actor, t } = request;
      requireSignedIn(actor);
      apiPolicy.authorize(actor, "apiToken.manage", { organisationId: actor.organisationId ?? "" });
      const platformAdmin = apiPolicy.can(actor, "apiToken.chooseOrganisation", null);
      return reply.page(
        t("api:tokens.newTitle"),
        <NewTokenPage
          values={{ organisationId: actor.organisationId }}
          organisationOptions={platformAdmin ? await organisationChoices(db) : undefined}
        />,
      );
    });

    app.post("/beheer/api-tokens/nieuw", async (request, reply) => {
      const { actor, t } = request;
      requireSignedIn(actor);
      apiPolicy.authorize(actor, "apiToken.manage", { organisationId: actor.organisationId ?? "" });
      const platformAdmin = apiPolicy.can(actor, "apiToken.chooseOrganisation", null);
      const form = parseForm(newTokenSchema, request.body, t);
      if (!form.ok) {
        return reply.page(
          t("api:tokens.newTitle"),
          <NewTokenPage
            errors={form.errors}
            values={form.values}
            organisationOptions={platformAdmin ? await organisationChoices(db) : undefined}
          />,
          { status: 422 },
        );
      }
      const organisationId = ownerOf(request, form.data.organisationId) ?? actor.organisationId;
      if (!organisationId || !(await findOrganisation(db, organisationId)))
        throw new NotFoundError("organisation");
      apiPolicy.authorize(actor, "apiToken.manage", { organisationId });
      const created = await createApiToken(db, auditContext(request), {
        organisationId,
        name: form.data.name,
        scopes: form.data.scopes,
        expiresAt: form.data.expires ? expiryAfterDate(form.data.expires) : null,
      });
      // Shown in this response, not after a redirect: the token never passes through the session
      // store, and once this page is gone Koers cannot show it again (decision 0007).
      return reply.page(
        t("api:tokens.createdTitle"),
        <TokenCreatedPage name={form.data.name} token={created.token} />,
        { status: 201 },
      );
    });

    app.post("/beheer/api-tokens/:id/intrekken", async (request, reply) => {
      const { actor, t } = request;
      requireSignedIn(actor);
      const params = tokenIdParams.safeParse(request.params);
      const token = params.success ? await findApiToken(db, params.data.id) : undefined;
      if (!token) throw new NotFoundError("api token");
      apiPolicy.authorize(actor, "apiToken.manage", token);
      // Revoking twice (a double click) is not an error: the token is revoked either way.
      if (apiPolicy.can(actor, "apiToken.revoke", token))
        await revokeApiToken(db, auditContext(request), token.id);
      return reply.seeOther("/beheer/api-tokens", t("api:tokens.revoked", { name: token.name }));
    });
  };
}
