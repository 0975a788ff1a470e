import type { FastifyInstance, LightMyRequestResponse } from "fastify";

/**
 * A browser-like client for app.inject: keeps cookies, and sends the CSRF token of the last page
 * it loaded with every form it posts (as a browser would).
 */
export class TestClient {
  private cookies = new Map<string, string>();
  private csrf: string | undefined;
  /** The last HTML page loaded. */
  html = "";

  /** Headers a browser sends with every request, e.g. { "accept-language": "en" }. */
  headers: Record<string, string> = {};

  constructor(
    private readonly app: FastifyInstance,
    private readonly ip = "127.0.0.1",
  ) {}

  private cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }

  private remember(res: LightMyRequestResponse) {
    for (const c of res.cookies) {
      if (c.value === "" || (c.expires && c.expires.getTime() < Date.now()))
        this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
    if (String(res.headers["content-type"] ?? "").includes("text/html")) {
      this.html = res.body;
      const token = res.body.match(/name="_csrf" value="([^"]+)"/)?.[1];
      if (token) this.csrf = token;
    }
  }

  async get(url: string, headers: Record<string, string> = {}) {
    const res = await this.app.inject({
      method: "GET",
      url,
      headers: { ...this.headers, cookie: this.cookieHeader(), ...headers },
      remoteAddress: this.ip,
    });
    this.remember(res);
    return res;
  }

  /**
   * Posts a form. Loads `from` first when given, to pick up a CSRF token like a browser would.
   * A list value is sent as repeated fields, as checkboxes with one name are.
   */
  async post(
    url: string,
    form: Record<string, string | readonly string[]>,
    options: { from?: string; csrf?: string | false } = {},
  ) {
    if (options.from) await this.get(options.from);
    const token = options.csrf === false ? undefined : (options.csrf ?? this.csrf);
    const fields = new URLSearchParams(token ? { _csrf: token } : {});
    for (const [name, value] of Object.entries(form))
      for (const v of typeof value === "string" ? [value] : value) fields.append(name, v);
    const body = fields.toString();
    const res = await this.app.inject({
      method: "POST",
      url,
      payload: body,
      headers: {
        ...this.headers,
        cookie: this.cookieHeader(),
        "content-type": "application/x-www-form-urlencoded",
      },
      remoteAddress: this.ip,
    });
    this.remember(res);
    return res;
  }

  /** Follows a 303 to its target. */
  async follow(res: LightMyRequestResponse) {
    const location = res.headers.location;
    if (!location) throw new Error(`no redirect (status ${res.statusCode})`);
    return this.get(String(location));
  }

  cookie(name: string): string | undefined {
    return this.cookies.get(name);
  }
}
