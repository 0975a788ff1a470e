import type {
  attachments,
  ConversationAttendees,
  conversations,
  Domain,
  domainScores,
  educationEntries,
  enforcementSteps,
  intakes,
  learnabilityTests,
  personalCircumstances,
  workEntries,
} from "./schema.ts";

// Presenters pick the fields a page or another capability may show; never a raw row (no
// organisation ids, creators or base64 contents leave the intake by accident).

export interface PresentedConversation {
  id: string;
  kind: (typeof conversations.$inferSelect)["kind"];
  heldOn: string;
  attendees: ConversationAttendees;
  notes: string | null;
  version: number;
}

export const presentConversation = (
  r: typeof conversations.$inferSelect,
): PresentedConversation => ({
  id: r.id,
  kind: r.kind,
  heldOn: r.heldOn,
  attendees: r.attendees,
  notes: r.notes,
  version: r.version,
});

/** An attachment without its content: a drawing (SVG) or an image. */
export interface PresentedAttachment {
  id: string;
  conversationId: string | null;
  fileName: string;
  mediaType: string;
  createdAt: Date;
}

export const presentAttachment = (
  r: Omit<typeof attachments.$inferSelect, "contentBase64">,
): PresentedAttachment => ({
  id: r.id,
  conversationId: r.conversationId,
  fileName: r.fileName,
  mediaType: r.mediaType,
  createdAt: r.createdAt,
});

export interface PresentedLearnability {
  status: (typeof learnabilityTests.$inferSelect)["status"];
  takenOn: string | null;
  score: number | null;
  indication: string | null;
  notTakenReason: (typeof learnabilityTests.$inferSelect)["notTakenReason"];
  notTakenNote: string | null;
  version: number;
}

export const presentLearnability = (
  r: typeof learnabilityTests.$inferSelect,
): PresentedLearnability => ({
  status: r.status,
  takenOn: r.takenOn,
  score: r.score,
  indication: r.indication,
  notTakenReason: r.notTakenReason,
  notTakenNote: r.notTakenNote,
  version: r.version,
});

export interface PresentedEducation {
  id: string;
  country: string | null;
  level: (typeof educationEntries.$inferSelect)["level"];
  field: string | null;
  diploma: string | null;
  valuation: (typeof educationEntries.$inferSelect)["valuation"];
  years: number | null;
  version: number;
}

export const presentEducation = (r: typeof educationEntries.$inferSelect): PresentedEducation => ({
  id: r.id,
  country: r.country,
  level: r.level,
  field: r.field,
  diploma: r.diploma,
  valuation: r.valuation,
  years: r.years,
  version: r.version,
});

export interface PresentedWork {
  id: string;
  country: string | null;
  sector: string;
  role: string | null;
  years: number | null;
  version: number;
}

export const presentWork = (r: typeof workEntries.$inferSelect): PresentedWork => ({
  id: r.id,
  country: r.country,
  sector: r.sector,
  role: r.role,
  years: r.years,
  version: r.version,
});

/** Personal circumstances; `health` is there only for whom the policy lets read health. */
export interface PresentedCircumstances {
  situation: string | null;
  acuteDebts: boolean;
  health?: {
    healthNeeds: string | null;
    healthReferrals: string | null;
    acuteHealthNeeds: boolean;
  };
  version: number;
}

export function presentCircumstances(
  r: typeof personalCircumstances.$inferSelect,
  withHealth: boolean,
): PresentedCircumstances {
  return {
    situation: r.situation,
    acuteDebts: r.acuteDebts,
    ...(withHealth
      ? {
          health: {
            healthNeeds: r.healthNeeds,
            healthReferrals: r.healthReferrals,
            acuteHealthNeeds: r.acuteHealthNeeds,
          },
        }
      : {}),
    version: r.version,
  };
}

export interface PresentedScore {
  domain: Domain;
  consultantScore: number | null;
  newcomerScore: number | null;
  note: string | null;
  scoredOn: string;
  conversationId: string | null;
}

export const presentScore = (r: typeof domainScores.$inferSelect): PresentedScore => ({
  domain: r.domain,
  consultantScore: r.consultantScore,
  newcomerScore: r.newcomerScore,
  note: r.note,
  scoredOn: r.scoredOn,
  conversationId: r.conversationId,
});

/** The intake as a whole: dates, the newcomer's own words, the duties checklist. */
export interface PresentedIntake {
  startedOn: string | null;
  completedOn: string | null;
  ambitions: string | null;
  nextStep: string | null;
  vveInformedOn: string | null;
  hasYoungChildren: boolean | null;
  withoutPartnerOfferedOn: string | null;
  withoutPartnerAccepted: boolean | null;
  /** 0 when the intake has no row yet. */
  version: number;
}

export const emptyIntake: PresentedIntake = {
  startedOn: null,
  completedOn: null,
  ambitions: null,
  nextStep: null,
  vveInformedOn: null,
  hasYoungChildren: null,
  withoutPartnerOfferedOn: null,
  withoutPartnerAccepted: null,
  version: 0,
};

export const presentIntake = (r: typeof intakes.$inferSelect | undefined): PresentedIntake =>
  r
    ? {
        startedOn: r.startedOn,
        completedOn: r.completedOn,
        ambitions: r.ambitions,
        nextStep: r.nextStep,
        vveInformedOn: r.vveInformedOn,
        hasYoungChildren: r.hasYoungChildren,
        withoutPartnerOfferedOn: r.withoutPartnerOfferedOn,
        withoutPartnerAccepted: r.withoutPartnerAccepted,
        version: r.version,
      }
    : emptyIntake;

export interface PresentedEnforcementStep {
  id: string;
  step: (typeof enforcementSteps.$inferSelect)["step"];
  takenOn: string;
  amountCents: number | null;
  letterText: string;
}

export const presentEnforcementStep = (
  r: typeof enforcementSteps.$inferSelect,
): PresentedEnforcementStep => ({
  id: r.id,
  step: r.step,
  takenOn: r.takenOn,
  amountCents: r.amountCents,
  letterText: r.letterText,
});
