import type { NewcomerSpec } from "./newcomers.ts";

// The demo's fictional newcomers. Every name, address and story is invented; BSNs are generated in
// the test range. `born(age)` gives a birth date for someone of that age today.

const taal = "Taalhuis De Brug";

/** Gemeente Ede: every stage, all three routes, asylum permit holders and family migrants. */
export function edeCases(born: (age: number) => string): NewcomerSpec[] {
  return [
    // ── Just notified: only DUO's notification is known ──────────────────────────────────
    {
      stage: "aangemeld",
      consultant: 0,
      person: {
        givenNames: "Amanuel",
        familyName: "Tesfamariam",
        birthDate: born(31),
        countryOfOrigin: "Eritrea",
        targetGroup: "asielstatushouder",
        preferredLanguage: "ti",
        interpreterNeeded: true,
        interpreterLanguage: "Tigrinya",
      },
      languages: [{ language: "ti", level: "moedertaal" }],
      notifiedDaysAgo: 4,
      notificationOnly: true,
    },
    {
      stage: "aangemeld",
      consultant: 1,
      person: {
        givenNames: "Nour",
        familyName: "Haddad",
        birthDate: born(26),
        countryOfOrigin: "Syrië",
        targetGroup: "gezinshereniger",
        preferredLanguage: "ar",
        address: "Lindelaan 14, 6711 AB Ede",
      },
      languages: [
        { language: "ar", level: "moedertaal" },
        { language: "en", level: "redelijk" },
      ],
      household: [{ name: "Karim Haddad", relation: "partner", age: 29 }],
      notifiedDaysAgo: 11,
      notificationOnly: true,
    },
    // ── In intake ────────────────────────────────────────────────────────────────────────
    {
      stage: "intake",
      consultant: 0,
      person: {
        givenNames: "Samir",
        familyName: "Al-Nasser",
        birthDate: born(38),
        countryOfOrigin: "Syrië",
        targetGroup: "asielstatushouder",
        preferredLanguage: "ar",
        interpreterNeeded: true,
        interpreterLanguage: "Arabisch",
        literacy: "geletterd",
        latinScript: true,
        socialAssistance: true,
        phone: "06 1234 5601",
      },
      languages: [
        { language: "ar", level: "moedertaal" },
        { language: "tr", level: "beetje" },
      ],
      household: [
        { name: "Huda Al-Nasser", relation: "partner", age: 35 },
        { name: "Omar Al-Nasser", relation: "kind", age: 9 },
        { name: "Lina Al-Nasser", relation: "kind", age: 3 },
      ],
      notifiedDaysAgo: 36,
      // Basis op orde: no own home yet, benefit not yet paid, debts from the move.
      intake: {
        conversations: [
          {
            daysAgo: 20,
            interpreter: "Arabisch",
            partnerPresent: true,
            notes:
              "Kennismaking. Gezin woont tijdelijk in een wisselwoning; de uitkering loopt nog niet. Er zijn schulden bij een postorderbedrijf.",
            scores: {
              huisvesting: [2, 2],
              inkomen: [1, 2],
              zorgverzekering: [4, 4],
              taal: [1, 2],
            },
          },
          {
            daysAgo: 6,
            interpreter: "Arabisch",
            partnerPresent: false,
            notes:
              "Gesprek zonder partner aangeboden en gevoerd. Samir wil snel aan het werk als elektricien.",
          },
        ],
        learnability: { status: "gepland" },
        circumstances: {
          situation:
            "Wisselwoning tot de zomer; twee kinderen, de jongste gaat naar de peuteropvang.",
          acuteDebts: true,
          healthNeeds: "Slaapt slecht sinds de reis; wil er graag over praten.",
          healthReferrals: "Doorverwezen naar de praktijkondersteuner van de huisarts.",
        },
        duties: { youngChildren: true, withoutPartnerDaysAgo: 6 },
      },
    },
    {
      stage: "intake",
      consultant: 1,
      person: {
        givenNames: "Mariam",
        familyName: "Sadat",
        birthDate: born(29),
        countryOfOrigin: "Afghanistan",
        targetGroup: "gezinsvormer",
        preferredLanguage: "fa",
        literacy: "geletterd",
        latinScript: true,
        email: "mariam.sadat@voorbeeld.example",
      },
      languages: [
        { language: "prs", level: "moedertaal" },
        { language: "en", level: "goed" },
      ],
      household: [
        { name: "Jawad Sadat", relation: "partner", age: 33 },
        { name: "Sara Sadat", relation: "kind", age: 1 },
      ],
      notifiedDaysAgo: 58,
      intake: {
        conversations: [
          {
            daysAgo: 40,
            partnerPresent: true,
            notes: "Eerste kennismaking, samen met haar man. Uitleg over de brede intake.",
            scores: { taal: [2, 3], digitale_vaardigheden: [4, 4], sociaal_netwerk: [2, 2] },
          },
          {
            daysAgo: 26,
            partnerPresent: false,
            notes:
              "Gesprek zonder partner. Mariam was in Kabul docent Engels en wil weer lesgeven.",
            scores: { werk_opleiding: [3, 4], motivatie_interesses: [5, 5], huisvesting: [4, 4] },
          },
          {
            daysAgo: 9,
            notes: "Uitslag leerbaarheidstoets besproken. Diplomawaardering aangevraagd bij IDW.",
          },
        ],
        learnability: { status: "afgenomen", daysAgo: 15, score: 72 },
        education: {
          country: "Afghanistan",
          level: "universitair",
          field: "Engelse taal en letterkunde",
          diploma: "Bachelor",
          valuation: "aangevraagd",
          years: 16,
        },
        work: { country: "Afghanistan", sector: "Onderwijs", role: "Docent Engels", years: 4 },
        circumstances: { situation: "Woont met man en dochter in een huurwoning in Ede-Zuid." },
        ownWords: {
          ambitions: "Weer voor de klas staan, en later een master doen.",
          nextStep: "Vrijwilligerswerk bij de bibliotheek en Nederlandse les op B1-niveau.",
        },
        duties: { youngChildren: true, withoutPartnerDaysAgo: 26 },
      },
    },
    // ── PIP in concept: discussed with the newcomer, not yet set ──────────────────────────
    {
      stage: "pip_concept",
      consultant: 0,
      person: {
        givenNames: "Kidane",
        familyName: "Woldemichael",
        birthDate: born(41),
        countryOfOrigin: "Eritrea",
        targetGroup: "asielstatushouder",
        preferredLanguage: "ti",
        literacy: "geletterd",
        latinScript: true,
        socialAssistance: true,
      },
      languages: [
        { language: "ti", level: "moedertaal" },
        { language: "am", level: "goed" },
      ],
      notifiedDaysAgo: 63,
      intake: {
        conversations: [
          {
            daysAgo: 48,
            interpreter: "Tigrinya",
            notes: "Kennismaking.",
            scores: { taal: [2, 2] },
          },
          { daysAgo: 34, interpreter: "Tigrinya", notes: "Werk en opleiding besproken." },
          { daysAgo: 20, interpreter: "Tigrinya", notes: "Toetsuitslag en plan besproken." },
        ],
        learnability: { status: "afgenomen", daysAgo: 30, score: 48 },
        education: { country: "Eritrea", level: "voortgezet", years: 10 },
        work: { country: "Eritrea", sector: "Bouw", role: "Metselaar", years: 12 },
        circumstances: { situation: "Alleenstaand, woont in een studio in Ede-Centrum." },
        ownWords: {
          ambitions: "Een eigen bouwbedrijf.",
          nextStep: "Leerwerkplek in de bouw via het werkgeversservicepunt.",
        },
      },
      plan: {
        setDaysAgo: 3,
        notSet: true,
        hoursPerWeek: 10,
        guidance: "Maatschappelijke begeleiding door VluchtelingenWerk (fictief contact).",
        goals: [
          {
            kind: "werk",
            description: "Werken in de bouw, met een vakdiploma.",
            steps: [{ what: "Kennismaking werkgeversservicepunt", who: "Consulent", inDays: 30 }],
          },
        ],
        reviewsAfterDays: [120, 300],
      },
    },
    // ── PIP set, one per route ───────────────────────────────────────────────────────────
    {
      stage: "pip_vastgesteld",
      consultant: 0,
      person: {
        givenNames: "Dawit",
        familyName: "Haile",
        birthDate: born(34),
        countryOfOrigin: "Eritrea",
        targetGroup: "asielstatushouder",
        preferredLanguage: "ti",
        literacy: "geletterd",
        latinScript: true,
        socialAssistance: true,
      },
      languages: [{ language: "ti", level: "moedertaal" }],
      household: [{ name: "Saba Haile", relation: "kind", age: 6 }],
      notifiedDaysAgo: 120,
      intake: {
        conversations: [
          {
            daysAgo: 105,
            interpreter: "Tigrinya",
            notes: "Kennismaking.",
            scores: { taal: [1, 2], werk_opleiding: [2, 3] },
          },
          { daysAgo: 90, interpreter: "Tigrinya", notes: "Opleiding en werk." },
          { daysAgo: 75, notes: "Plan voorbereid.", scores: { digitale_vaardigheden: [3, 3] } },
        ],
        learnability: { status: "afgenomen", daysAgo: 85, score: 52 },
        education: { country: "Eritrea", level: "beroeps", field: "Automonteur", years: 12 },
        work: { country: "Soedan", sector: "Autotechniek", role: "Monteur", years: 5 },
        circumstances: { situation: "Alleenstaande vader van Saba (6)." },
        ownWords: {
          ambitions: "Weer monteur worden, in een eigen garage.",
          nextStep: "Stage bij een garage in Ede.",
        },
        duties: { youngChildren: false },
      },
      plan: {
        setDaysAgo: 60,
        hoursPerWeek: 12,
        guidance: "Maandelijks contact met de consulent.",
        childcare: "Naschoolse opvang voor Saba op lesdagen.",
        goals: [
          {
            kind: "werk",
            description: "Aan het werk als automonteur.",
            steps: [
              { what: "Stage bij een garage", who: "Dawit met de jobcoach", inDays: 120 },
              { what: "Vakdiploma laten waarderen", who: "Consulent", inDays: 45, status: "bezig" },
            ],
          },
          {
            kind: "taal",
            description: "Nederlands op B1-niveau.",
            steps: [
              { what: "Taalles drie dagdelen per week", who: taal, inDays: 14, status: "bezig" },
            ],
          },
        ],
        reviewsAfterDays: [90, 270, 450],
      },
    },
    {
      stage: "pip_vastgesteld",
      consultant: 1,
      person: {
        givenNames: "Rania",
        familyName: "Darwish",
        birthDate: born(21),
        countryOfOrigin: "Syrië",
        targetGroup: "gezinshereniger",
        preferredLanguage: "ar",
        literacy: "geletterd",
        latinScript: true,
      },
      languages: [
        { language: "ar", level: "moedertaal" },
        { language: "en", level: "goed" },
      ],
      household: [{ name: "Bassel Darwish", relation: "ouder", age: 52 }],
      notifiedDaysAgo: 140,
      intake: {
        conversations: [
          {
            daysAgo: 125,
            notes: "Kennismaking.",
            scores: { taal: [2, 2], werk_opleiding: [3, 4] },
          },
          { daysAgo: 110, notes: "Opleidingswensen: verpleegkunde." },
          { daysAgo: 98, notes: "Onderwijsroute besproken met het ROC." },
        ],
        learnability: { status: "afgenomen", daysAgo: 115, score: 81 },
        education: {
          country: "Syrië",
          level: "voortgezet",
          diploma: "Baccalaureaat",
          valuation: "gewaardeerd",
          years: 12,
        },
        circumstances: { situation: "Woont bij haar vader en broers." },
        ownWords: {
          ambitions: "Verpleegkundige worden.",
          nextStep: "Schakeltraject naar het mbo.",
        },
      },
      plan: {
        setDaysAgo: 80,
        hoursPerWeek: 20,
        guidance: "Begeleiding door de trajectbegeleider van het ROC (fictief).",
        goals: [
          {
            kind: "opleiding",
            description: "Instromen in de opleiding verpleegkunde (mbo niveau 4).",
            steps: [
              { what: "Schakeltraject Nederlands", who: "ROC", inDays: 300, status: "bezig" },
              { what: "Intakegesprek opleiding", who: "Rania", inDays: 240 },
            ],
          },
        ],
        reviewsAfterDays: [120, 300],
      },
    },
    {
      stage: "pip_vastgesteld",
      consultant: 0,
      person: {
        givenNames: "Halima",
        familyName: "Warsame",
        birthDate: born(52),
        countryOfOrigin: "Somalië",
        targetGroup: "asielstatushouder",
        preferredLanguage: "so",
        interpreterNeeded: true,
        interpreterLanguage: "Somalisch",
        literacy: "niet_geletterd",
        latinScript: false,
        socialAssistance: true,
      },
      languages: [{ language: "so", level: "moedertaal" }],
      household: [{ name: "Ayaan Warsame", relation: "kind", age: 16 }],
      notifiedDaysAgo: 150,
      intake: {
        conversations: [
          {
            daysAgo: 135,
            interpreter: "Somalisch",
            notes: "Kennismaking met haar zoon erbij.",
            keyPerson: "Buurvrouw (sleutelpersoon)",
            scores: { taal: [1, 1], sociaal_netwerk: [2, 3] },
          },
          {
            daysAgo: 120,
            interpreter: "Somalisch",
            notes: "Dagbesteding: wil graag koken en naaien.",
          },
          { daysAgo: 108, interpreter: "Somalisch", notes: "Plan in eigen woorden doorgenomen." },
        ],
        learnability: { status: "afgenomen", daysAgo: 118, score: 18 },
        education: { country: "Somalië", level: "geen", years: 0 },
        circumstances: {
          situation: "Woont met haar zoon; voelt zich soms eenzaam.",
          healthNeeds: "Wil bewegen en mensen ontmoeten.",
          healthReferrals: "Beweeggroep in het buurthuis.",
        },
        ownWords: {
          ambitions: "Een eigen naaiatelier met andere vrouwen.",
          nextStep: "Naaicafé in het buurthuis, twee ochtenden per week.",
        },
      },
      plan: {
        setDaysAgo: 95,
        hoursPerWeek: 8,
        guidance: "Sleutelpersoon bezoekt haar wekelijks.",
        goals: [
          {
            kind: "zelfredzaamheid",
            description: "Zelf boodschappen doen en afspraken maken bij de huisarts.",
            steps: [
              {
                what: "Oefenen met de bus en de supermarkt",
                who: "Sleutelpersoon",
                inDays: 60,
                status: "klaar",
              },
            ],
          },
          {
            kind: "vrijwilligerswerk",
            description: "Meedoen in het naaicafé.",
            steps: [
              {
                what: "Kennismaken in het buurthuis",
                who: "Consulent",
                inDays: 30,
                status: "klaar",
              },
            ],
          },
        ],
        reviewsAfterDays: [120, 300],
      },
    },
    // ── In review: a held review with progress and new scores ────────────────────────────
    {
      stage: "voortgang",
      consultant: 1,
      person: {
        givenNames: "Yonas",
        familyName: "Tekle",
        birthDate: born(36),
        countryOfOrigin: "Eritrea",
        targetGroup: "asielstatushouder",
        preferredLanguage: "ti",
        literacy: "geletterd",
        latinScript: true,
        socialAssistance: true,
      },
      languages: [
        { language: "ti", level: "moedertaal" },
        { language: "en", level: "beetje" },
      ],
      household: [
        { name: "Selam Tekle", relation: "partner", age: 33 },
        { name: "Abel Tekle", relation: "kind", age: 8 },
      ],
      notifiedDaysAgo: 320,
      intake: {
        conversations: [
          {
            daysAgo: 300,
            interpreter: "Tigrinya",
            partnerPresent: true,
            notes: "Kennismaking.",
            scores: {
              taal: [1, 2],
              inkomen: [3, 3],
              sociaal_netwerk: [2, 2],
              digitale_vaardigheden: [2, 3],
            },
          },
          { daysAgo: 285, partnerPresent: false, notes: "Gesprek zonder partner." },
          {
            daysAgo: 270,
            notes: "Plan besproken.",
            scores: { werk_opleiding: [2, 3], dagbesteding: [2, 2] },
          },
        ],
        learnability: { status: "afgenomen", daysAgo: 280, score: 41 },
        education: { country: "Eritrea", level: "basis", years: 7 },
        work: { country: "Eritrea", sector: "Landbouw", role: "Boer", years: 15 },
        circumstances: { situation: "Gezin met één kind; woning in Bennekom." },
        ownWords: {
          ambitions: "Werken in de groenvoorziening.",
          nextStep: "Proefplaatsing bij een hovenier.",
        },
        duties: { youngChildren: false, withoutPartnerDaysAgo: 285 },
      },
      plan: {
        setDaysAgo: 240,
        hoursPerWeek: 12,
        guidance: "Maandelijks contact met de consulent.",
        goals: [
          {
            kind: "werk",
            description: "Werken als hovenier.",
            steps: [{ what: "Proefplaatsing bij een hovenier", who: "Jobcoach", inDays: 150 }],
          },
          {
            kind: "taal",
            description: "Nederlands op B1-niveau.",
            steps: [{ what: "Taalles", who: taal, inDays: 14 }],
          },
        ],
        reviewsAfterDays: [120, 300, 480],
      },
      review: {
        index: 0,
        whatChanged: "Yonas spreekt al veel meer Nederlands en heeft via de kerk nieuwe contacten.",
        progress: ["op_schema", "op_schema"],
        scores: {
          taal: [2, 3],
          sociaal_netwerk: [3, 4],
          digitale_vaardigheden: [3, 3],
          werk_opleiding: [3, 3],
        },
      },
    },
    // ── Changed plan: a review led to version 2 ──────────────────────────────────────────
    {
      stage: "voortgang",
      consultant: 0,
      person: {
        givenNames: "Ahmad",
        familyName: "Rahimi",
        birthDate: born(45),
        countryOfOrigin: "Afghanistan",
        targetGroup: "asielstatushouder",
        preferredLanguage: "fa",
        literacy: "geletterd",
        latinScript: true,
        socialAssistance: true,
      },
      languages: [
        { language: "prs", level: "moedertaal" },
        { language: "fa", level: "goed" },
      ],
      household: [
        { name: "Zohra Rahimi", relation: "partner", age: 42 },
        { name: "Nasir Rahimi", relation: "kind", age: 14 },
        { name: "Parisa Rahimi", relation: "kind", age: 11 },
      ],
      notifiedDaysAgo: 480,
      intake: {
        conversations: [
          {
            daysAgo: 460,
            interpreter: "Dari",
            partnerPresent: true,
            notes: "Kennismaking.",
            scores: {
              taal: [1, 1],
              huisvesting: [3, 3],
              financien: [3, 2],
              werk_opleiding: [2, 3],
            },
          },
          {
            daysAgo: 445,
            interpreter: "Dari",
            partnerPresent: false,
            notes: "Gesprek zonder partner.",
          },
          { daysAgo: 430, notes: "Plan besproken." },
        ],
        learnability: { status: "afgenomen", daysAgo: 440, score: 55 },
        education: {
          country: "Afghanistan",
          level: "hoger_beroeps",
          field: "Boekhouding",
          years: 14,
        },
        work: { country: "Afghanistan", sector: "Financiën", role: "Boekhouder", years: 10 },
        circumstances: { situation: "Gezin met twee schoolgaande kinderen." },
        ownWords: {
          ambitions: "Weer als boekhouder werken.",
          nextStep: "Vrijwillig penningmeester bij een vereniging.",
        },
        duties: { youngChildren: false, withoutPartnerDaysAgo: 445 },
      },
      plan: {
        setDaysAgo: 400,
        hoursPerWeek: 12,
        guidance: "Maandelijks contact met de consulent.",
        goals: [
          {
            kind: "vrijwilligerswerk",
            description: "Vrijwillig penningmeester.",
            steps: [
              { what: "Vacature zoeken via het vrijwilligerspunt", who: "Ahmad", inDays: 90 },
            ],
          },
          {
            kind: "taal",
            description: "Nederlands op B1-niveau.",
            steps: [{ what: "Taalles", who: taal, inDays: 14 }],
          },
        ],
        reviewsAfterDays: [180, 420, 600],
      },
      review: {
        index: 0,
        whatChanged:
          "Penningmeester bij de voetbalclub van zijn zoon. Wil nu een administratieve opleiding.",
        progress: ["behaald", "op_schema"],
        scores: {
          taal: [3, 3],
          financien: [4, 4],
          werk_opleiding: [3, 4],
          sociaal_netwerk: [3, 4],
        },
        planChange: {
          reason: "Het vrijwilligersdoel is behaald; er komt een opleidingsdoel bij.",
          daysAfter: 14,
          extraGoal: {
            kind: "opleiding",
            description: "Mbo-opleiding financiële administratie (niveau 4).",
            steps: [{ what: "Aanmelden bij het ROC", who: "Ahmad met de consulent", inDays: 60 }],
          },
        },
      },
    },
    // ── Term ending: the first PIP was set about 2.7 years ago ───────────────────────────
    {
      stage: "termijn_eindigt",
      consultant: 1,
      person: {
        givenNames: "Tigist",
        familyName: "Alemu",
        birthDate: born(33),
        countryOfOrigin: "Ethiopië",
        targetGroup: "gezinsvormer",
        preferredLanguage: "en",
        literacy: "geletterd",
        latinScript: true,
      },
      languages: [
        { language: "am", level: "moedertaal" },
        { language: "en", level: "goed" },
      ],
      household: [{ name: "Pieter Alemu-de Groot", relation: "partner", age: 38 }],
      notifiedDaysAgo: 1060,
      intake: {
        conversations: [
          {
            daysAgo: 1040,
            partnerPresent: true,
            notes: "Kennismaking.",
            scores: { taal: [2, 2], werk_opleiding: [2, 3], sociaal_netwerk: [2, 2] },
          },
          { daysAgo: 1025, partnerPresent: false, notes: "Gesprek zonder partner." },
          { daysAgo: 1010, notes: "Plan besproken." },
        ],
        learnability: { status: "afgenomen", daysAgo: 1020, score: 58 },
        education: {
          country: "Ethiopië",
          level: "hoger_beroeps",
          field: "Verpleegkunde",
          years: 15,
        },
        circumstances: { situation: "Woont met haar man in Lunteren." },
        ownWords: {
          ambitions: "Als verpleegkundige werken.",
          nextStep: "BIG-registratie aanvragen.",
        },
        duties: { youngChildren: false, withoutPartnerDaysAgo: 1025 },
      },
      plan: {
        setDaysAgo: 985,
        hoursPerWeek: 12,
        guidance: "Contact om de drie maanden.",
        goals: [
          {
            kind: "werk",
            description: "Werken als verpleegkundige.",
            steps: [
              { what: "BIG-registratie aanvragen", who: "Tigist", inDays: 365, status: "klaar" },
            ],
          },
          {
            kind: "taal",
            description: "Nederlands op B1-niveau, examen voor het einde van de termijn.",
            steps: [{ what: "Examens inplannen", who: taal, inDays: 900 }],
          },
        ],
        reviewsAfterDays: [365, 1000],
      },
      review: {
        index: 0,
        whatChanged: "BIG-registratie rond; werkt als zorgassistent in afwachting van het examen.",
        progress: ["behaald", "achter"],
        scores: { taal: [3, 3], werk_opleiding: [4, 4], sociaal_netwerk: [3, 3] },
      },
    },
  ];
}

