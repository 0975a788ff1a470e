import type { TFunction } from "i18next";
import type { ComponentChildren } from "preact";
import type { Actor } from "../authz/actor.ts";
import type { Locale } from "../i18n/languages.ts";
import type { ViewContext } from "../views/context.ts";
import type { NavItem } from "../views/layout.tsx";

declare module "fastify" {
  interface Session {
    /** Set once password (and, where required, the second factor) are given. */
    accountId?: string;
    organisationId?: string;
    /** Password given, second factor still to come. */
    pendingAccountId?: string;
    pendingOrganisationId?: string;
    mfa?: boolean;
    createdAt?: number;
    lastSeenAt?: number;
    /** The account's session epoch at sign-in; a later "sign out everywhere" bumps it. */
    epoch?: number;
    flash?: string;
    /** Where to go after signing in. */
    returnTo?: string;
    oidc?: { state: string; nonce: string; codeVerifier: string; providerId: string };
  }
  interface FastifyRequest {
    locale: Locale;
    t: TFunction;
    actor: Actor;
  }
  interface FastifyReply {
    /** Renders a page in the Koers shell and sends it (200 unless given). */
    page(title: string, body: ComponentChildren, options?: { status?: number }): FastifyReply;
    /** The view context for this request (for renderers outside reply.page). */
    viewContext(): ViewContext;
    /** Redirects after a successful POST, with an optional one-time message. */
    seeOther(location: string, flash?: string): FastifyReply;
  }
}

export type NavBuilder = (actor: Actor, t: TFunction) => NavItem[];
