import { describe, expect, it } from "vitest";
import {
  isPlausibleBirthDate,
  isValidBsn,
  looksLikeBsn,
  normaliseBsn,
  todayInNetherlands,
} from "./rules.ts";

describe("isValidBsn (the 11-check)", () => {
  it.each([
    // bsn          valid   why
    ["111222333", true, "9+8+7+12+10+8+9+6−3 = 66 = 6·11"],
    ["123456782", true, "156−2 = 154 = 14·11"],
    ["999999990", true, "9·44−0 = 396 = 36·11"],
    ["012345672", true, "leading zero: 112−2 = 110 = 10·11"],
    ["123456789", false, "156−9 = 147, remainder 4"],
    ["111222334", false, "one digit off"],
    ["000000000", false, "all zeros passes the sum but is no BSN"],
    ["12345678", false, "eight digits (normalise first)"],
    ["1234567820", false, "ten digits"],
    ["12345678a", false, "not a digit"],
    ["", false, "empty"],
  ])("%s → %s (%s)", (bsn, valid) => {
    expect(isValidBsn(bsn)).toBe(valid);
  });
});

describe("normaliseBsn", () => {
  it.each([
    ["1234.56.782", "123456782"],
    ["12 34 56 782", "123456782"],
    ["123-456-782", "123456782"],
    ["23456782", "023456782"],
    ["123456782", "123456782"],
  ])("%s → %s", (input, expected) => {
    expect(normaliseBsn(input)).toBe(expected);
  });
});

describe("looksLikeBsn", () => {
  it.each([
    ["123456782", true],
    ["1234.56.782", true],
    ["Ahmad", false],
    ["12345", false],
  ])("%s → %s", (query, expected) => {
    expect(looksLikeBsn(query)).toBe(expected);
  });
});

describe("isPlausibleBirthDate", () => {
  it.each([
    ["1990-05-17", true],
    ["2024-06-01", true],
    ["2024-06-02", false],
    ["1899-12-31", false],
    ["1990-02-30", false],
    ["17-05-1990", false],
  ])("%s on 2024-06-01 → %s", (date, expected) => {
    expect(isPlausibleBirthDate(date, "2024-06-01")).toBe(expected);
  });
});

describe("todayInNetherlands", () => {
  it("uses the Dutch calendar day, not UTC's", () => {
    // 23:30 UTC on 31 December is already New Year in Amsterdam.
    expect(todayInNetherlands(new Date("2024-12-31T23:30:00Z"))).toBe("2025-01-01");
  });
});
