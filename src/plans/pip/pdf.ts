// PDF from the PIP document through Chromium's print-to-PDF (decision 0011): tagged (PDF/UA
// structure from the HTML), with an outline from the headings, and text shaped by HarfBuzz, so
// Arabic and Persian run right to left and Tigrinya's Ge'ez script comes out whole.
import { existsSync } from "node:fs";
import type { Browser } from "playwright-core";

/** Thrown when this server cannot make PDFs (no Chromium): the page says so, the printable page still works. */
export class PdfUnavailableError extends Error {
  readonly statusCode = 503;
  constructor(reason: string) {
    super(`PDF unavailable: ${reason}`);
    this.name = "PdfUnavailableError";
  }
}

export interface PdfRenderer {
  /** Whether this server has a Chromium to render with (checked before anything is read). */
  available(): boolean;
  /** Renders a complete HTML page (no external resources are loaded) to a tagged A4 PDF. */
  render(html: string): Promise<Buffer>;
  /** Closes the shared browser, if one was started. */
  close(): Promise<void>;
}

/**
 * One Chromium for the whole process, started at the first PDF and reused: a launch costs about
 * half a second, a page a tenth of that. Each PDF gets its own context without JavaScript and
 * without network, so a document can never fetch or run anything.
 */
export function createPdfRenderer(options: {
  executablePath: string;
  timeoutMs?: number;
}): PdfRenderer {
  let browser: Promise<Browser> | undefined;
  const timeout = options.timeoutMs ?? 20_000;

  const launch = async (): Promise<Browser> => {
    if (!existsSync(options.executablePath))
      throw new PdfUnavailableError(`no Chromium at ${options.executablePath} (set CHROMIUM_PATH)`);
    let chromium: typeof import("playwright-core").chromium;
    try {
      ({ chromium } = await import("playwright-core"));
    } catch {
      throw new PdfUnavailableError("the playwright-core package is not installed");
    }
    const started = await chromium.launch({
      executablePath: options.executablePath,
      // The renderer gets only local HTML with scripts off; the sandbox needs user namespaces,
      // which containers often lack.
      args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
      timeout,
    });
    started.on("disconnected", () => {
      browser = undefined;
    });
    return started;
  };

  const shared = (): Promise<Browser> => {
    browser ??= launch().catch((error: unknown) => {
      browser = undefined;
      throw error;
    });
    return browser;
  };

  return {
    available: () => existsSync(options.executablePath),
    async render(html) {
      const context = await (await shared()).newContext({
        javaScriptEnabled: false,
        offline: true,
      });
      try {
        const page = await context.newPage();
        await page.route("**/*", (route) => route.abort());
        await page.setContent(html, { waitUntil: "load", timeout });
        await page.emulateMedia({ media: "print" });
        return await page.pdf({
          format: "A4",
          printBackground: true,
          preferCSSPageSize: true,
          tagged: true,
          outline: true,
        });
      } finally {
        await context.close();
      }
    },
    async close() {
      const running = browser;
      browser = undefined;
      if (running) await (await running.catch(() => undefined))?.close();
    },
  };
}
