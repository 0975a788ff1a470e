import type { FieldErrors } from "../../../platform/http/forms.ts";
import {
  Button,
  ChoiceField,
  ErrorSummary,
  Form,
  Heading,
  SelectField,
  TextArea,
  TextField,
} from "../../../platform/views/components.tsx";
import { useView } from "../../../platform/views/context.ts";
import { participantRoles } from "../../schema.ts";
import type { BoardView, PresentedGroup, PresentedNote } from "../queries.ts";
import { boardPhases, type SuggestedGroup } from "../rules.ts";
import { boardPath, NotesByRole } from "./participant.tsx";
import {
  ActionForm,
  ActionList,
  BoardScript,
  NoteCard,
  PhaseTimer,
  RepeatedField,
} from "./parts.tsx";

export const facilitatorPath = (id: string) => `/maaksessies/${id}/bord`;
export const projectorPath = (id: string) => `/maaksessies/${id}/projectie`;

const groupKinds = ["groep", "sleutelinzicht", "vraagstuk"] as const;

/** The projector view: the join code and QR big, the phase and timer, the notes arriving live. */
export function ProjectorPage(props: {
  view: BoardView;
  qrSvg: string;
  joinUrl: string;
  now: Date;
  script: string;
}) {
  const { t } = useView();
  const { view } = props;
  return (
    <div class="koers-projector">
      <Heading>{view.session.title}</Heading>
      <PhaseTimer session={view.session} now={props.now} />
      <section class="koers-projector-join" aria-labelledby="meedoen">
        <h2 class="utrecht-heading-2" id="meedoen">
          {t("board:projector.join")}
        </h2>
        <p>{t("board:projector.goTo", { url: props.joinUrl })}</p>
        <p class="koers-projector-code" data-join-code>
          {view.session.joinCode}
        </p>
        <div
          class="koers-projector-qr"
          role="img"
          aria-label={t("board:projector.qr")}
          // The SVG comes from the qrcode library, built from our own URL (no user input).
          dangerouslySetInnerHTML={{ __html: props.qrSvg }}
        />
      </section>
      <NotesByRole view={view} live={`${boardPath(view.session.joinCode)}/live`} />
      <ProjectorOutcomes view={view} />
      <BoardScript src={props.script} />
    </div>
  );
}

/** The dots per role, in the roles' order ("nieuwkomer: 3, professional: 2"). */
const rolesLine = (t: (key: string) => string, byRole: Partial<Record<string, number>>) =>
  participantRoles
    .filter((r) => byRole[r])
    .map((r) => `${t(`board:roles.${r}`)}: ${byRole[r]}`)
    .join(", ");

/**
 * The projector's vraagstukken with their dots (in total and per role, never who voted) and the
 * actions. Hidden while empty; the script fills and shows them as events arrive.
 */
function ProjectorOutcomes({ view }: { view: BoardView }) {
  const { t } = useView();
  const vraagstukken = view.groups.filter((g) => g.kind === "vraagstuk");
  return (
    <>
      <section
        aria-labelledby="vraagstukken"
        class="koers-board-votes"
        hidden={vraagstukken.length === 0}
      >
        <h2 class="utrecht-heading-2" id="vraagstukken">
          {t("board:vote.title")}
        </h2>
        <ul class="koers-board-vraagstukken" data-live="vraagstukken" data-roles="1">
          {vraagstukken.map((g) => {
            const tally = view.tallies.find((x) => x.groupId === g.id);
            const roles = tally ? rolesLine(t, tally.byRole) : "";
            return (
              <li key={g.id} data-vraagstuk={g.id}>
                <span lang="nl" data-title>
                  {g.title}
                </span>{" "}
                — <span data-dots>{t("board:vote.dots", { total: tally?.total ?? 0 })}</span>
                <span data-roles>{roles && ` · ${roles}`}</span>
              </li>
            );
          })}
        </ul>
      </section>
      <section aria-labelledby="projectie-acties" hidden={view.actions.length === 0}>
        <h2 class="utrecht-heading-2" id="projectie-acties">
          {t("board:actions.title")}
        </h2>
        <ActionList actions={view.actions} />
      </section>
    </>
  );
}

