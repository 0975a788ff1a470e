import { describe, expect, it } from "vitest";
import { inSequence } from "./sequence.ts";

describe("inSequence", () => {
  it("starts each step after the previous one finished, and returns the results in order", async () => {
    const log: string[] = [];
    const step = (name: string, ms: number) => async () => {
      log.push(`start ${name}`);
      await new Promise((resolve) => setTimeout(resolve, ms));
      log.push(`end ${name}`);
      return name.length;
    };
    const [a, b, c] = await inSequence(step("slow", 20), step("quick", 1), () => "plain");
    expect([a, b, c]).toEqual([4, 5, "plain"]);
    expect(log).toEqual(["start slow", "end slow", "start quick", "end quick"]);
  });
});
