import type { FieldErrors } from "../../../platform/http/forms.ts";
import { languages } from "../../../platform/i18n/languages.ts";
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
import type { BoardParticipant, BoardSession, BoardView, PresentedNote } from "../queries.ts";
import { boardPhases, categoryOrder, dutchAuthors } from "../rules.ts";
import {
  ActionForm,
  ActionList,
  BoardScript,
  CategoryLabel,
  NoteCard,
  PhaseTimer,
  RepeatedField,
  storyLabel,
} from "./parts.tsx";

export const boardPath = (code: string) => `/bord/${encodeURIComponent(code)}`;
export const joinPath = (code: string) => `/doe-mee/${encodeURIComponent(code)}`;

/** Step one on a phone: type the code (a GET form: nothing changes yet). */
export function JoinCodePage(props: { code?: string; notFound?: boolean }) {
  const { t } = useView();
  const errors: FieldErrors | undefined = props.notFound
    ? { code: t("board:join.notFound") }
    : undefined;
  return (
    <>
      <ErrorSummary errors={errors} />
      <Heading>{t("board:join.title")}</Heading>
      <p>{t("board:join.intro")}</p>
      <form action="/doe-mee" method="get" class="koers-form">
        <TextField
          name="code"
          label={t("board:join.code")}
          hint={t("board:join.codeHint")}
          value={props.code}
          autocomplete="off"
          errors={errors}
          required
        />
        <Button>{t("board:join.find")}</Button>
      </form>
    </>
  );
}

/** Step two: role (required), name (optional), language (each named in its own script). */
export function JoinPage(props: {
  session: BoardSession;
  values?: Record<string, unknown>;
  errors?: FieldErrors | undefined;
}) {
  const { t, locale } = useView();
  const offered = languages.filter(
    (l) => props.session.languages.includes(l.code) || l.code === "nl" || l.code === locale,
  );
  return (
    <>
      <ErrorSummary errors={props.errors} />
      <Heading>{t("board:join.titleSession", { title: props.session.title })}</Heading>
      <Form action={joinPath(props.session.joinCode)}>
        <ChoiceField
          name="role"
          type="radio"
          legend={t("board:join.role")}
          options={participantRoles.map((r) => ({ value: r, label: t(`board:roles.${r}`) }))}
          value={props.values?.role as string | undefined}
          errors={props.errors}
          required
        />
        <TextField
          name="displayName"
          label={t("board:join.name")}
          hint={t("board:join.nameHint")}
          value={props.values?.displayName}
          autocomplete="given-name"
          dir="auto"
          errors={props.errors}
        />
        <fieldset class="utrecht-form-fieldset koers-choice" aria-describedby={undefined}>
          <legend class="utrecht-form-fieldset__legend">{t("board:join.language")}</legend>
          {offered.map((l) => (
            <div class="utrecht-form-field utrecht-form-field--radio" key={l.code}>
              <input
                class="utrecht-radio-button"
                type="radio"
                id={`taal-${l.code}`}
                name="locale"
                value={l.code}
                checked={(props.values?.locale ?? locale) === l.code}
              />
              <label class="utrecht-form-label" for={`taal-${l.code}`} lang={l.code} dir={l.dir}>
                {l.name}
              </label>
            </div>
          ))}
        </fieldset>
        <Button>{t("board:join.submit")}</Button>
      </Form>
    </>
  );
}

/** The note form: category with pictogram, story, text; a client id makes a resend harmless. */
function NoteForm(props: {
  view: BoardView;
  participant: BoardParticipant;
  clientId: string;
  values?: Record<string, unknown> | undefined;
  errors?: FieldErrors | undefined;
}) {
  const { t } = useView();
  const { view } = props;
  return (
    <section aria-labelledby="notitie-schrijven" class="koers-board-write">
      <h2 class="utrecht-heading-2" id="notitie-schrijven">
        {t("board:note.formTitle")}
      </h2>
      <Form
        action={`${boardPath(view.session.joinCode)}/notities`}
        aria-label={t("board:note.formTitle")}
      >
        <div data-module="board-note-form" data-posted={t("board:note.posted")} />
        <input type="hidden" name="clientId" value={props.clientId} />
        <fieldset class="utrecht-form-fieldset koers-board-categories">
          <legend class="utrecht-form-fieldset__legend">{t("board:note.category")}</legend>
          {categoryOrder.map((c) => (
            <div class={`koers-board-choice koers-board-note--${c}`} key={c}>
              <input
                type="radio"
                class="utrecht-radio-button"
                name="category"
                id={`soort-${c}`}
                value={c}
                checked={(props.values?.category ?? "positief") === c}
              />
              <label class="utrecht-form-label" for={`soort-${c}`}>
                <CategoryLabel category={c} />
              </label>
            </div>
          ))}
        </fieldset>
        {view.stories.length > 0 && (
          <SelectField
            name="storyId"
            label={t("board:note.story")}
            placeholder={t("board:note.storyNone")}
            options={view.stories.map((s) => ({ value: s.id, label: storyLabel(t, s) }))}
            value={props.values?.storyId}
          />
        )}
        <TextArea
          name="text"
          label={t("board:note.text")}
          hint={t("board:note.textHint")}
          value={props.values?.text}
          errors={props.errors}
          rows={3}
          required
        />
        {props.participant.displayName && (
          <div class="utrecht-form-field utrecht-form-field--checkbox">
            <input
              class="utrecht-checkbox"
              type="checkbox"
              id="met-naam"
              name="withName"
              value="1"
            />
            <label class="utrecht-form-label" for="met-naam">
              {t("board:note.withName")}
            </label>
          </div>
        )}
        <p class="koers-actions">
          <Button name="reveal" value="1">
            {t("board:note.post")}
          </Button>{" "}
          <Button name="reveal" value="0" variant="secondary">
            {t("board:note.keep")}
          </Button>
        </p>
      </Form>
    </section>
  );
}