/** Gemeente Wageningen: two newcomers, to show that Ede's consultants cannot see them. */
export function wageningenCases(born: (age: number) => string): NewcomerSpec[] {
  return [
    {
      stage: "aangemeld",
      consultant: 0,
      person: {
        givenNames: "Faisal",
        familyName: "Abdirahman",
        birthDate: born(27),
        countryOfOrigin: "Somalië",
        targetGroup: "asielstatushouder",
        preferredLanguage: "so",
      },
      languages: [{ language: "so", level: "moedertaal" }],
      notifiedDaysAgo: 8,
      notificationOnly: true,
    },
    {
      stage: "intake",
      consultant: 0,
      person: {
        givenNames: "Leyla",
        familyName: "Karaman",
        birthDate: born(30),
        countryOfOrigin: "Turkije",
        targetGroup: "gezinsvormer",
        preferredLanguage: "tr",
      },
      languages: [
        { language: "tr", level: "moedertaal" },
        { language: "ckb", level: "goed" },
      ],
      household: [{ name: "Mehmet Karaman", relation: "partner", age: 32 }],
      notifiedDaysAgo: 30,
      intake: {
        conversations: [
          { daysAgo: 12, partnerPresent: true, notes: "Kennismaking.", scores: { taal: [2, 2] } },
        ],
        learnability: { status: "gepland" },
      },
    },
  ];
}
