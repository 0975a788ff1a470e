import type { TFunction } from "i18next";
import type { Actor } from "./platform/authz/actor.ts";
import { hasRole, isPlatformAdministrator } from "./platform/authz/predicates.ts";
import type { NavItem } from "./platform/views/layout.tsx";

/** The main navigation for an actor: only what their roles can use. */
export function navigationFor(actor: Actor, t: TFunction): NavItem[] {
  if (actor.kind === "newcomer")
    return [
      { href: "/mijn-plan", label: t("portal:nav.plan") },
      { href: "/mijn-plan/afspraken", label: t("portal:nav.appointments") },
      { href: "/mijn-gegevens", label: t("consent:mine.title") },
      { href: "/account/passkeys", label: t("passkeys:title") },
    ];
  if (actor.kind !== "staff") return [];
  const items: NavItem[] = [{ href: "/", label: t("common:nav.home") }];
  if (hasRole(actor, "consulent", "teamleider"))
    items.push({ href: "/caseload", label: t("caseload:nav") });
  if (hasRole(actor, "consulent", "teamleider"))
    items.push({ href: "/nieuwkomers", label: t("common:nav.newcomers") });
  if (hasRole(actor, "sleutelpersoon", "partnermedewerker"))
    items.push({ href: "/sleutelpersoon", label: t("consent:keyPerson.listTitle") });
  if (hasRole(actor, "procesbegeleider"))
    items.push({ href: "/maaksessies", label: t("sessions:nav") });
  if (isPlatformAdministrator(actor))
    items.push({ href: "/beheer/organisaties", label: t("common:nav.organisations") });
  else if (hasRole(actor, "beheerder") && actor.organisationId)
    items.push({
      href: `/beheer/organisaties/${actor.organisationId}`,
      label: t("common:nav.myOrganisation"),
    });
  if (hasRole(actor, "beheerder")) {
    items.push({ href: "/beheer/accounts", label: t("common:nav.accounts") });
    items.push({ href: "/beheer/api-tokens", label: t("common:nav.apiTokens") });
    items.push({ href: "/beheer/identiteitsproviders", label: t("oidc:nav") });
    items.push({ href: "/beheer/logboek", label: t("common:nav.audit") });
  }
  items.push({ href: "/account", label: t("common:nav.myAccount") });
  return items;
}
