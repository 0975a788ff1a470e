import type { TFunction } from "i18next";
import type { ComponentChildren, JSX } from "preact";
import {
  Button,
  Form,
  SelectField,
  TextArea,
  TextField,
} from "../../../platform/views/components.tsx";
import { useView } from "../../../platform/views/context.ts";
import type { NoteCategory } from "../../schema.ts";
import type {
  BoardSession,
  BoardView,
  PresentedAction,
  PresentedNote,
  PresentedStory,
} from "../queries.ts";
import { minutesLeft, secondsLeft } from "../rules.ts";

// Small pictograms for the five listening assignments. Each category also has its own colour
// (assets/board.css) and its name in words: colour is never the only sign.
const pictogramPaths: Record<NoteCategory, JSX.Element> = {
  positief: (
    <>
      <circle cx="12" cy="12" r="10" fill="none" stroke="currentColor" stroke-width="2" />
      <path
        d="M7 13.5c1.2 2 3 3 5 3s3.8-1 5-3"
        fill="none"
        stroke="currentColor"
        stroke-width="2"
      />
      <circle cx="9" cy="9.5" r="1.4" fill="currentColor" />
      <circle cx="15" cy="9.5" r="1.4" fill="currentColor" />
    </>
  ),
  negatief: (
    <>
      <circle cx="12" cy="12" r="10" fill="none" stroke="currentColor" stroke-width="2" />
      <path d="M7 17c1.2-2 3-3 5-3s3.8 1 5 3" fill="none" stroke="currentColor" stroke-width="2" />
      <circle cx="9" cy="9.5" r="1.4" fill="currentColor" />
      <circle cx="15" cy="9.5" r="1.4" fill="currentColor" />
    </>
  ),
  onderzoeksvraag: (
    <>
      <circle cx="10.5" cy="10.5" r="6.5" fill="none" stroke="currentColor" stroke-width="2" />
      <path d="M15.5 15.5 21 21" stroke="currentColor" stroke-width="2.5" />
      <path
        d="M8.6 8.8a2 2 0 1 1 2.6 1.9c-.6.3-.7.6-.7 1.3"
        fill="none"
        stroke="currentColor"
        stroke-width="1.6"
      />
      <circle cx="10.5" cy="14" r=".9" fill="currentColor" />
    </>
  ),
  les_instituties: (
    <>
      <path d="M3 9 12 3l9 6z" fill="none" stroke="currentColor" stroke-width="2" />
      <path d="M5 10v8M9.5 10v8M14.5 10v8M19 10v8M3 20h18" stroke="currentColor" stroke-width="2" />
    </>
  ),
  les_nieuwkomers: (
    <>
      <circle cx="12" cy="6" r="3" fill="none" stroke="currentColor" stroke-width="2" />
      <path d="M6 21v-4a6 6 0 0 1 12 0v4" fill="none" stroke="currentColor" stroke-width="2" />
      <path d="M17 3.5h4M19 1.5v4" stroke="currentColor" stroke-width="1.6" />
    </>
  ),
};

/** A category's pictogram (decorative: the category's name is always written beside it). */
export function Pictogram({ category }: { category: NoteCategory }) {
  return (
    <svg
      class="koers-board-pictogram"
      viewBox="0 0 24 24"
      width="24"
      height="24"
      aria-hidden="true"
      focusable="false"
    >
      {pictogramPaths[category]}
    </svg>
  );
}

/** The category's pictogram and name. */
export function CategoryLabel({ category }: { category: NoteCategory }) {
  const { t } = useView();
  return (
    <span class="koers-board-category">
      <Pictogram category={category} />
      {t(`board:categories.${category}`)}
    </span>
  );
}

/** The story a note belongs to: the teller's name only when they agreed to be named. */
export const storyLabel = (t: TFunction, story: PresentedStory): string =>
  story.teller ?? t("board:note.storyNumber", { number: story.number });

/**
 * A note card: the writer's role always, the name only when given; the original in its own
 * language and direction, and a Dutch version marked as such.
 */
export function NoteCard(props: {
  note: PresentedNote;
  stories: PresentedStory[];
  children?: ComponentChildren;
}) {
  const { t } = useView();
  const { note } = props;
  const story = props.stories.find((s) => s.id === note.storyId);
  return (
    <li
      class={`koers-board-note koers-board-note--${note.category}`}
      id={`notitie-${note.id}`}
      data-note={note.id}
    >
      <p class="koers-board-note__meta">
        <CategoryLabel category={note.category} />
        <span>
          {t(`board:roles.${note.role}`)}
          {note.authorName ? ` · ${note.authorName}` : ""}
          {story ? ` · ${storyLabel(t, story)}` : ""}
        </span>
      </p>
      <p class="koers-board-note__text" lang={note.locale} dir="auto">
        {note.text}
      </p>
      {note.dutchText && note.locale !== "nl" && (
        <p class="koers-board-note__dutch" lang="nl" dir="ltr">
          <span class="koers-board-note__mark">
            {t("board:note.dutchMarked", { by: t(`board:note.by.${note.dutchBy ?? "schrijver"}`) })}
          </span>{" "}
          {note.dutchText}
        </p>
      )}
      {props.children}
    </li>
  );
}

