import type { TFunction } from "i18next";
import { createContext } from "preact";
import { useContext } from "preact/hooks";
import type { Actor } from "../authz/actor.ts";
import type { Locale } from "../i18n/languages.ts";

/** What every page and component may know about the request it renders for. */
export interface ViewContext {
  t: TFunction;
  locale: Locale;
  dir: "ltr" | "rtl";
  actor: Actor;
  /** The CSRF token for forms on this page. */
  csrfToken: string;
  /** The CSP nonce for this response's scripts. */
  nonce: string;
  /** The path (with query) being rendered, for the language switcher's way back. */
  path: string;
  /** A one-time message from the previous request (after POST → 303). */
  flash?: string | undefined;
  /** Asset URLs with content hashes. */
  assets: { css: string; js: string };
  /** Whether the development outbox is available. */
  devOutbox: boolean;
}

export const ViewContextProvider = createContext<ViewContext | null>(null);

/** Reads the request's view context inside a component. */
export function useView(): ViewContext {
  const ctx = useContext(ViewContextProvider);
  if (!ctx) throw new Error("useView outside a page render");
  return ctx;
}
