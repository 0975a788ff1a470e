import { describe, expect, it } from "vitest";
import { enforcementLetter, placeName } from "./letters.ts";

const base = {
  municipality: "Gemeente Ede",
  newcomerName: "Selam Tesfay",
  letterDate: "2025-04-01",
  amountCents: null,
  earlier: [],
} as const;

describe("enforcementLetter", () => {
  it("invites, with the appointment, in formal Dutch", () => {
    const text = enforcementLetter({
      ...base,
      step: "uitnodiging",
      appointment: { date: "2025-04-10", time: "09:30", location: "het gemeentehuis" },
    });
    expect(text).toMatch(
      /^Betreft: Uitnodiging voor een gesprek over uw inburgering\n\nGeachte Selam Tesfay,/,
    );
    expect(text).toContain("De gemeente Ede maakt samen met u");
    expect(text).toContain(
      "Wij nodigen u uit voor een gesprek op 10 april 2025 om 09:30 uur, het gemeentehuis.",
    );
    expect(text).not.toMatch(/boete/i);
  });

  it("promises to make an appointment when none is given", () => {
    const text = enforcementLetter({ ...base, step: "uitnodiging" });
    expect(text).toContain("Wij nemen binnenkort contact met u op");
  });

  it("warns of the configured fine in the second invitation, naming the first", () => {
    const text = enforcementLetter({
      ...base,
      step: "tweede_uitnodiging_waarschuwing",
      amountCents: 25000,
      earlier: [{ step: "uitnodiging", takenOn: "2025-03-01" }],
    });
    expect(text).toContain("Wij hebben u op 1 maart 2025 uitgenodigd");
    expect(text).toContain("Dit is een schriftelijke waarschuwing.");
    expect(text).toMatch(/boete opleggen van €\s250,00/);
    expect(text).not.toContain("bezwaar");
  });

  it.each(["eerste_boete_derde_uitnodiging", "tweede_boete"] as const)(
    "%s imposes the fine and explains how to object",
    (step) => {
      const text = enforcementLetter({ ...base, step, amountCents: 30000 });
      expect(text).toMatch(/bestuurlijke boete op van €\s300,00/);
      expect(text).toContain("binnen zes weken na de datum van deze brief bezwaar maken");
      expect(text).toContain("burgemeester en wethouders van Ede");
    },
  );
});

describe("placeName", () => {
  it.each([
    ["Gemeente Ede", "Ede"],
    ["gemeente Súdwest-Fryslân", "Súdwest-Fryslân"],
    ["Ede", "Ede"],
  ])("%s → %s", (name, place) => {
    expect(placeName(name)).toBe(place);
  });
});
