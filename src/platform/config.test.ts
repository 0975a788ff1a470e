import { describe, expect, it } from "vitest";
import { loadConfig } from "./config.ts";

const secret = "a session secret of at least thirty-two characters";

describe("configuration", () => {
  it("requires the secrets and the public address in production, with one readable error", () => {
    expect(() => loadConfig({ NODE_ENV: "production" })).toThrow(
      /SESSION_SECRET: required in production[\s\S]*PUBLIC_URL: required in production/,
    );
  });

  it("keys DigiD links with their own secret, or the session secret when it is not set", () => {
    expect(loadConfig({ SESSION_SECRET: secret }).identityLinkSecret).toBe(secret);
    const own = "an identity link secret, thirty-two characters long";
    const config = loadConfig({ SESSION_SECRET: secret, IDENTITY_LINK_SECRET: own });
    expect(config.identityLinkSecret).toBe(own);
    expect(config.SESSION_SECRET).toBe(secret);
    expect(() => loadConfig({ IDENTITY_LINK_SECRET: "short" })).toThrow(/IDENTITY_LINK_SECRET/);
  });
});
