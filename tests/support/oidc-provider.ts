import { generateKeyPairSync, randomBytes } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import Provider, {
  type Adapter,
  type AdapterPayload,
  type JWK,
  type KoaContextWithOIDC,
} from "oidc-provider";

/** A person known to the test identity provider. */
export interface TestIdentity {
  email?: string;
  emailVerified?: boolean;
  /** More claims about the person (e.g. a BSN claim), under the "openid" scope. */
  claims?: Record<string, unknown>;
  /** The `acr` of their sign-in (e.g. a DigiD level), put in the ID token. */
  acr?: string;
}

export interface TestIdentityProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** People who can sign in at the provider, by subject (what they type as their login). */
  users: Map<string, TestIdentity>;
  /**
   * Plays the person's browser at the provider: opens the authorization URL, signs in as
   * `login` on the provider's login form, and returns where the provider sends them back to.
   */
  signInAs(authorizationUrl: string, login: string): Promise<URL>;
  close(): Promise<void>;
}

/**
 * A real OpenID Connect provider (panva's certified `oidc-provider`) on 127.0.0.1 on a random port,
 * with one confidential client for Koers. Its login page is a bare form that trusts the login it
 * is given (a stand-in for the organisation's own authentication); consent is implied, as for a
 * first-party client an organisation sets up for its own staff.
 */
export async function startTestIdentityProvider(options: {
  redirectUri: string;
  /** Names of extra claims the provider may release (a DigiD broker's BSN claim). */
  extraClaims?: string[];
  /** acr values the provider advertises in its metadata (acr_values_supported). */
  acrValues?: string[];
  /**
   * Put scope claims in the ID token itself (oidc-provider's conformIdTokenClaims off), as some
   * brokers do; by default they come from the UserInfo endpoint only.
   */
  claimsInIdToken?: boolean;
}): Promise<TestIdentityProvider> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const issuer = `http://127.0.0.1:${port}`;
  const clientId = "koers";
  const clientSecret = randomBytes(24).toString("base64url");
  const users = new Map<string, TestIdentity>();

  const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const signingKey = { ...privateKey.export({ format: "jwk" }), kid: "test", use: "sig" } as JWK;

  const store = new Map<string, AdapterPayload>();
  const provider = new Provider(issuer, {
    adapter: (model) => new MemoryAdapter(model, store),
    ttl: {
      AccessToken: 600,
      AuthorizationCode: 60,
      IdToken: 600,
      Grant: 3600,
      Interaction: 600,
      Session: 3600,
    },
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: [options.redirectUri],
        grant_types: ["authorization_code"],
        response_types: ["code"],
      },
    ],
    jwks: { keys: [signingKey] },
    cookies: { keys: [randomBytes(32).toString("hex")] },
    claims: {
      openid: ["sub", ...(options.extraClaims ?? [])],
      email: ["email", "email_verified"],
    },
    acrValues: options.acrValues ?? [],
    conformIdTokenClaims: !options.claimsInIdToken,
    features: { devInteractions: { enabled: false } },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    findAccount: (_ctx, sub) => {
      const user = users.get(sub);
      if (!user) return undefined;
      return {
        accountId: sub,
        claims: () => ({
          ...user.claims,
          sub,
          ...(user.email ? { email: user.email, email_verified: user.emailVerified ?? true } : {}),
        }),
      };
    },
    async loadExistingGrant(ctx: KoaContextWithOIDC) {
      const { client, session } = ctx.oidc;
      if (!client || !session?.accountId) return undefined;
      const existing = session.grantIdFor(client.clientId);
      if (existing) return ctx.oidc.provider.Grant.find(existing);
      const grant = new ctx.oidc.provider.Grant({
        clientId: client.clientId,
        accountId: session.accountId,
      });
      grant.addOIDCScope("openid email");
      await grant.save();
      return grant;
    },
  });

  // The login page: a form asking who you are.
  provider.use(async (ctx, next) => {
    const match = /^\/interaction\/([\w-]+)$/.exec(ctx.path);
    if (!match) return next();
    const details = await provider.interactionDetails(ctx.req, ctx.res);
    if (details.prompt.name !== "login") ctx.throw(501, `unexpected prompt ${details.prompt.name}`);
    if (ctx.method === "GET") {
      ctx.type = "html";
      ctx.body = `<!doctype html><title>Test IdP</title><form method="post" action="/interaction/${match[1]}"><label>Login <input name="login"></label><button>Sign in</button></form>`;
      return;
    }
    const body = new URLSearchParams(await readBody(ctx.req));
    const login = body.get("login") ?? "";
    if (!users.has(login)) ctx.throw(401, "unknown login");
    const acr = users.get(login)?.acr;
    const returnTo = await provider.interactionResult(
      ctx.req,
      ctx.res,
      { login: { accountId: login, ...(acr ? { acr } : {}) } },
      { mergeWithLastSubmission: false },
    );
    ctx.status = 303;
    ctx.redirect(returnTo);
  });

  server.on("request", provider.callback());

  return {
    issuer,
    clientId,
    clientSecret,
    users,
    async signInAs(authorizationUrl, login) {
      const browser = new CookieJar();
      let url = new URL(authorizationUrl);
      let body: string | undefined;
      for (let hop = 0; hop < 10; hop++) {
        const res = await fetch(url, {
          method: body ? "POST" : "GET",
          redirect: "manual",
          headers: {
            cookie: browser.header(),
            ...(body ? { "content-type": "application/x-www-form-urlencoded" } : {}),
          },
          ...(body ? { body } : {}),
        });
        browser.remember(res);
        body = undefined;
        const location = res.headers.get("location");
        if (location) {
          const next = new URL(location, url);
          if (next.origin !== issuer) return next;
          url = next;
          continue;
        }
        const html = await res.text();
        const action = /<form method="post" action="([^"]+)"/.exec(html)?.[1];
        if (res.status !== 200 || !action)
          throw new Error(`identity provider answered ${res.status}: ${html.slice(0, 300)}`);
        url = new URL(action, url);
        body = new URLSearchParams({ login }).toString();
      }
      throw new Error("too many redirects at the identity provider");
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) =>
        server.close((error) => (error ? reject(error) : resolve())),
      );
    },
  };
}

