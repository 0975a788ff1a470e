import type { FieldErrors } from "../../platform/http/forms.ts";
import {
  Button,
  ButtonLink,
  ErrorSummary,
  Form,
  SelectField,
  Table,
  TextArea,
  TextField,
} from "../../platform/views/components.tsx";
import { ConflictComparison, compareValues } from "../../platform/views/conflict.tsx";
import { useView } from "../../platform/views/context.ts";
import type { PresentedAttachment, PresentedConversation } from "../presenter.ts";
import type { ConversationSummary, IntakePage } from "../queries.ts";
import { todayInNetherlands } from "../rules.ts";
import { conversationKind } from "../schema.ts";
import {
  formatDate,
  IntakeHeading,
  intakeUrl,
  useFieldText,
  VersionField,
  YesNoField,
} from "./shared.tsx";

/** Who was there, in a few words: "tolk (Tigrinya), sleutelpersoon, partner". */
function useAttendeesText() {
  const { t } = useView();
  return (c: PresentedConversation): string => {
    const a = c.attendees;
    const parts = [
      a.interpreter?.present &&
        (a.interpreter.language
          ? t("intake:conversations.interpreterIn", { language: a.interpreter.language })
          : t("intake:conversations.interpreter")),
      a.keyPerson?.present && t("intake:conversations.keyPerson"),
      a.partnerPresent === true && t("intake:conversations.partner"),
      a.others,
    ].filter((p): p is string => !!p);
    return parts.length > 0 ? parts.join(", ") : t("intake:conversations.onlyNewcomer");
  };
}

export function ConversationListPage(props: {
  page: IntakePage;
  conversations: ConversationSummary[];
  canUpdate: boolean;
}) {
  const { t, locale } = useView();
  const id = props.page.newcomerId;
  const attendees = useAttendeesText();
  return (
    <>
      <IntakeHeading page={props.page} title={t("intake:parts.conversations")} />
      {props.canUpdate && (
        <p>
          <ButtonLink href={intakeUrl(id, "/gesprekken/nieuw")}>
            {t("intake:conversations.add")}
          </ButtonLink>
        </p>
      )}
      {props.conversations.length === 0 ? (
        <p>{t("intake:conversations.empty")}</p>
      ) : (
        <Table
          caption={t("intake:conversations.caption")}
          head={[
            t("intake:fields.heldOn"),
            t("intake:fields.kind"),
            t("intake:conversations.present"),
            t("intake:conversations.drawings"),
          ]}
          rows={props.conversations.map((c) => [
            <a key="d" class="utrecht-link" href={intakeUrl(id, `/gesprekken/${c.id}`)}>
              {formatDate(locale, c.heldOn)}
            </a>,
            t(`intake:conversations.kinds.${c.kind}`),
            attendees(c),
            String(c.attachmentCount),
          ])}
        />
      )}
    </>
  );
}

/** A stored conversation as the form's values. */
export function conversationValues(c: PresentedConversation): Record<string, unknown> {
  const a = c.attendees;
  return {
    heldOn: c.heldOn,
    kind: c.kind,
    interpreterPresent: a.interpreter?.present ? "ja" : "nee",
    interpreterLanguage: a.interpreter?.language,
    interpreterName: a.interpreter?.name,
    keyPersonPresent: a.keyPerson?.present ? "ja" : "nee",
    keyPersonName: a.keyPerson?.name,
    partnerPresent: a.partnerPresent === undefined ? undefined : a.partnerPresent ? "ja" : "nee",
    others: a.others,
    notes: c.notes,
    version: c.version,
  };
}