function NoteTools(props: { note: PresentedNote; view: BoardView }) {
  const { t } = useView();
  const { note, view } = props;
  const base = `${facilitatorPath(view.session.id)}/notities/${note.id}`;
  const group = view.groups.find((g) => g.id === note.groupId);
  return (
    <div class="koers-board-tools">
      {note.hidden && <p class="koers-board-private">{t("facilitator:note.hidden")}</p>}
      {!note.revealed && !note.hidden && (
        <Form action={`${facilitatorPath(view.session.id)}/tonen`} class="koers-board-inline">
          <input type="hidden" name="noteId" value={note.id} />
          <Button variant="secondary">{t("facilitator:note.reveal")}</Button>
        </Form>
      )}
      {view.groups.length > 0 && (
        <Form action={`${base}/groep`} class="koers-board-inline">
          <RepeatedField
            id={`groep-${note.id}`}
            name="groupId"
            label={t("facilitator:note.moveTo")}
            placeholder={t("facilitator:note.noGroup")}
            options={view.groups.map((g) => ({ value: g.id, label: g.title }))}
            value={group?.id}
          />
          <Button variant="secondary">
            {t("facilitator:note.move")}
            <span class="koers-visually-hidden"> {note.text.slice(0, 40)}</span>
          </Button>
        </Form>
      )}
      {note.locale !== "nl" && (
        <details class="koers-board-dutch">
          <summary>{t("facilitator:note.dutch")}</summary>
          <Form action={`${base}/nederlands`}>
            <TextArea
              name="dutchText"
              label={t("facilitator:note.dutchText")}
              rows={2}
              value={note.dutchText}
              required
            />
            <SelectField
              name="by"
              label={t("facilitator:note.dutchBy")}
              options={[
                { value: "tolk", label: t("board:note.by.tolk") },
                { value: "procesbegeleider", label: t("board:note.by.procesbegeleider") },
              ]}
            />
            <Button variant="secondary">{t("facilitator:save")}</Button>
          </Form>
        </details>
      )}
      {!note.hidden && (
        <Form action={`${base}/verbergen`} class="koers-board-inline">
          <Button variant="subtle" hint="danger">
            {t("facilitator:note.hide")}
          </Button>
        </Form>
      )}
    </div>
  );
}

function GroupEditor({ group, view }: { group: PresentedGroup; view: BoardView }) {
  const { t } = useView();
  const inGroup = view.notes.filter((n) => n.groupId === group.id);
  const tally = view.tallies.find((x) => x.groupId === group.id);
  return (
    <li class="koers-board-group" data-group={group.id}>
      <h3 class="utrecht-heading-3">
        {group.title} <span class="koers-board-kind">({t(`facilitator:kinds.${group.kind}`)})</span>
      </h3>
      <Form
        action={`${facilitatorPath(view.session.id)}/groepen/${group.id}`}
        class="koers-board-inline"
      >
        <RepeatedField
          id={`titel-${group.id}`}
          name="title"
          label={t("facilitator:group.title")}
          value={group.title}
          required
        />
        <RepeatedField
          id={`soort-${group.id}`}
          name="kind"
          label={t("facilitator:group.kind")}
          options={groupKinds.map((k) => ({ value: k, label: t(`facilitator:kinds.${k}`) }))}
          value={group.kind}
        />
        {view.breakouts.length > 0 && (
          <RepeatedField
            id={`deelsessie-${group.id}`}
            name="breakoutId"
            label={t("facilitator:group.breakout")}
            placeholder={t("facilitator:group.noBreakout")}
            options={view.breakouts.map((b) => ({ value: b.id, label: b.title }))}
            value={group.breakoutId}
          />
        )}
        <Button variant="secondary">{t("facilitator:save")}</Button>
      </Form>
      {tally && (
        <p>
          {t("board:vote.dots", { total: tally.total })}
          {" · "}
          {rolesLine(t, tally.byRole)}
        </p>
      )}
      <ul class="koers-board-notes">
        {inGroup.map((n) => (
          <NoteCard key={n.id} note={n} stories={view.stories} />
        ))}
      </ul>
    </li>
  );
}

/** The dots per participant and whether participants may group, with the session's version. */
function Settings(props: {
  view: BoardView;
  values?: Record<string, unknown> | undefined;
  errors?: FieldErrors | undefined;
}) {
  const { t } = useView();
  const { session } = props.view;
  const values = props.values;
  const mayGroup = values ? values.participantsMayGroup === "1" : session.participantsMayGroup;
  return (
    <>
      <h2 class="utrecht-heading-2" id="instellingen">
        {t("facilitator:settings.title")}
      </h2>
      <ErrorSummary errors={props.errors} />
      <Form action={`${facilitatorPath(session.id)}/instellingen`} aria-labelledby="instellingen">
        <input type="hidden" name="version" value={String(values?.version ?? session.version)} />
        <TextField
          name="voteBudget"
          type="number"
          inputmode="numeric"
          label={t("facilitator:settings.voteBudget")}
          hint={t("facilitator:settings.voteBudgetHint")}
          value={values ? values.voteBudget : String(session.voteBudget)}
          errors={props.errors}
          required
        />
        <ChoiceField
          name="participantsMayGroup"
          type="checkbox"
          legend={t("facilitator:settings.grouping")}
          options={[{ value: "1", label: t("facilitator:settings.participantsMayGroup") }]}
          value={mayGroup ? "1" : undefined}
          errors={props.errors}
        />
        <Button variant="secondary">{t("facilitator:settings.save")}</Button>
      </Form>
    </>
  );
}

