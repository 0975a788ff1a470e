import type { FieldErrors } from "../../platform/http/forms.ts";
import {
  Alert,
  Button,
  ErrorSummary,
  Form,
  Heading,
  SelectField,
  TextArea,
  TextField,
} from "../../platform/views/components.tsx";
import {
  type ComparedField,
  ConflictComparison,
  compareValues,
} from "../../platform/views/conflict.tsx";
import { useView } from "../../platform/views/context.ts";
import type { PresentedBreakout, PresentedSession } from "../queries.ts";
import type { BreakoutAttachments, BreakoutRemovalRefusal } from "../rules.ts";
import { CapacityField, DataList, Row, TimeFields } from "./parts.tsx";

type Choice = { id: string; name: string };

/** The path of one deelsessie's staff pages ("/bewerken", "/verwijderen"). */
export const breakoutPath = (sessionId: string, breakoutId: string, rest = "") =>
  `/maaksessies/${sessionId}/deelsessies/${breakoutId}${rest}`;

/** The fields of a deelsessie, the same when adding and when changing one. */
export function BreakoutFields(props: {
  values: Record<string, unknown>;
  errors?: FieldErrors | undefined;
  organisations: Choice[];
}) {
  const { t } = useView();
  const v = props.values;
  return (
    <>
      <TextField
        name="title"
        label={t("sessions:breakouts.topic")}
        value={v.title}
        errors={props.errors}
        required
      />
      <TextArea
        name="description"
        label={t("sessions:fields.description")}
        value={v.description}
        errors={props.errors}
        rows={2}
      />
      <SelectField
        name="hostOrganisationId"
        label={t("sessions:breakouts.host")}
        options={props.organisations.map((o) => ({ value: o.id, label: o.name }))}
        placeholder={t("sessions:breakouts.noHost")}
        value={v.hostOrganisationId}
        errors={props.errors}
      />
      <TextField
        name="room"
        label={t("sessions:breakouts.room")}
        value={v.room}
        errors={props.errors}
      />
      <TimeFields values={v} errors={props.errors} />
      <CapacityField value={v.capacity} errors={props.errors} />
    </>
  );
}

/** A deelsessie's stored values as the form shows them. */
export const breakoutValues = (b: PresentedBreakout): Record<string, unknown> => ({
  version: b.version,
  title: b.title,
  description: b.description ?? undefined,
  hostOrganisationId: b.hostOrganisationId ?? undefined,
  room: b.room ?? undefined,
  startsAt: b.startsAt,
  endsAt: b.endsAt,
  capacity: b.capacity ?? undefined,
});

/**
 * Changing a deelsessie. After a refused save (someone else saved first) it shows both versions,
 * keeps the input, and carries the stored version: saving again is a deliberate overwrite.
 */
export function BreakoutEditPage(props: {
  session: PresentedSession;
  breakout: PresentedBreakout;
  values: Record<string, unknown>;
  errors?: FieldErrors | undefined;
  organisations: Choice[];
  /** Set when the save was refused: the deelsessie as stored now. */
  stored?: PresentedBreakout | undefined;
}) {
  const { t } = useView();
  const { session, breakout } = props;
  const title = t("sessions:breakouts.editTitle", { title: breakout.title });
  const host = (id: unknown) =>
    id ? (props.organisations.find((o) => o.id === id)?.name ?? String(id)) : "";
  const fields: ComparedField[] = [
    { name: "title", label: t("sessions:breakouts.topic") },
    { name: "description", label: t("sessions:fields.description") },
    { name: "hostOrganisationId", label: t("sessions:breakouts.host"), show: host },
    { name: "room", label: t("sessions:breakouts.room") },
    { name: "startsAt", label: t("sessions:fields.startsAt") },
    { name: "endsAt", label: t("sessions:fields.endsAt") },
    { name: "capacity", label: t("sessions:fields.capacity") },
  ];
  return (
    <>
      <Heading>{title}</Heading>
      <p class="utrecht-paragraph">
        <a class="utrecht-link" href={`/maaksessies/${session.id}#deelsessies`}>
          {t("sessions:backToSession")}
        </a>
      </p>
      <ErrorSummary errors={props.errors} />
      {props.stored && (
        <ConflictComparison
          rows={compareValues(fields, props.values, breakoutValues(props.stored))}
        />
      )}
      <Form action={breakoutPath(session.id, breakout.id, "/bewerken")} aria-label={title}>
        <input type="hidden" name="version" value={String(props.values.version ?? "")} />
        <BreakoutFields
          values={props.values}
          errors={props.errors}
          organisations={props.organisations}
        />
        <Button>{t("sessions:form.save")}</Button>
      </Form>
    </>
  );
}

