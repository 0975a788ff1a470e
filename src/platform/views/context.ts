import type { TFunction } from "i18next";
import { createContext } from "preact";
import { useContext } from "preact/hooks";
import type { Actor } from "../authz/actor.ts";
import type { Locale } from "../i18n/languages.ts";
import type { CriticalCss } from "./critical-css.ts";

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
  /** The CSP nonce for this response's inline styles. */
  styleNonce: string;
  /** The path (with query) being rendered, for the language switcher's way back. */
  path: string;
  /** A one-time message from the previous request (after POST → 303). */
  flash?: string | undefined;
  /** Asset URLs with content hashes; `critical` gives the CSS one page needs. */
  assets: { css: string; js: string; critical?: CriticalCss };
  /**
   * Inline the page's own CSS instead of linking the stylesheet: for newcomers, participants and
   * visitors, whose first page must not wait for a second round trip on a slow connection.
   */
  inlineStyles: boolean;
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