/** The facilitator's screen: phases and timer, stories, notes to reveal, moderate and group. */
export function FacilitatorPage(props: {
  view: BoardView;
  suggestions: SuggestedGroup[];
  now: Date;
  script: string;
  /** The settings form as submitted, when it comes back with errors. */
  settings?: { values?: Record<string, unknown> | undefined; errors?: FieldErrors | undefined };
}) {
  const { t } = useView();
  const { view } = props;
  const path = facilitatorPath(view.session.id);
  const ungrouped = view.notes.filter((n) => !n.groupId);
  return (
    <>
      <Heading>{t("facilitator:title", { title: view.session.title })}</Heading>
      <p>
        {t("facilitator:code", { code: view.session.joinCode })}{" "}
        <a class="utrecht-link" href={projectorPath(view.session.id)}>
          {t("facilitator:projector")}
        </a>
      </p>
      <PhaseTimer session={view.session} now={props.now} />
      <Form action={`${path}/fase`} aria-label={t("facilitator:phase.title")}>
        <SelectField
          name="phase"
          label={t("facilitator:phase.title")}
          options={boardPhases.map((p) => ({ value: p, label: t(`board:phases.${p}`) }))}
          value={view.session.phase}
        />
        <TextField
          name="minutes"
          type="number"
          inputmode="numeric"
          label={t("facilitator:phase.minutes")}
        />
        <Button>{t("facilitator:phase.set")}</Button>
      </Form>
      <Settings view={view} values={props.settings?.values} errors={props.settings?.errors} />

      <h2 class="utrecht-heading-2">{t("facilitator:stories.title")}</h2>
      <ul class="utrecht-unordered-list">
        {view.stories.map((s) => (
          <li key={s.id}>
            {s.teller ?? t("board:note.storyNumber", { number: s.number })} —{" "}
            {t(`board:roles.${s.tellerRole}`)}
            {s.mayQuote ? ` · ${t("facilitator:stories.mayQuote")}` : ""}
          </li>
        ))}
      </ul>
      <Form action={`${path}/verhalen`} aria-label={t("facilitator:stories.add")}>
        <TextField name="teller" label={t("facilitator:stories.teller")} required />
        <SelectField
          name="tellerRole"
          label={t("facilitator:stories.role")}
          options={participantRoles.map((r) => ({ value: r, label: t(`board:roles.${r}`) }))}
        />
        <ChoiceField
          name="consent"
          type="checkbox"
          legend={t("facilitator:stories.consent")}
          options={[
            { value: "quote", label: t("facilitator:stories.mayQuote") },
            { value: "name", label: t("facilitator:stories.mayName") },
          ]}
        />
        <Button variant="secondary">{t("facilitator:stories.add")}</Button>
      </Form>

      <h2 class="utrecht-heading-2">{t("facilitator:notes.title")}</h2>
      <Form action={`${path}/tonen`} class="koers-board-inline">
        <input type="hidden" name="noteId" value="all" />
        <Button variant="secondary">{t("facilitator:notes.revealAll")}</Button>
      </Form>
      <ul class="koers-board-notes" data-module="board-drag" data-move={`${path}/notities`}>
        {ungrouped.map((n) => (
          <NoteCard key={n.id} note={n} stories={view.stories}>
            <NoteTools note={n} view={view} />
          </NoteCard>
        ))}
      </ul>

      <h2 class="utrecht-heading-2">{t("facilitator:groups.title")}</h2>
      <Form action={`${path}/groepen`} aria-label={t("facilitator:groups.add")}>
        <TextField name="title" label={t("facilitator:group.title")} required />
        <SelectField
          name="kind"
          label={t("facilitator:group.kind")}
          options={groupKinds.map((k) => ({ value: k, label: t(`facilitator:kinds.${k}`) }))}
        />
        <Button variant="secondary">{t("facilitator:groups.add")}</Button>
      </Form>
      <ul class="koers-board-groups">
        {view.groups.map((g) => (
          <GroupEditor key={g.id} group={g} view={view} />
        ))}
      </ul>

      <h2 class="utrecht-heading-2">{t("facilitator:suggestions.title")}</h2>
      {props.suggestions.length === 0 && <p>{t("facilitator:suggestions.none")}</p>}
      <ul class="koers-board-groups">
        {props.suggestions.map((s) => (
          <li key={s.noteIds.join()} class="koers-board-group">
            <Form action={`${path}/groepen`}>
              <TextField
                name="title"
                label={t("facilitator:group.title")}
                value={s.commonLexemes.join(", ")}
                required
              />
              <input type="hidden" name="kind" value="groep" />
              {s.noteIds.map((id) => (
                <input key={id} type="hidden" name="noteIds" value={id} />
              ))}
              <ul class="utrecht-unordered-list">
                {s.noteIds.map((id) => {
                  const note = view.notes.find((n) => n.id === id);
                  return note ? <li key={id}>{note.dutchText ?? note.text}</li> : null;
                })}
              </ul>
              <Button variant="secondary">{t("facilitator:suggestions.accept")}</Button>
            </Form>
          </li>
        ))}
      </ul>

      <h2 class="utrecht-heading-2">{t("board:actions.title")}</h2>
      <ul class="utrecht-unordered-list">
        {view.actions.map((a) => (
          <li key={a.id}>
            {a.what} —{" "}
            {t("board:actions.owner", {
              name: a.ownerName,
              organisation: a.ownerOrganisationName ?? "",
            })}
          </li>
        ))}
      </ul>
      <ActionForm view={view} action={`${path}/acties`} />
      <BoardScript src={props.script} />
    </>
  );
}