function MyNote({ note, view }: { note: PresentedNote; view: BoardView }) {
  const { t } = useView();
  const base = `${boardPath(view.session.joinCode)}/notities/${note.id}`;
  return (
    <NoteCard note={note} stories={view.stories}>
      {!note.revealed && (
        <Form action={`${base}/tonen`} class="koers-board-inline">
          <span class="koers-board-private">{t("board:note.private")}</span>{" "}
          <Button variant="secondary">{t("board:note.reveal")}</Button>
        </Form>
      )}
      {note.locale !== "nl" && !note.dutchText && (
        <details class="koers-board-dutch">
          <summary>{t("board:note.addDutch")}</summary>
          <Form action={`${base}/nederlands`}>
            <RepeatedField
              id={`nederlands-${note.id}`}
              name="dutchText"
              label={t("board:note.dutch")}
              rows={2}
              required
            />
            <Button variant="secondary">{t("board:note.saveDutch")}</Button>
          </Form>
        </details>
      )}
    </NoteCard>
  );
}

/** The revealed notes by the writer's role: "what newcomers said" next to the others. */
export function NotesByRole({
  view,
  live,
  mayGroup = false,
}: {
  view: BoardView;
  live?: string | undefined;
  /** Participants may put notes into groups (the facilitator allowed it, and it is time to). */
  mayGroup?: boolean;
}) {
  const { t } = useView();
  const shown = view.notes.filter((n) => n.revealed && !n.hidden);
  // What the script needs to draw a note that arrives live, in the page's language.
  const labels = {
    roles: Object.fromEntries(participantRoles.map((r) => [r, t(`board:roles.${r}`)])),
    phases: Object.fromEntries(boardPhases.map((p) => [p, t(`board:phases.${p}`)])),
    dutch: Object.fromEntries(
      dutchAuthors.map((by) => [by, t("board:note.dutchMarked", { by: t(`board:note.by.${by}`) })]),
    ),
    // Templates for vraagstukken, dots and actions that arrive live (%t, %n, %o filled in).
    dots: t("board:vote.dots", { total: "%t" }),
    owner: t("board:actions.owner", { name: "%n", organisation: "%o" }),
  };
  return (
    <section
      aria-labelledby="bord-per-rol"
      class="koers-board"
      data-module="board-live"
      data-stream={live}
      data-labels={JSON.stringify(labels)}
    >
      <template data-pictograms>
        {categoryOrder.map((c) => (
          <span key={c} data-category={c}>
            <CategoryLabel category={c} />
          </span>
        ))}
      </template>
      <h2 class="utrecht-heading-2" id="bord-per-rol">
        {t("board:board.byRole")}
      </h2>
      <p class="koers-board-hint">
        {t("board:board.live")}{" "}
        <a class="utrecht-link" href={boardPath(view.session.joinCode)}>
          {t("board:board.reload")}
        </a>
      </p>
      <div class="koers-board-roles">
        {participantRoles.map((role) => (
          <section key={role} class="koers-board-role" aria-labelledby={`rol-${role}`}>
            <h3 class="utrecht-heading-3" id={`rol-${role}`}>
              {t(`board:roles.${role}`)}
            </h3>
            <ul class="koers-board-notes" data-role={role}>
              {shown
                .filter((n) => n.role === role)
                .map((n) => (
                  <NoteCard key={n.id} note={n} stories={view.stories}>
                    {mayGroup && view.groups.length > 0 && (
                      <Form
                        action={`${boardPath(view.session.joinCode)}/notities/${n.id}/groep`}
                        class="koers-board-inline"
                      >
                        <RepeatedField
                          id={`groep-${n.id}`}
                          name="groupId"
                          label={t("board:group.moveTo")}
                          placeholder={t("board:group.none")}
                          options={view.groups.map((g) => ({ value: g.id, label: g.title }))}
                          value={n.groupId}
                        />
                        <Button variant="secondary">{t("board:group.move")}</Button>
                      </Form>
                    )}
                  </NoteCard>
                ))}
            </ul>
          </section>
        ))}
      </div>
      {shown.length === 0 && <p data-empty>{t("board:board.empty")}</p>}
    </section>
  );
}

