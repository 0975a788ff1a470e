import { existsSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { AxeBuilder } from "@axe-core/playwright";
import { type Browser, chromium, type Page } from "playwright-core";
import { expect } from "vitest";
import { createTestApp, type TestApp } from "../support/app.ts";
import { unusedTotp } from "../support/factories.ts";

/** Debian's Chromium (apt-get install chromium); browser downloads do not work here. */
const chromiumPath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export interface BrowserTestServer extends TestApp {
  url: string;
}

/** The real app on a loopback port, on a fresh embedded database. */
export async function startServer(): Promise<BrowserTestServer> {
  const t = await createTestApp("pglite");
  await t.app.listen({ host: "127.0.0.1", port: 0 });
  const { port } = t.app.server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  return { ...t, url };
}

/**
 * Launches headless Chromium. Never skips: a missing browser fails the run, so CI cannot go
 * green without the browser tests (.ci/run also checks they ran).
 */
export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(chromiumPath)) {
    throw new Error(
      `Chromium not found at ${chromiumPath}: apt-get install chromium (or set CHROMIUM_PATH)`,
    );
  }
  return chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--disable-background-networking",
      "--disable-component-update",
      "--no-first-run",
      "--disable-sync",
    ],
  });
}

/** Signs a staff member in through the real forms (password, then a one-time code), in Dutch. */
export async function signInThroughForms(
  page: Page,
  url: string,
  account: { email: string; password: string; totpSecret: string },
): Promise<void> {
  await page.goto(`${url}/inloggen`);
  await page.getByLabel("E-mailadres").fill(account.email);
  await page.getByLabel("Wachtwoord").fill(account.password);
  await page.getByRole("button", { name: "Inloggen" }).click();
  await page.waitForURL("**/inloggen/code");
  await page.getByLabel("Code", { exact: true }).fill(await unusedTotp(account.totpSecret));
  await page.getByRole("button", { name: "Controleren" }).click();
  await page.waitForURL(`${url}/`);
}

/** A page in its own browser context (own cookies), as a separate person would have. */
export async function newPage(
  browser: Browser,
  options: { width?: number; locale?: string } = {},
): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width: options.width ?? 1280, height: 900 },
    locale: options.locale ?? "nl-NL",
  });
  return context.newPage();
}

/** Runs axe-core (WCAG 2.1 A and AA rules) on the page and fails with a readable list of violations. */
export async function expectAccessible(page: Page): Promise<void> {
  const result = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"])
    .analyze();
  const summary = result.violations.map(
    (v) =>
      `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`,
  );
  expect(summary, `axe violations on ${page.url()}`).toEqual([]);
}