export function ConversationFormPage(props: {
  page: IntakePage;
  conversationId?: string | undefined;
  values: Record<string, unknown>;
  errors?: FieldErrors | undefined;
  conflict?: PresentedConversation | undefined;
  attachments?: PresentedAttachment[] | undefined;
  canUpdate: boolean;
}) {
  const { t, locale } = useView();
  const { values: v, errors } = props;
  const id = props.page.newcomerId;
  const cid = props.conversationId;
  const text = useFieldText();
  const title = cid
    ? t("intake:conversations.titleOn", { date: formatDate(locale, String(v.heldOn ?? "")) })
    : t("intake:conversations.add");
  const action = intakeUrl(id, cid ? `/gesprekken/${cid}` : "/gesprekken/nieuw");
  return (
    <>
      <IntakeHeading page={props.page} title={title} />
      <ErrorSummary errors={errors} />
      {props.conflict && (
        <ConflictComparison
          rows={compareValues(
            [
              { name: "heldOn", label: t("intake:fields.heldOn"), show: text.date },
              {
                name: "kind",
                label: t("intake:fields.kind"),
                show: text.choice("intake:conversations.kinds"),
              },
              {
                name: "interpreterPresent",
                label: t("intake:fields.interpreterPresent"),
                show: text.yesNo,
              },
              { name: "interpreterLanguage", label: t("intake:fields.interpreterLanguage") },
              { name: "interpreterName", label: t("intake:fields.interpreterName") },
              {
                name: "keyPersonPresent",
                label: t("intake:fields.keyPersonPresent"),
                show: text.yesNo,
              },
              { name: "keyPersonName", label: t("intake:fields.keyPersonName") },
              {
                name: "partnerPresent",
                label: t("intake:fields.partnerPresent"),
                show: text.yesNo,
              },
              { name: "others", label: t("intake:fields.others") },
              { name: "notes", label: t("intake:fields.notes") },
            ],
            v,
            conversationValues(props.conflict),
          )}
        />
      )}
      {cid && props.canUpdate && (
        <ul class="koers-actions koers-actions--list">
          <li>
            <ButtonLink href={intakeUrl(id, `/gesprekken/${cid}/samen`)}>
              {t("intake:sideBySide.open")}
            </ButtonLink>
          </li>
          <li>
            <ButtonLink variant="secondary" href={intakeUrl(id, `/gesprekken/${cid}/tekening`)}>
              {t("intake:drawing.add")}
            </ButtonLink>
          </li>
        </ul>
      )}
      {props.attachments && props.attachments.length > 0 && (
        <section aria-labelledby="bijlagen">
          <h2 class="utrecht-heading-2" id="bijlagen">
            {t("intake:drawing.listTitle")}
          </h2>
          <ul class="koers-attachments">
            {props.attachments.map((a) => (
              <li key={a.id} class="koers-attachment">
                <img
                  src={intakeUrl(id, `/bijlagen/${a.id}`)}
                  alt={
                    a.mediaType === "image/svg+xml"
                      ? t("intake:drawing.altDrawing", {
                          date: formatDate(locale, String(v.heldOn ?? "")),
                        })
                      : t("intake:drawing.altImage", { name: a.fileName })
                  }
                  class="koers-attachment__image"
                  loading="lazy"
                />
                <p class="koers-muted">{a.fileName}</p>
                {props.canUpdate && (
                  <Form
                    action={intakeUrl(id, `/bijlagen/${a.id}/verwijderen`)}
                    class="koers-inline-form"
                    aria-label={t("intake:drawing.remove", { name: a.fileName })}
                  >
                    <Button variant="secondary" hint="danger">
                      {t("intake:drawing.removeShort")}
                      <span class="koers-visually-hidden">: {a.fileName}</span>
                    </Button>
                  </Form>
                )}
              </li>
            ))}
          </ul>
        </section>
      )}
      {props.canUpdate && (
        <Form action={action} aria-label={title}>
          {cid && <VersionField value={v.version} />}
          <TextField
            name="heldOn"
            type="date"
            label={t("intake:fields.heldOn")}
            value={v.heldOn ?? todayInNetherlands()}
            errors={errors}
            required
          />
          <SelectField
            name="kind"
            label={t("intake:fields.kind")}
            value={v.kind ?? "intake"}
            errors={errors}
            options={conversationKind.enumValues.map((k) => ({
              value: k,
              label: t(`intake:conversations.kinds.${k}`),
            }))}
          />
          <fieldset class="utrecht-form-fieldset utrecht-form-fieldset--html-fieldset">
            <legend class="utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend">
              {t("intake:conversations.whoWasThere")}
            </legend>
            <YesNoField
              name="interpreterPresent"
              legend={t("intake:fields.interpreterPresent")}
              value={v.interpreterPresent ?? "nee"}
              errors={errors}
            />
            <TextField
              name="interpreterLanguage"
              label={t("intake:fields.interpreterLanguage")}
              hint={t("intake:fields.interpreterLanguageHint")}
              value={v.interpreterLanguage}
              errors={errors}
            />
            <TextField
              name="interpreterName"
              label={t("intake:fields.interpreterName")}
              value={v.interpreterName}
              errors={errors}
            />
            <YesNoField
              name="keyPersonPresent"
              legend={t("intake:fields.keyPersonPresent")}
              value={v.keyPersonPresent ?? "nee"}
              errors={errors}
            />
            <TextField
              name="keyPersonName"
              label={t("intake:fields.keyPersonName")}
              value={v.keyPersonName}
              errors={errors}
            />
            <YesNoField
              name="partnerPresent"
              legend={t("intake:fields.partnerPresent")}
              hint={t("intake:fields.partnerPresentHint")}
              value={v.partnerPresent}
              errors={errors}
            />
            <TextField
              name="others"
              label={t("intake:fields.others")}
              value={v.others}
              errors={errors}
            />
          </fieldset>
          <TextArea
            name="notes"
            label={t("intake:fields.notes")}
            hint={t("intake:fields.notesHint")}
            value={v.notes}
            errors={errors}
            rows={8}
          />
          <Button>{t("intake:save")}</Button>
        </Form>
      )}
    </>
  );
}