/**
 * Removing a deelsessie, a page of its own so it works without JavaScript: what will be removed,
 * and either the button to confirm or, when something hangs on it, why it cannot go yet.
 */
export function BreakoutRemovePage(props: {
  session: PresentedSession;
  breakout: PresentedBreakout;
  attachments: BreakoutAttachments;
  refusals: BreakoutRemovalRefusal[];
  /** The deelsessie changed since the page was loaded: check again. */
  changed?: boolean;
}) {
  const { t } = useView();
  const { session, breakout, attachments } = props;
  const title = t("sessions:breakouts.removeTitle", { title: breakout.title });
  const back = `/maaksessies/${session.id}#deelsessies`;
  return (
    <>
      <Heading>{title}</Heading>
      {props.changed && (
        <Alert type="warning">
          <p>{t("sessions:breakouts.removeChanged")}</p>
        </Alert>
      )}
      <DataList>
        <Row label={t("sessions:breakouts.topic")}>{breakout.title}</Row>
        <Row label={t("sessions:breakouts.host")}>{breakout.hostOrganisationName ?? "—"}</Row>
        <Row label={t("sessions:breakouts.room")}>{breakout.room ?? "—"}</Row>
        <Row label={t("sessions:breakouts.time")}>{`${breakout.startsAt}–${breakout.endsAt}`}</Row>
      </DataList>
      {props.refusals.length > 0 ? (
        <Alert type="error">
          <p>{t("sessions:breakouts.cannotRemove")}</p>
          <ul class="utrecht-unordered-list">
            {props.refusals.map((reason) => (
              <li key={reason}>
                {t(`sessions:breakouts.refusal.${reason}`, { count: attachments[reason] })}
              </li>
            ))}
          </ul>
          <p>{t("sessions:breakouts.cannotRemoveNext")}</p>
        </Alert>
      ) : (
        <>
          <p class="utrecht-paragraph">{t("sessions:breakouts.removeBody")}</p>
          <Form action={breakoutPath(session.id, breakout.id, "/verwijderen")} aria-label={title}>
            <input type="hidden" name="version" value={String(breakout.version)} />
            <p class="koers-actions">
              <Button hint="danger">{t("sessions:breakouts.removeConfirm")}</Button>{" "}
              <a class="utrecht-link" href={back}>
                {t("sessions:breakouts.removeCancel")}
              </a>
            </p>
          </Form>
        </>
      )}
      {props.refusals.length > 0 && (
        <p class="utrecht-paragraph">
          <a class="utrecht-link" href={breakoutPath(session.id, breakout.id, "/bewerken")}>
            {t("sessions:breakouts.editInstead")}
          </a>
          {" · "}
          {props.refusals.includes("registrations") && (
            <>
              <a class="utrecht-link" href={`/maaksessies/${session.id}/aanmeldingen`}>
                {t("sessions:session.registrations")}
              </a>
              {" · "}
            </>
          )}
          <a class="utrecht-link" href={back}>
            {t("sessions:backToSession")}
          </a>
        </p>
      )}
    </>
  );
}
