import { randomInt, randomUUID } from "node:crypto";
import { inArray } from "drizzle-orm";
import type { DbOrTx } from "../platform/db/client.ts";
import { hashToken } from "./queries.ts";
import { makeCode } from "./rules.ts";
import {
  boardParticipants,
  maaksessies,
  type NoteCategory,
  noteGroups,
  notes,
  type ParticipantRole,
  registrations,
  sessionActions,
  stories,
  themes,
} from "./schema.ts";

// Demo maaksessies, modelled on the retrospective in seed 003 (a province's session on the
// Veranderopgave and the PIP). Every person named here is invented.

const dayFrom = (today: string, days: number) => {
  const d = new Date(`${today}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};

const firstNames = [
  "Amal",
  "Bram",
  "Carla",
  "Dawit",
  "Eline",
  "Farid",
  "Greet",
  "Hamid",
  "Iris",
  "Jelle",
  "Kidane",
  "Lotte",
  "Mariam",
  "Niels",
  "Olga",
  "Parisa",
  "Quinten",
  "Rahel",
  "Sanne",
  "Tesfay",
  "Umut",
  "Vera",
  "Wouter",
  "Yonas",
  "Zahra",
];
const familyNames = [
  "de Boer",
  "Haddad",
  "Tekle",
  "Jansen",
  "Rahimi",
  "Visser",
  "Kovalenko",
  "Yilmaz",
  "Warsame",
  "Bakker",
];
const roleMix: ParticipantRole[] = [
  ...Array<ParticipantRole>(12).fill("nieuwkomer"),
  ...Array<ParticipantRole>(10).fill("professional"),
  ...Array<ParticipantRole>(8).fill("beleidsmaker"),
  ...Array<ParticipantRole>(7).fill("maatschappelijke_organisatie"),
  ...Array<ParticipantRole>(5).fill("vrijwilliger"),
  ...Array<ParticipantRole>(3).fill("onderzoeker"),
];

/** Notes per vraagstuk: [category, locale, text, Dutch version, role]. */
type SeedNote = [NoteCategory, string, string, string | null, ParticipantRole];

const vraagstukken: {
  title: string;
  notes: SeedNote[];
  actions: {
    what: string;
    owner: string;
    org: string;
    co: string[];
    stakeholders: string;
    firstStep: string;
    months: number;
  }[];
}[] = [
  {
    title: "Hoe stellen we in het PIP de persoon centraal, niet het instrument?",
    notes: [
      [
        "positief",
        "nl",
        "De COA-medewerker nam de tijd om echt te luisteren.",
        null,
        "professional",
      ],
      [
        "negatief",
        "fa",
        "شهرداری تقریباً هیچ تماسی با من نداشت.",
        "De gemeente had bijna geen contact met mij.",
        "nieuwkomer",
      ],
      [
        "les_instituties",
        "nl",
        "Leer de persoon kennen voordat je een route kiest.",
        null,
        "beleidsmaker",
      ],
    ],
    actions: [
      {
        what: "Intakegesprekken standaard met ruim de tijd (90 minuten) plannen",
        owner: "Femke Arends",
        org: "Gemeente Ede",
        co: ["COA"],
        stakeholders: "Consulenten, sleutelpersonen",
        firstStep: "Agenda's van consulenten aanpassen",
        months: 3,
      },
    ],
  },
  {
    title: "Hoe laten we de onderdelen van het PIP elkaar versterken in plaats van verkokeren?",
    notes: [
      ["negatief", "nl", "Taal, werk en zorg lopen langs elkaar heen.", null, "professional"],
      [
        "onderzoeksvraag",
        "en",
        "Which combinations of language and work tracks lead to lasting jobs?",
        "Welke combinaties van taal- en werktrajecten leiden tot blijvend werk?",
        "onderzoeker",
      ],
    ],
    actions: [
      {
        what: "Maandelijks casusoverleg taalschool, werkgeversservicepunt en gemeente",
        owner: "Ruud Smeets",
        org: "Gemeente Wageningen",
        co: ["Taalschool Vallei", "Werkgeversservicepunt Food Valley"],
        stakeholders: "Vluchtelingenwerk",
        firstStep: "Eerste overleg plannen",
        months: 2,
      },
    ],
  },
  {
    title: "Hoe zetten we sleutelpersonen structureel in bij de uitvoering van het PIP?",
    notes: [
      [
        "positief",
        "ti",
        "ሓጋዚት ሰብ ካብ ማሕበረሰብና ብዙሕ ሓጊዛትና።",
        "Een sleutelpersoon uit onze gemeenschap heeft ons veel geholpen.",
        "nieuwkomer",
      ],
      [
        "les_instituties",
        "nl",
        "Investeer in sleutelpersonen: zij bouwen vertrouwen sneller op.",
        null,
        "maatschappelijke_organisatie",
      ],
    ],
    actions: [
      {
        what: "Twee sleutelpersonen in dienst nemen als praktijkondersteuner",
        owner: "Hanneke Mulder",
        org: "Gemeente Ede",
        co: ["Vluchtelingenwerk"],
        stakeholders: "Eritrese en Syrische gemeenschap",
        firstStep: "Functieprofiel schrijven",
        months: 6,
      },
      {
        what: "Training voor sleutelpersonen over de Wet inburgering",
        owner: "Samir Haddad",
        org: "Stichting Samen Verder",
        co: [],
        stakeholders: "Provincie",
        firstStep: "Trainers vragen",
        months: 4,
      },
    ],
  },
  {
    title: "Hoe zorgen we dat de basis op orde is voordat het PIP begint?",
    notes: [
      [
        "negatief",
        "ar",
        "لم يكن لدي سكن ثابت، فكيف أخطط للمستقبل؟",
        "Ik had geen vaste woning, hoe plan je dan een toekomst?",
        "nieuwkomer",
      ],
      [
        "les_instituties",
        "nl",
        "Zonder bestaanszekerheid heeft een plan geen zin.",
        null,
        "beleidsmaker",
      ],
    ],
    actions: [
      {
        what: "Ontzorgen de eerste zes maanden standaard aanbieden",
        owner: "Peter Wolters",
        org: "Gemeente Barneveld",
        co: [],
        stakeholders: "Budgetcoaches",
        firstStep: "Beleidsregel opstellen",
        months: 5,
      },
    ],
  },
  {
    title: "Hoe betrekken we werkgevers als community bij inburgering?",
    notes: [
      ["positief", "nl", "Een stage bij de universiteit gaf een enorme boost.", null, "nieuwkomer"],
      [
        "onderzoeksvraag",
        "nl",
        "Wat hebben werkgevers nodig om vaker statushouders aan te nemen?",
        null,
        "onderzoeker",
      ],
    ],
    actions: [
      {
        what: "Werkgeversontbijt Food Valley twee keer per jaar",
        owner: "Ilse van Dijk",
        org: "Werkgeversservicepunt Food Valley",
        co: ["Provincie Gelderland"],
        stakeholders: "Ondernemersverenigingen",
        firstStep: "Datum en locatie kiezen",
        months: 3,
      },
    ],
  },
  {
    title: "Hoe leren we luisteren naar mensen met verschillende achtergronden?",
    notes: [
      [
        "les_instituties",
        "nl",
        "Formele omgang wekt wantrouwen; durf informeler te zijn.",
        null,
        "vrijwilliger",
      ],
      [
        "les_nieuwkomers",
        "uk",
        "Не бійтеся ставити запитання консультанту.",
        "Wees niet bang om je consulent vragen te stellen.",
        "nieuwkomer",
      ],
    ],
    actions: [
      {
        what: "Training interculturele gespreksvoering voor alle consulenten",
        owner: "Marloes Kok",
        org: "Gemeente Wageningen",
        co: ["OpenEmbassy"],
        stakeholders: "Ervaringsdeskundigen",
        firstStep: "Offerte opvragen",
        months: 4,
      },
    ],
  },
  {
    title: "Hoe krijgt (mentale) gezondheid een plek in het PIP?",
    notes: [
      [
        "negatief",
        "nl",
        "Als je hoofd vol zit, is er geen ruimte voor een plan.",
        null,
        "professional",
      ],
      [
        "onderzoeksvraag",
        "nl",
        "Hoe vaak speelt psychische nood mee bij vertraging in de inburgering?",
        null,
        "onderzoeker",
      ],
    ],
    actions: [
      {
        what: "GGZ-praktijkondersteuner aansluiten bij de brede intake",
        owner: "Noor El Idrissi",
        org: "GGD Gelderland-Midden",
        co: ["Gemeente Ede"],
        stakeholders: "Huisartsen",
        firstStep: "Pilot met tien intakes",
        months: 6,
      },
    ],
  },
  {
    title: "Hoe maken we gebruik van de kennis van oudkomers?",
    notes: [
      [
        "positief",
        "nl",
        "Twintig jaar geleden kreeg ik een persoonlijk plan op mijn eigen tempo.",
        null,
        "nieuwkomer",
      ],
      [
        "les_nieuwkomers",
        "nl",
        "Maak een realistisch plan, maar blijf ook dromen.",
        null,
        "maatschappelijke_organisatie",
      ],
    ],
    actions: [
      {
        what: "Klankbordgroep van oudkomers die meeleest met nieuw beleid",
        owner: "Dragana Petrović",
        org: "Klankbordgroep Nieuwkomers",
        co: ["Provincie Gelderland"],
        stakeholders: "Beleidsmakers",
        firstStep: "Vijf leden werven",
        months: 3,
      },
    ],
  },
  {
    title: "Hoe voorkomen we dat alles van de taal afhangt?",
    notes: [
      [
        "negatief",
        "ti",
        "ቅድሚ ስራሕ ብዙሕ ኮርስታት ቋንቋ ክንወስድ ንግደድ።",
        "We moeten eerst veel taalcursussen volgen voordat we mogen werken.",
        "nieuwkomer",
      ],
      ["positief", "nl", "Taal leer je ook op de werkvloer.", null, "professional"],
      ["les_instituties", "nl", "Taal is een middel, geen doel op zich.", null, "beleidsmaker"],
    ],
    actions: [
      {
        what: "Duale trajecten taal en werk als standaardoptie in de leerroute",
        owner: "Joris Hendriks",
        org: "Gemeente Renkum",
        co: ["Taalschool Vallei"],
        stakeholders: "Werkgevers",
        firstStep: "Drie werkgevers voor een pilot vinden",
        months: 6,
      },
    ],
  },
];

/**
 * Builds the demo maaksessies: a past one (about 45 registrations, interviewees, notes in all
 * five categories and several languages, nine vraagstukken with actions and owners) and an
 * upcoming one with open registration. Idempotent per organiser is not needed: the demo seed
 * runs once on an empty database.
 */
export async function seedDemoSessions(
  tx: DbOrTx,
  options: {
    /** The organising organisation (a province in the demo). */
    organiserId: string;
    /** Partner organisations; the first two host deelsessies. */
    partnerIds?: string[];
    regionId?: string | null;
    /** The procesbegeleider who created the sessions. */
    createdBy?: string | null;
    /** Today (yyyy-mm-dd), for the past and upcoming dates. */
    today?: string;
  },
): Promise<{ pastSessionId: string; upcomingSessionId: string }> {
  const today =
    options.today ??
    new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Amsterdam" }).format(new Date());
  const partners = options.partnerIds ?? [];
  const themeRows = await tx
    .select({ id: themes.id, key: themes.key })
    .from(themes)
    .where(inArray(themes.key, ["wet_inburgering", "werk", "sleutelpersonen", "gezondheid_ggz"]));
  const themeId = (key: string) => themeRows.filter((t) => t.key === key).map((t) => t.id);
  const base = {
    organisationId: options.organiserId,
    regionId: options.regionId ?? null,
    partnerOrganisationIds: partners,
    createdBy: options.createdBy ?? null,
  };
  const code = () => makeCode(randomInt);

  const [past] = await tx
    .insert(maaksessies)
    .values({
      ...base,
      title: "Maaksessie: de Veranderopgave en het persoonlijk Plan Inburgering en Participatie",
      description:
        "Wat hebben nieuwkomers nodig om een goede route uit te stippelen? Hoe maken we een PIP dat vertrekt vanuit de vraag en kennis van de nieuwkomer zelf?",
      themeIds: [...themeId("wet_inburgering"), ...themeId("sleutelpersonen")],
      date: dayFrom(today, -45),
      startsAt: "09:30",
      endsAt: "16:00",
      place: "Cultuurhuis De Vallei, Ede",
      programme: [
        { start: "09:30", title: "Inloop en welkom", who: "Provincie" },
        {
          start: "10:00",
          title: "Openingsvraag: wanneer werd er voor het laatst echt naar je geluisterd?",
        },
        {
          start: "10:15",
          end: "11:30",
          title: "Interviews met ervaringsdeskundigen en instanties",
          who: "OpenEmbassy",
        },
        { start: "11:45", title: "Sleutelinzichten en vraagstukken" },
        { start: "13:30", end: "15:15", title: "Deelsessies: van vraagstuk naar actie" },
        { start: "15:30", title: "De actie-agenda en afsluiting" },
      ],
      capacity: 50,
      languages: ["nl", "ar", "ti", "fa"],
      interpreters: "Arabisch, Tigrinya",
      registrationOpen: false,
      joinCode: code(),
      phase: "afgerond",
    })
    .returning({ id: maaksessies.id, date: maaksessies.date });
  if (!past) throw new Error("seed: past session");
  const breakouts = await tx
    .insert(maaksessies)
    .values([
      {
        ...base,
        parentId: past.id,
        hostOrganisationId: partners[0] ?? null,
        title: "Sleutelpersonen en de persoon centraal",
        room: "Zaal 1",
        date: past.date,
        startsAt: "13:30",
        endsAt: "15:15",
        capacity: 25,
        joinCode: code(),
      },
      {
        ...base,
        parentId: past.id,
        hostOrganisationId: partners[1] ?? null,
        title: "Taal, werk en gezondheid",
        room: "Zaal 2",
        date: past.date,
        startsAt: "13:30",
        endsAt: "15:15",
        capacity: 25,
        joinCode: code(),
      },
    ])
    .returning({ id: maaksessies.id });

  // About 45 registrations across roles; most came and checked in.
  const codes = new Set<string>();
  await tx.insert(registrations).values(
    roleMix.map((role, i) => {
      let checkInCode = code();
      while (codes.has(checkInCode)) checkInCode = code();
      codes.add(checkInCode);
      const name = `${firstNames[i % firstNames.length]} ${familyNames[i % familyNames.length]}`;
      return {
        organisationId: options.organiserId,
        sessionId: past.id,
        breakoutId: breakouts[i % 2]?.id ?? null,
        name,
        email: `deelnemer${i + 1}@voorbeeld.test`,
        role,
        locale: role === "nieuwkomer" ? (["ar", "ti", "fa", "uk"][i % 4] ?? "nl") : "nl",
        needs: role === "nieuwkomer" && i % 3 === 0 ? { interpreter: "Arabisch" } : {},
        status: "aangemeld" as const,
        cancelTokenHash: hashToken(randomUUID()),
        checkInCode,
        checkedInAt:
          i % 9 === 8
            ? null
            : new Date(`${past.date}T08:${String(10 + (i % 40)).padStart(2, "0")}:00Z`),
      };
    }),
  );

  await tx.insert(stories).values([
    {
      organisationId: options.organiserId,
      sessionId: past.id,
      teller: "Shirin",
      tellerRole: "nieuwkomer",
      mayQuote: true,
      mayName: true,
      position: 1,
      summary:
        "Scheikundig ingenieur uit Iran; een stage via het COA gaf haar vaart, de gemeente wil eerst Nederlands.",
    },
    {
      organisationId: options.organiserId,
      sessionId: past.id,
      teller: "Dragana",
      tellerRole: "nieuwkomer",
      mayQuote: true,
      mayName: true,
      position: 2,
      summary: "Kwam twintig jaar geleden; kreeg een persoonlijk plan op eigen tempo.",
    },
    {
      organisationId: options.organiserId,
      sessionId: past.id,
      teller: "Een sleutelpersoon uit de Eritrese gemeenschap",
      tellerRole: "maatschappelijke_organisatie",
      mayQuote: true,
      mayName: false,
      position: 3,
      summary: "Te veel regels en informatie; talenten gaan verloren.",
    },
    {
      organisationId: options.organiserId,
      sessionId: past.id,
      teller: "Joris",
      tellerRole: "professional",
      mayQuote: true,
      mayName: true,
      position: 4,
      summary: "Participatieconsulent die met een integrale intake experimenteert.",
    },
    {
      organisationId: options.organiserId,
      sessionId: past.id,
      teller: "Marleen",
      tellerRole: "beleidsmaker",
      mayQuote: false,
      mayName: true,
      position: 5,
      summary: "Ontwikkelt gesprekken met getekende beelden in plaats van woorden.",
    },
  ]);

  const participants = await tx
    .insert(boardParticipants)
    .values(
      (
        [
          "nieuwkomer",
          "professional",
          "beleidsmaker",
          "onderzoeker",
          "maatschappelijke_organisatie",
          "vrijwilliger",
        ] as const
      ).map((role) => ({
        organisationId: options.organiserId,
        sessionId: past.id,
        role,
        locale: "nl",
        secretHash: hashToken(randomUUID()),
      })),
    )
    .returning({ id: boardParticipants.id, role: boardParticipants.role });
  const participantFor = (role: ParticipantRole) =>
    participants.find((p) => p.role === role)?.id ?? null;

  for (const [position, v] of vraagstukken.entries()) {
    const [group] = await tx
      .insert(noteGroups)
      .values({
        organisationId: options.organiserId,
        sessionId: past.id,
        kind: "vraagstuk",
        title: v.title,
        breakoutId: breakouts[position % 2]?.id ?? null,
        position,
      })
      .returning({ id: noteGroups.id });
    if (!group) throw new Error("seed: group");
    await tx.insert(notes).values(
      v.notes.map(([category, locale, text, dutch, role], i) => ({
        organisationId: options.organiserId,
        sessionId: past.id,
        participantId: participantFor(role),
        clientId: `seed-${position}-${i}`,
        category,
        text,
        locale,
        role,
        dutchText: dutch,
        dutchBy: dutch ? "tolk" : null,
        revealed: true,
        groupId: group.id,
      })),
    );
    await tx.insert(sessionActions).values(
      v.actions.map((a) => ({
        organisationId: options.organiserId,
        sessionId: past.id,
        groupId: group.id,
        what: a.what,
        ownerName: a.owner,
        ownerOrganisationName: a.org,
        coOwnerOrganisations: a.co,
        stakeholders: a.stakeholders,
        firstStep: a.firstStep,
        dueOn: dayFrom(past.date, a.months * 30),
        status: "bezig" as const,
        createdBy: options.createdBy ?? null,
      })),
    );
  }
  // A key insight (sleutelinzicht) besides the vraagstukken.
  await tx.insert(noteGroups).values({
    organisationId: options.organiserId,
    sessionId: past.id,
    kind: "sleutelinzicht",
    title: "Menselijk contact bouwt vertrouwen tussen instantie en nieuwkomer",
    position: 100,
  });

  const [upcoming] = await tx
    .insert(maaksessies)
    .values({
      ...base,
      title: "Maaksessie: vrouwelijke nieuwkomers en werk",
      description:
        "Welke drempels ervaren vrouwelijke nieuwkomers op weg naar werk, en wat kunnen gemeenten, werkgevers en organisaties samen doen?",
      themeIds: [...themeId("werk")],
      date: dayFrom(today, 21),
      startsAt: "13:00",
      endsAt: "17:00",
      place: "Provinciehuis, Markt 11, Arnhem",
      programme: [
        { start: "13:00", title: "Welkom en openingsvraag" },
        { start: "13:30", end: "14:30", title: "Interviews met ervaringsdeskundigen" },
        { start: "14:45", end: "16:15", title: "Deelsessies" },
        { start: "16:15", title: "Actie-agenda en borrel" },
      ],
      capacity: 40,
      languages: ["nl", "ar", "ti", "so"],
      interpreters: "Arabisch, Tigrinya, Somalisch",
      registrationOpen: true,
      joinCode: code(),
    })
    .returning({ id: maaksessies.id, date: maaksessies.date });
  if (!upcoming) throw new Error("seed: upcoming session");
  await tx.insert(maaksessies).values([
    {
      ...base,
      parentId: upcoming.id,
      hostOrganisationId: partners[0] ?? null,
      title: "Kinderopvang en werk combineren",
      room: "Statenzaal",
      date: upcoming.date,
      startsAt: "14:45",
      endsAt: "16:15",
      capacity: 20,
      joinCode: code(),
    },
    {
      ...base,
      parentId: upcoming.id,
      hostOrganisationId: partners[1] ?? null,
      title: "Werkgevers en taal op de werkvloer",
      room: "Zaal B",
      date: upcoming.date,
      startsAt: "14:45",
      endsAt: "16:15",
      capacity: 20,
      joinCode: code(),
    },
  ]);
  // Two early registrations, so the event page shows places taken.
  await tx.insert(registrations).values(
    (["nieuwkomer", "beleidsmaker"] as const).map((role, i) => ({
      organisationId: options.organiserId,
      sessionId: upcoming.id,
      name: i === 0 ? "Hodan Warsame" : "Sietske Bos",
      email: `aanmelding${i + 1}@voorbeeld.test`,
      role,
      locale: i === 0 ? "so" : "nl",
      status: "aangemeld" as const,
      cancelTokenHash: hashToken(randomUUID()),
      checkInCode: code(),
    })),
  );
  return { pastSessionId: past.id, upcomingSessionId: upcoming.id };
}