/** The dot for one vraagstuk: a plain form (with the page's CSRF token), so it works without JS. */
function VoteForm({ view, groupId, title }: { view: BoardView; groupId: string; title: string }) {
  const { t } = useView();
  return (
    <Form action={`${boardPath(view.session.joinCode)}/stemmen`} class="koers-board-inline">
      <input type="hidden" name="groupId" value={groupId} />
      <Button variant="secondary">
        {t("board:vote.cast")}
        <span class="koers-visually-hidden" data-vote-title="">
          : {title}
        </span>
      </Button>
    </Form>
  );
}

function Voting({ view }: { view: BoardView }) {
  const { t } = useView();
  const vraagstukken = view.groups.filter((g) => g.kind === "vraagstuk");
  const left = Math.max(0, view.session.voteBudget - view.dotsUsed);
  const mayVote = view.session.phase === "stemmen" && left > 0;
  // Hidden until there is a vraagstuk; the script shows it when one arrives live. A vraagstuk
  // that arrives live gets its dot from the template below, when the phase and the dots left
  // (both as this page was rendered; placing a dot reloads the page) allow one.
  return (
    <section
      aria-labelledby="stemmen"
      class="koers-board-votes"
      hidden={vraagstukken.length === 0}
      data-votes
      data-phase={view.session.phase}
      data-left={left}
    >
      <h2 class="utrecht-heading-2" id="stemmen">
        {t("board:vote.title")}
      </h2>
      <p>{t("board:vote.left", { left, budget: view.session.voteBudget })}</p>
      <ul class="koers-board-vraagstukken" data-live="vraagstukken">
        {vraagstukken.map((g) => {
          const tally = view.tallies.find((x) => x.groupId === g.id);
          const mine = view.myDots[g.id] ?? 0;
          return (
            <li key={g.id} data-vraagstuk={g.id}>
              <span lang="nl" data-title>
                {g.title}
              </span>{" "}
              — <span data-dots>{t("board:vote.dots", { total: tally?.total ?? 0 })}</span>
              {mine > 0 && <span data-mine> · {t("board:vote.mine", { mine })}</span>}
              {mayVote && <VoteForm view={view} groupId={g.id} title={g.title} />}
            </li>
          );
        })}
      </ul>
      <template data-vote-form>
        <VoteForm view={view} groupId="" title="" />
      </template>
    </section>
  );
}

/** The actions written so far; in the action phase, a form to write one. */
function Actions({ view }: { view: BoardView }) {
  const { t } = useView();
  return (
    <section
      aria-labelledby="acties"
      hidden={view.actions.length === 0 && view.session.phase !== "actie"}
    >
      <h2 class="utrecht-heading-2" id="acties">
        {t("board:actions.title")}
      </h2>
      <ActionList actions={view.actions} />
      {view.session.phase === "actie" && (
        <ActionForm view={view} action={`${boardPath(view.session.joinCode)}/acties`} />
      )}
    </section>
  );
}

/** A participant's board on their phone: the phase, the note form, their notes, the board. */
export function ParticipantBoardPage(props: {
  view: BoardView;
  participant: BoardParticipant;
  clientId: string;
  now: Date;
  script: string;
  values?: Record<string, unknown> | undefined;
  errors?: FieldErrors | undefined;
  open: boolean;
}) {
  const { t } = useView();
  const { view } = props;
  const mine = view.notes.filter((n) => n.mine);
  return (
    <>
      <ErrorSummary errors={props.errors} />
      <Heading>{view.session.title}</Heading>
      <PhaseTimer session={view.session} now={props.now} />
      <p>
        <span
          data-module="read-aloud"
          data-label={t("board:board.readAloud")}
          data-stop={t("board:board.stop")}
        />
      </p>
      {props.open ? (
        <NoteForm
          view={view}
          participant={props.participant}
          clientId={props.clientId}
          values={props.values}
          errors={props.errors}
        />
      ) : (
        <p>{t("board:note.closed")}</p>
      )}
      {mine.length > 0 && (
        <section aria-labelledby="mijn-notities">
          <h2 class="utrecht-heading-2" id="mijn-notities">
            {t("board:note.mine")}
          </h2>
          <ul class="koers-board-notes">
            {mine.map((n) => (
              <MyNote key={n.id} note={n} view={view} />
            ))}
          </ul>
        </section>
      )}
      <Voting view={view} />
      <Actions view={view} />
      <NotesByRole
        view={view}
        live={`${boardPath(view.session.joinCode)}/live`}
        mayGroup={view.session.participantsMayGroup && view.session.phase === "groeperen"}
      />
      <BoardScript src={props.script} />
    </>
  );
}