/** The provider's state in memory, for one test run (its own default adapter warns about this). */
class MemoryAdapter implements Adapter {
  constructor(
    private readonly model: string,
    private readonly store: Map<string, AdapterPayload>,
  ) {}
  private key = (id: string) => `${this.model}:${id}`;
  async upsert(id: string, payload: AdapterPayload) {
    this.store.set(this.key(id), payload);
    if (payload.uid) this.store.set(`${this.model}:uid:${payload.uid}`, payload);
  }
  async find(id: string) {
    return this.store.get(this.key(id));
  }
  async findByUid(uid: string) {
    return this.store.get(`${this.model}:uid:${uid}`);
  }
  async findByUserCode() {
    return undefined;
  }
  async consume(id: string) {
    const payload = this.store.get(this.key(id));
    if (payload) payload.consumed = Math.floor(Date.now() / 1000);
  }
  async destroy(id: string) {
    this.store.delete(this.key(id));
  }
  async revokeByGrantId(grantId: string) {
    for (const [key, payload] of this.store)
      if (payload.grantId === grantId) this.store.delete(key);
  }
}

async function readBody(req: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks).toString("utf8");
}

/** Cookies for one host, as a browser keeps them (paths ignored: the provider's names differ). */
class CookieJar {
  private readonly cookies = new Map<string, string>();
  remember(res: Response) {
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const at = pair?.indexOf("=") ?? -1;
      if (!pair || at < 1) continue;
      const name = pair.slice(0, at).trim();
      const value = pair.slice(at + 1).trim();
      if (value === "" || /expires=Thu, 01 Jan 1970/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }
  header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }
}
