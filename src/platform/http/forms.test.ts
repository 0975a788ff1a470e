import { describe, expect, it } from "vitest";
import { z } from "zod";
import { translator } from "../i18n/index.ts";
import { parseForm } from "./forms.ts";

describe("parseForm", () => {
  const schema = z
    .object({
      email: z.email(),
      name: z.string().min(1).max(5),
      password: z.string(),
      confirm: z.string(),
    })
    .refine((v) => v.password === v.confirm, {
      path: ["confirm"],
      message: "validation:passwordsDiffer",
    });

  it("returns translated field messages and keeps the input", () => {
    const result = parseForm(
      schema,
      { email: "nope", name: "far too long", password: "a", confirm: "b", _csrf: "x" },
      translator("en"),
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.email).toBe("Enter an e-mail address like name@example.com.");
    expect(result.errors.name).toBe("Use at most 5 characters.");
    expect(result.values.name).toBe("far too long");
    expect(result.values).not.toHaveProperty("_csrf");
  });

  it("translates refinements whose message is a key", () => {
    const result = parseForm(
      schema,
      { email: "a@b.nl", name: "x", password: "a", confirm: "b" },
      translator("nl"),
    );
    expect(!result.ok && result.errors.confirm).toBe("De wachtwoorden zijn niet gelijk.");
  });

  it("treats an empty field as missing", () => {
    const result = parseForm(
      schema,
      { email: "  ", name: "x", password: "a", confirm: "a" },
      translator("nl"),
    );
    expect(!result.ok && result.errors.email).toBe("Vul dit veld in.");
  });
});