/**
 * The sketch pad: with JavaScript (assets/intake-sketch.js) a drawing surface for pointer and
 * touch; without it, or for keyboard users, an image upload. Both post the same multipart form.
 */
export function DrawingPage(props: {
  page: IntakePage;
  conversation: PresentedConversation;
  errors?: FieldErrors | undefined;
  script: string;
}) {
  const { t, locale, nonce } = useView();
  const id = props.page.newcomerId;
  const cid = props.conversation.id;
  const title = t("intake:drawing.title");
  return (
    <>
      <IntakeHeading page={props.page} title={title} />
      <p>
        <a class="utrecht-link" href={intakeUrl(id, `/gesprekken/${cid}`)}>
          {t("intake:drawing.backToConversation", {
            date: formatDate(locale, props.conversation.heldOn),
          })}
        </a>
      </p>
      <ErrorSummary errors={props.errors} />
      <p>{t("intake:drawing.intro")}</p>
      <Form
        action={intakeUrl(id, `/gesprekken/${cid}/tekening`)}
        enctype="multipart/form-data"
        aria-label={title}
      >
        <div class="koers-sketch" data-module="sketch-pad" hidden>
          <h2 class="utrecht-heading-2">{t("intake:drawing.padTitle")}</h2>
          <p class="koers-muted">{t("intake:drawing.padHint")}</p>
          <div class="koers-actions">
            <button
              type="button"
              class="utrecht-button utrecht-button--secondary-action"
              data-sketch="undo"
            >
              {t("intake:drawing.undo")}
            </button>
            <button
              type="button"
              class="utrecht-button utrecht-button--secondary-action"
              data-sketch="clear"
            >
              {t("intake:drawing.clear")}
            </button>
          </div>
          <svg
            class="koers-sketch__surface"
            viewBox="0 0 800 500"
            role="img"
            aria-label={t("intake:drawing.surface")}
            data-sketch="surface"
          />
          <input type="hidden" name="drawing" value="" data-sketch="field" />
        </div>
        <div
          class={`utrecht-form-field koers-field${props.errors?.image ? " utrecht-form-field--invalid" : ""}`}
        >
          <div class="utrecht-form-field__label">
            <label class="utrecht-form-label" for="veld-image">
              {t("intake:drawing.image")}
            </label>
          </div>
          <div class="utrecht-form-field-description" id="veld-image-hint">
            {t("intake:drawing.imageHint")}
          </div>
          {props.errors?.image && (
            <div class="utrecht-form-field-error-message" id="veld-image-error">
              {props.errors.image}
            </div>
          )}
          <div class="utrecht-form-field__input">
            <input
              type="file"
              id="veld-image"
              name="image"
              accept="image/png,image/jpeg"
              class="koers-file"
              aria-describedby={`veld-image-hint${props.errors?.image ? " veld-image-error" : ""}`}
            />
          </div>
        </div>
        <Button>{t("intake:save")}</Button>
      </Form>
      <script nonce={nonce} src={props.script} type="module" />
    </>
  );
}
