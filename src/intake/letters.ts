// Letters of the non-cooperation ladder (art. 29 Wi2021), in formal Dutch. Pure: the text is
// generated once when a step is recorded and stored with it, so a printed letter can always be
// printed again exactly as sent. The texts are a starting point: a municipality's legal
// department should review them before use (docs/decisions/0010-intake.md).
import type { EnforcementStep } from "./rules.ts";

export interface LetterInput {
  step: EnforcementStep;
  /** The municipality's name as registered, e.g. "Gemeente Ede". */
  municipality: string;
  newcomerName: string;
  /** The date of the letter (YYYY-MM-DD). */
  letterDate: string;
  amountCents: number | null;
  appointment?:
    | { date: string; time?: string | undefined; location?: string | undefined }
    | undefined;
  /** The steps taken before this one, oldest first, to refer to. */
  earlier: readonly { step: EnforcementStep; takenOn: string }[];
}

/** A date as a Dutch letter writes it: "3 maart 2025". */
export const dutchDate = (date: string): string =>
  new Intl.DateTimeFormat("nl-NL", { dateStyle: "long", timeZone: "UTC" }).format(
    new Date(`${date}T00:00:00Z`),
  );

/** An amount in euro cents as Dutch money: "€ 250,00". */
export const euros = (cents: number): string =>
  new Intl.NumberFormat("nl-NL", { style: "currency", currency: "EUR" }).format(cents / 100);

/** "Gemeente Ede" → "Ede": the name as it reads inside a sentence. */
export const placeName = (municipality: string): string =>
  municipality.replace(/^gemeente\s+/i, "").trim() || municipality;

export const letterSubjects: Record<EnforcementStep, string> = {
  uitnodiging: "Uitnodiging voor een gesprek over uw inburgering",
  tweede_uitnodiging_waarschuwing: "Tweede uitnodiging en waarschuwing",
  eerste_boete_derde_uitnodiging: "Boete en derde uitnodiging",
  tweede_boete: "Tweede boete",
};

/** The letter's text: subject, salutation, paragraphs and closing, separated by blank lines. */
export function enforcementLetter(input: LetterInput): string {
  const place = placeName(input.municipality);
  const amount = euros(input.amountCents ?? 0);
  const when = (step: EnforcementStep) => {
    const taken = input.earlier.filter((s) => s.step === step).at(-1);
    return taken ? `op ${dutchDate(taken.takenOn)}` : "eerder";
  };
  const appointment = input.appointment
    ? `op ${dutchDate(input.appointment.date)}${input.appointment.time ? ` om ${input.appointment.time} uur` : ""}${input.appointment.location ? `, ${input.appointment.location}` : ""}`
    : undefined;
  const invitation = (which: string) => {
    const invite = `Wij nodigen u${which ? ` ${which}` : ""} uit voor een gesprek`;
    return appointment
      ? `${invite} ${appointment}.`
      : `${invite}. Wij nemen binnenkort contact met u op om een dag en tijd af te spreken.`;
  };
  const duty =
    "U bent verplicht mee te werken aan de brede intake en aan het opstellen van uw persoonlijk plan inburgering en participatie (PIP).";
  const contact =
    "Heeft u een tolk nodig, of kunt u niet op deze dag of tijd? Neem dan zo snel mogelijk contact met ons op. Dan zoeken wij samen een oplossing.";
  const objection = `Bent u het niet eens met dit besluit? Dan kunt u binnen zes weken na de datum van deze brief bezwaar maken bij het college van burgemeester en wethouders van ${place}. Schrijf in uw bezwaarschrift uw naam en adres, de datum, welk besluit het betreft en waarom u het er niet mee eens bent, en onderteken het.`;
  const payment = "Hoe en wanneer u de boete betaalt, leest u in een aparte brief.";

  const paragraphs: Record<EnforcementStep, string[]> = {
    uitnodiging: [
      `U bent inburgeringsplichtig. De gemeente ${place} maakt samen met u een persoonlijk plan inburgering en participatie (PIP). Daarvoor houden wij eerst een brede intake met u: wij praten over uw opleiding, uw werk, uw gezondheid en uw wensen voor de toekomst.`,
      invitation(""),
      contact,
      duty,
    ],
    tweede_uitnodiging_waarschuwing: [
      `Wij hebben u ${when("uitnodiging")} uitgenodigd voor een gesprek over uw inburgering. U bent niet gekomen, of u heeft niet meegewerkt aan het gesprek.`,
      invitation("daarom opnieuw"),
      `Dit is een schriftelijke waarschuwing. ${duty} Werkt u opnieuw niet mee, dan kan de gemeente u een bestuurlijke boete opleggen van ${amount} (artikel 29 van de Wet inburgering 2021).`,
      contact,
    ],
    eerste_boete_derde_uitnodiging: [
      `Wij hebben u ${when("uitnodiging")} uitgenodigd voor een gesprek over uw inburgering, en ${when("tweede_uitnodiging_waarschuwing")} opnieuw, met een schriftelijke waarschuwing. U heeft niet meegewerkt aan de brede intake of aan het opstellen van uw persoonlijk plan inburgering en participatie.`,
      `Daarom leggen wij u een bestuurlijke boete op van ${amount} (artikel 29 van de Wet inburgering 2021). ${payment}`,
      invitation("voor de derde keer"),
      `${duty} Werkt u weer niet mee, dan kan de gemeente u opnieuw een boete opleggen van ${amount}.`,
      contact,
      objection,
    ],
    tweede_boete: [
      `Wij hebben u ${when("eerste_boete_derde_uitnodiging")} een boete opgelegd en u voor de derde keer uitgenodigd voor een gesprek over uw inburgering. U heeft daarna nog steeds niet meegewerkt aan de brede intake of aan het opstellen van uw persoonlijk plan inburgering en participatie.`,
      `Daarom leggen wij u opnieuw een bestuurlijke boete op van ${amount} (artikel 29 van de Wet inburgering 2021). ${payment}`,
      "Wij blijven graag met u in gesprek. Neem contact met ons op om alsnog een afspraak te maken.",
      objection,
    ],
  };

  return [
    `Betreft: ${letterSubjects[input.step]}`,
    `Geachte ${input.newcomerName},`,
    ...paragraphs[input.step],
    "Met vriendelijke groet,",
    `Het college van burgemeester en wethouders van ${place},\nnamens dezen,\n\nde consulent inburgering`,
  ].join("\n\n");
}