/**
 * The phase and the timer: a static time without JavaScript, counting down with it
 * (data-module="board-timer" in assets/board.js).
 */
export function PhaseTimer({ session, now }: { session: BoardSession; now: Date }) {
  const { t, locale } = useView();
  const seconds = secondsLeft(session.timerEndsAt, now);
  const until = session.timerEndsAt?.toLocaleTimeString(locale, {
    hour: "2-digit",
    minute: "2-digit",
    timeZone: "Europe/Amsterdam",
  });
  return (
    <p class="koers-board-phase" data-module="board-phase">
      <strong data-phase-name>{t(`board:phases.${session.phase}`)}</strong>
      {seconds !== null && (
        <>
          {" · "}
          <span
            class="koers-board-timer"
            data-module="board-timer"
            data-ends={session.timerEndsAt?.toISOString()}
            data-over={t("board:timer.over")}
            role="timer"
          >
            {seconds === 0
              ? t("board:timer.over")
              : `${t("board:timer.left", { minutes: minutesLeft(seconds) })} (${t("board:timer.until", { time: until })})`}
          </span>
        </>
      )}
    </p>
  );
}

/** The board's script (content-hashed), loaded as a module only on board pages. */
export function BoardScript({ src }: { src: string }) {
  const { nonce } = useView();
  return <script nonce={nonce} src={src} type="module" />;
}

/**
 * A labelled field with its own id, for forms repeated on one page (one per note or group):
 * the shared components derive the id from the name, which would repeat.
 */
export function RepeatedField(props: {
  id: string;
  name: string;
  label: string;
  value?: string | null | undefined;
  required?: boolean;
  rows?: number;
  options?: { value: string; label: string }[];
  placeholder?: string;
}) {
  return (
    <div class="utrecht-form-field koers-field">
      <div class="utrecht-form-field__label">
        <label class="utrecht-form-label" for={props.id}>
          {props.label}
        </label>
      </div>
      <div class="utrecht-form-field__input">
        {props.options ? (
          <select
            class="utrecht-select utrecht-select--html-select"
            id={props.id}
            name={props.name}
          >
            {props.placeholder !== undefined && <option value="">{props.placeholder}</option>}
            {props.options.map((o) => (
              <option key={o.value} value={o.value} selected={o.value === props.value}>
                {o.label}
              </option>
            ))}
          </select>
        ) : props.rows ? (
          <textarea
            class="utrecht-textarea utrecht-textarea--html-textarea"
            id={props.id}
            name={props.name}
            rows={props.rows}
            required={props.required}
            dir="auto"
          >
            {props.value ?? ""}
          </textarea>
        ) : (
          <input
            class="utrecht-textbox utrecht-textbox--html-input"
            id={props.id}
            name={props.name}
            type="text"
            value={props.value ?? ""}
            required={props.required}
          />
        )}
      </div>
    </div>
  );
}

/** The form for an action on a vraagstuk: what, the lead owner, co-owners, first step, due date. */
export function ActionForm({ view, action }: { view: BoardView; action: string }) {
  const { t } = useView();
  const vraagstukken = view.groups.filter((g) => g.kind === "vraagstuk");
  if (vraagstukken.length === 0) return null;
  return (
    <Form action={action} aria-label={t("board:actions.add")}>
      <SelectField
        name="groupId"
        label={t("board:actions.vraagstuk")}
        options={vraagstukken.map((g) => ({ value: g.id, label: g.title }))}
        required
      />
      <TextArea name="what" label={t("board:actions.what")} rows={2} required />
      <TextField name="ownerName" label={t("board:actions.ownerName")} required />
      <TextField
        name="ownerOrganisationName"
        label={t("board:actions.ownerOrganisation")}
        required
      />
      <TextField
        name="coOwnerOrganisations"
        label={t("board:actions.coOwners")}
        hint={t("board:actions.coOwnersHint")}
      />
      <TextField name="stakeholders" label={t("board:actions.stakeholders")} />
      <TextField name="firstStep" label={t("board:actions.firstStep")} />
      <TextField name="dueOn" type="date" label={t("board:actions.dueOn")} />
      <Button>{t("board:actions.add")}</Button>
    </Form>
  );
}

/** The actions written so far; the script adds one that arrives live. */
export function ActionList({ actions }: { actions: PresentedAction[] }) {
  const { t } = useView();
  return (
    <ul class="utrecht-unordered-list" data-live="actions">
      {actions.map((a) => (
        <li key={a.id} data-action={a.id}>
          <span lang="nl">{a.what}</span> —{" "}
          {t("board:actions.owner", {
            name: a.ownerName,
            organisation: a.ownerOrganisationName ?? "",
          })}
        </li>
      ))}
    </ul>
  );
}
