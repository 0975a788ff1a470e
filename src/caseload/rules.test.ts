import { describe, expect, it } from "vitest";
import {
  attentionOn,
  attentionWindow,
  type CaseFacts,
  contactDueOn,
  defaultCaseloadSettings,
  phaseOf,
  reactionSignal,
  type SignalKind,
  signalsFor,
} from "./rules.ts";

const TODAY = "2025-06-02";
const window = attentionWindow(TODAY, defaultCaseloadSettings);

const facts = (overrides: Partial<CaseFacts>): CaseFacts => ({
  kennisgeving: null,
  firstPip: null,
  extensionMonths: 0,
  lastContact: "2025-06-01",
  nextReviewDue: null,
  registeredOn: "2025-01-01",
  closed: false,
  unseenDisagreementSince: null,
  unseenReactionSince: null,
  ...overrides,
});

describe("attentionWindow", () => {
  it("looks two weeks ahead for deadlines and reviews, six months for the term", () => {
    expect(window).toEqual({
      today: TODAY,
      pipDeadlineBy: "2025-06-16",
      reviewDueBy: "2025-06-16",
      termEndBy: "2025-12-02",
      noContactDays: 42,
      reactionAnswerDays: 7,
    });
  });
});

describe("signalsFor", () => {
  // biome-ignore format: the table is aligned to be read as one.
  const cases: [string, Partial<CaseFacts>, [SignalKind, string, boolean][]][] = [
    // what                                   facts                                                        signals: kind, date, overdue
    ["nothing to do",                         {},                                                          []],
    ["PIP deadline in 3 weeks: not yet",      { kennisgeving: "2025-04-14" },                              []],
    ["PIP deadline in exactly 2 weeks",       { kennisgeving: "2025-04-07" },                              [["pip_deadline", "2025-06-16", false]]],
    ["PIP deadline today",                    { kennisgeving: "2025-03-24" },                              [["pip_deadline", "2025-06-02", false]]],
    ["PIP deadline passed yesterday",         { kennisgeving: "2025-03-23" },                              [["pip_deadline", "2025-06-01", true]]],
    ["PIP set: no PIP deadline any more",     { kennisgeving: "2025-01-01", firstPip: "2025-03-01" },      []],
    ["review due in 14 days",                 { nextReviewDue: "2025-06-16" },                             [["review_due", "2025-06-16", false]]],
    ["review due in 15 days: not yet",        { nextReviewDue: "2025-06-17" },                             []],
    ["review overdue",                        { nextReviewDue: "2025-05-20" },                             [["review_due", "2025-05-20", true]]],
    ["last contact 6 weeks ago today",        { lastContact: "2025-04-21" },                               [["no_contact", "2025-06-02", false]]],
    ["last contact 41 days ago: fine",        { lastContact: "2025-04-22" },                               []],
    ["never any contact: counts from notice", { lastContact: null, kennisgeving: "2025-05-01" },           []],
    ["never any contact, notice long ago",    { lastContact: null, kennisgeving: "2025-04-01", firstPip: "2025-05-01" }, [["no_contact", "2025-05-13", true]]],
    ["no contact, no notice: registration",   { lastContact: null, registeredOn: "2025-04-01" },           [["no_contact", "2025-05-13", true]]],
    ["term ends in 6 months",                 { firstPip: "2022-12-02" },                                  [["term_ending", "2025-12-02", false]]],
    ["term ends in 6 months and a day",       { firstPip: "2022-12-03" },                                  []],
    ["an extension moves the end away",       { firstPip: "2022-12-02", extensionMonths: 6 },              []],
    ["term ends today: not yet passed",       { firstPip: "2022-06-02" },                                  [["term_ending", "2025-06-02", false]]],
    ["term has ended",                        { firstPip: "2022-05-01" },                                  [["term_ending", "2025-05-01", true]]],
    ["several: earliest date first",          { kennisgeving: "2025-03-01", lastContact: "2025-03-01", nextReviewDue: "2025-06-10" },
                                                                                                           [["no_contact", "2025-04-12", true], ["pip_deadline", "2025-05-10", true], ["review_due", "2025-06-10", false]]],
    ["a closed file needs nothing",           { kennisgeving: "2025-03-01", lastContact: null, closed: true }, []],
    ["a comment today: read within a week",   { unseenReactionSince: TODAY },                              [["reactie", "2025-06-09", false]]],
    ["a comment 8 days ago: overdue",         { unseenReactionSince: "2025-05-25" },                       [["reactie", "2025-06-01", true]]],
    ["a disagreement today: due today",       { unseenDisagreementSince: TODAY },                          [["reactie", TODAY, false]]],
    ["a disagreement yesterday: overdue",     { unseenDisagreementSince: "2025-06-01" },                   [["reactie", "2025-06-01", true]]],
    ["disagreement and older comment: earliest", { unseenDisagreementSince: "2025-06-01", unseenReactionSince: "2025-05-20" },
                                                                                                           [["reactie", "2025-05-27", true]]],
    ["reaction among other signals: by date", { unseenReactionSince: "2025-05-20", nextReviewDue: "2025-05-30" },
                                                                                                           [["reactie", "2025-05-27", true], ["review_due", "2025-05-30", true]]],
    ["a closed file: reactions do not signal", { unseenDisagreementSince: "2025-06-01", closed: true },    []],
  ];

  it.each(cases)("%s", (_what, overrides, expected) => {
    const signals = signalsFor(facts(overrides), window);
    expect(signals.map((s) => [s.kind, s.on, s.overdue])).toEqual(expected);
    expect(attentionOn(signals)).toBe(expected[0]?.[1]);
  });

  it("counts 'no contact' with the chosen number of weeks", () => {
    const eight = attentionWindow(TODAY, { ...defaultCaseloadSettings, noContactWeeks: 8 });
    const f = facts({ lastContact: "2025-04-21" });
    expect(contactDueOn(f, eight.noContactDays)).toBe("2025-06-16");
    expect(signalsFor(f, eight)).toEqual([]);
  });
});

describe("reactionSignal", () => {
  it("says whether a disagreement is among the unread reactions", () => {
    expect(reactionSignal(facts({ unseenReactionSince: TODAY }), window)?.disagreement).toBe(false);
    expect(
      reactionSignal(facts({ unseenDisagreementSince: TODAY, unseenReactionSince: TODAY }), window),
    ).toEqual({ kind: "reactie", on: TODAY, overdue: false, disagreement: true });
  });

  it("ranks a disagreement above a comment of the same day", () => {
    const disagreement = signalsFor(facts({ unseenDisagreementSince: "2025-05-30" }), window);
    const comment = signalsFor(facts({ unseenReactionSince: "2025-05-30" }), window);
    expect(attentionOn(disagreement)).toBe("2025-05-30");
    expect(attentionOn(comment)).toBe("2025-06-06");
  });

  it("stays quiet when everything was read", () => {
    expect(reactionSignal(facts({}), window)).toBeUndefined();
  });
});

describe("phaseOf", () => {
  // biome-ignore format: the table is aligned to be read as one.
  it.each([
    // closed  first PIP      intake started  phase
    [false,    null,          false,          "aangemeld"],
    [false,    null,          true,           "intake"],
    [false,    "2025-01-01",  true,           "pip"],
    [true,     "2025-01-01",  true,           "afgesloten"],
  ] as const)("closed %s, PIP %s, intake %s → %s", (closed, firstPip, intakeStarted, phase) => {
    expect(phaseOf({ closed, firstPip, intakeStarted })).toBe(phase);
  });
});
