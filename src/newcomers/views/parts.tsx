import type { ComponentChildren } from "preact";
import type { FieldErrors } from "../../platform/http/forms.ts";
import {
  Alert,
  Button,
  ChoiceField,
  ErrorSummary,
  Form,
  Heading,
  SelectField,
  Table,
  TextArea,
  TextField,
} from "../../platform/views/components.tsx";
import { ConflictComparison, type ConflictRow } from "../../platform/views/conflict.tsx";
import { useView } from "../../platform/views/context.ts";
import { manualKeyDateSources, spokenLanguageCodes } from "../input.ts";
import { displayName, keyDateClasses } from "../presenter.ts";
import type { KeyDateView, NewcomerFile } from "../queries.ts";
import { todayInNetherlands } from "../rules.ts";
import { householdRelation, keyDateKinds, languageLevel } from "../schema.ts";
import { formatDate, formatMoment, spokenLanguageName } from "./labels.ts";
import { DeadlinesSection, HouseholdTable } from "./pages.tsx";

/** What a part page shows after a refused form: the input kept, the errors, or a conflict. */
export interface FormState {
  /** Which form on the page the state belongs to. */
  form?: string;
  values?: Record<string, unknown>;
  errors?: FieldErrors | undefined;
  conflict?: { rows: ConflictRow[] } | undefined;
}

const stateFor = (state: FormState | undefined, form: string) =>
  state?.form === form ? state : undefined;

/** The frame of every part page: whose record, a way back, the errors of a refused form. */
function PartShell(props: {
  file: NewcomerFile;
  title: string;
  state?: FormState | undefined;
  children: ComponentChildren;
}) {
  const { t } = useView();
  const n = props.file.newcomer;
  return (
    <>
      <p>
        <a class="utrecht-link" href={`/nieuwkomers/${n.id}`}>
          {t("newcomers:parts.back", { name: displayName(n) })}
        </a>
      </p>
      <Heading>{t("newcomers:parts.title", { part: props.title, name: displayName(n) })}</Heading>
      <ErrorSummary errors={props.state?.errors} />
      {props.state?.conflict && <ConflictComparison rows={props.state.conflict.rows} />}
      {props.children}
    </>
  );
}

/** A button that posts nothing but the CSRF token (remove, end). */
function ActionButton(props: { action: string; label: string; danger?: boolean }) {
  return (
    <Form action={props.action} class="koers-inline-form">
      <Button variant="secondary" {...(props.danger ? { hint: "danger" as const } : {})}>
        {props.label}
      </Button>
    </Form>
  );
}

export function LanguagesPage(props: { file: NewcomerFile; state?: FormState | undefined }) {
  const { t, locale } = useView();
  const { file } = props;
  const base = `/nieuwkomers/${file.newcomer.id}/talen`;
  const state = stateFor(props.state, "add");
  const v = state?.values ?? {};
  return (
    <PartShell file={file} title={t("newcomers:languages.title")} state={props.state}>
      {file.languages.length === 0 ? (
        <p>{t("newcomers:languages.empty")}</p>
      ) : (
        <Table
          caption={t("newcomers:languages.caption")}
          head={[
            t("newcomers:languages.language"),
            t("newcomers:languages.level"),
            t("newcomers:actions"),
          ]}
          rows={file.languages.map((l) => [
            spokenLanguageName(locale, l.language),
            t(`newcomers:languageLevels.${l.level}`),
            <ActionButton
              key="remove"
              action={`${base}/${l.id}/verwijderen`}
              label={t("newcomers:languages.remove", {
                language: spokenLanguageName(locale, l.language),
              })}
            />,
          ])}
        />
      )}
      <Heading level={2}>{t("newcomers:languages.add")}</Heading>
      <Form action={base} aria-label={t("newcomers:languages.add")}>
        <SelectField
          name="language"
          label={t("newcomers:languages.language")}
          placeholder=""
          value={v.language}
          errors={state?.errors}
          options={spokenLanguageCodes
            .map((code) => ({ value: code, label: spokenLanguageName(locale, code) }))
            .sort((a, b) => a.label.localeCompare(b.label, locale))}
        />
        <ChoiceField
          name="level"
          legend={t("newcomers:languages.level")}
          type="radio"
          value={v.level as string | undefined}
          errors={state?.errors}
          options={languageLevel.enumValues.map((l) => ({
            value: l,
            label: t(`newcomers:languageLevels.${l}`),
          }))}
        />
        <Button>{t("newcomers:languages.addButton")}</Button>
      </Form>
    </PartShell>
  );
}

export function HouseholdPage(props: { file: NewcomerFile; state?: FormState | undefined }) {
  const { t } = useView();
  const { file } = props;
  const base = `/nieuwkomers/${file.newcomer.id}/huishouden`;
  const state = stateFor(props.state, "add");
  const v = state?.values ?? {};
  const nameOf = (id: string) => file.household.find((m) => m.id === id)?.name ?? "";
  return (
    <PartShell file={file} title={t("newcomers:household.title")} state={props.state}>
      <HouseholdTable
        file={file}
        actions={(id) => (
          <ActionButton
            action={`${base}/${id}/verwijderen`}
            label={t("newcomers:household.remove", { name: nameOf(id) })}
          />
        )}
      />
      <Heading level={2}>{t("newcomers:household.add")}</Heading>
      <Form action={base} aria-label={t("newcomers:household.add")}>
        <TextField
          name="name"
          label={t("newcomers:household.name")}
          value={v.name}
          errors={state?.errors}
          autocomplete="off"
          required
        />
        <SelectField
          name="relation"
          label={t("newcomers:household.relation")}
          placeholder=""
          value={v.relation}
          errors={state?.errors}
          options={householdRelation.enumValues.map((r) => ({
            value: r,
            label: t(`newcomers:relations.${r}`),
          }))}
        />
        <TextField
          name="birthDate"
          type="date"
          label={t("newcomers:household.birthDate")}
          value={v.birthDate}
          errors={state?.errors}
        />
        <TextField
          name="linkedBsn"
          label={t("newcomers:household.linkedBsn")}
          hint={t("newcomers:household.linkedBsnHint")}
          value={v.linkedBsn}
          errors={state?.errors}
          inputmode="numeric"
          autocomplete="off"
          dir="ltr"
        />
        <Button>{t("newcomers:household.addButton")}</Button>
      </Form>
    </PartShell>
  );
}

/** One row of a key date's history: struck through when withdrawn, with the reason. */
function HistoryDate(props: { row: KeyDateView; current: boolean }) {
  const { t, locale } = useView();
  const { row } = props;
  if (row.withdrawnAt)
    return (
      <>
        <del>{formatDate(locale, row.date)}</del>{" "}
        <span>
          {t("newcomers:keyDates.withdrawnOn", {
            moment: formatMoment(locale, row.withdrawnAt),
            reason: row.withdrawnReason ?? "",
          })}
        </span>
      </>
    );
  return (
    <>
      {formatDate(locale, row.date)}
      {props.current && <strong> ({t("newcomers:keyDates.current")})</strong>}
    </>
  );
}

export function KeyDatesPage(props: {
  file: NewcomerFile;
  canEdit: boolean;
  /** The kind the "record" form starts with (a correction link preselects it). */
  kind?: string | undefined;
  state?: FormState | undefined;
}) {
  const { t, locale } = useView();
  const { file } = props;
  const id = file.newcomer.id;
  const visibleKinds = keyDateKinds.filter((k) =>
    file.newcomer.dataClasses.includes(keyDateClasses[k]),
  );
  const record = stateFor(props.state, "record");
  const extension = stateFor(props.state, "extension");
  const rv = record?.values ?? { kind: props.kind, source: "consulent" };
  const ev = extension?.values ?? { decidedOn: todayInNetherlands() };
  return (
    <PartShell file={file} title={t("newcomers:keyDates.title")} state={props.state}>
      <DeadlinesSection file={file} />
      {file.firstPip?.from === "plan" && (
        <Alert type="info">
          <p>{t("newcomers:keyDates.firstPipFromPlan")}</p>
        </Alert>
      )}
      {visibleKinds.map((kind) => {
        const rows = file.keyDates.filter((d) => d.kind === kind);
        const current = file.current[kind];
        return (
          <section key={kind}>
            <Heading level={2}>{t(`newcomers:keyDateKinds.${kind}`)}</Heading>
            {rows.length === 0 ? (
              <p>{t("newcomers:keyDates.none")}</p>
            ) : (
              <Table
                caption={t("newcomers:keyDates.historyCaption", {
                  kind: t(`newcomers:keyDateKinds.${kind}`),
                })}
                head={[
                  t("newcomers:keyDates.date"),
                  t("newcomers:keyDates.source"),
                  t("newcomers:keyDates.note"),
                  t("newcomers:keyDates.recorded"),
                  ...(props.canEdit ? [t("newcomers:actions")] : []),
                ]}
                rows={rows.map((row) => [
                  <HistoryDate key="date" row={row} current={row.id === current?.id} />,
                  t(`newcomers:sources.${row.source}`),
                  row.note ?? "",
                  `${formatMoment(locale, row.recordedAt)}${row.recordedByName ? `, ${row.recordedByName}` : ""}`,
                  ...(props.canEdit
                    ? [
                        row.withdrawnAt ? (
                          ""
                        ) : (
                          <a
                            key="withdraw"
                            class="utrecht-link"
                            href={`/nieuwkomers/${id}/datums/${row.id}/intrekken`}
                          >
                            {t("newcomers:keyDates.withdraw")}
                          </a>
                        ),
                      ]
                    : []),
                ])}
              />
            )}
            {props.canEdit && (
              <p>
                <a class="utrecht-link" href={`/nieuwkomers/${id}/datums?soort=${kind}#vastleggen`}>
                  {current
                    ? t("newcomers:keyDates.correct", { kind: t(`newcomers:keyDateKinds.${kind}`) })
                    : t("newcomers:keyDates.recordKind", {
                        kind: t(`newcomers:keyDateKinds.${kind}`),
                      })}
                </a>
              </p>
            )}
          </section>
        );
      })}
      {props.canEdit && (
        <section>
          <Heading level={2}>
            <span id="vastleggen">{t("newcomers:keyDates.recordTitle")}</span>
          </Heading>
          <p>{t("newcomers:keyDates.recordIntro")}</p>
          <Form
            action={`/nieuwkomers/${id}/datums`}
            aria-label={t("newcomers:keyDates.recordTitle")}
          >
            <SelectField
              name="kind"
              label={t("newcomers:keyDates.kind")}
              placeholder=""
              value={rv.kind}
              errors={record?.errors}
              options={visibleKinds.map((k) => ({
                value: k,
                label: t(`newcomers:keyDateKinds.${k}`),
              }))}
            />
            <TextField
              name="date"
              type="date"
              label={t("newcomers:keyDates.date")}
              value={rv.date}
              errors={record?.errors}
            />
            <SelectField
              name="source"
              label={t("newcomers:keyDates.source")}
              value={rv.source}
              errors={record?.errors}
              options={manualKeyDateSources.map((s) => ({
                value: s,
                label: t(`newcomers:sources.${s}`),
              }))}
            />
            <TextField
              name="note"
              label={t("newcomers:keyDates.note")}
              hint={t("newcomers:keyDates.noteHint")}
              value={rv.note}
              errors={record?.errors}
            />
            <Button>{t("newcomers:keyDates.recordButton")}</Button>
          </Form>
        </section>
      )}
      <section>
        <Heading level={2}>{t("newcomers:extensions.title")}</Heading>
        {file.extensions.length === 0 ? (
          <p>{t("newcomers:extensions.none")}</p>
        ) : (
          <Table
            caption={t("newcomers:extensions.caption")}
            head={[
              t("newcomers:extensions.decidedOn"),
              t("newcomers:extensions.months"),
              t("newcomers:extensions.reason"),
            ]}
            rows={file.extensions.map((e) => [
              formatDate(locale, e.decidedOn),
              t("newcomers:extensions.monthsValue", { count: e.months }),
              e.reason,
            ])}
          />
        )}
        {props.canEdit && (
          <Form
            action={`/nieuwkomers/${id}/verlengingen`}
            aria-label={t("newcomers:extensions.add")}
          >
            <Heading level={3}>{t("newcomers:extensions.add")}</Heading>
            <TextField
              name="months"
              type="number"
              label={t("newcomers:extensions.months")}
              value={ev.months}
              errors={extension?.errors}
              inputmode="numeric"
            />
            <TextArea
              name="reason"
              label={t("newcomers:extensions.reason")}
              hint={t("newcomers:extensions.reasonHint")}
              value={ev.reason}
              errors={extension?.errors}
              rows={3}
            />
            <TextField
              name="decidedOn"
              type="date"
              label={t("newcomers:extensions.decidedOn")}
              value={ev.decidedOn}
              errors={extension?.errors}
            />
            <Button>{t("newcomers:extensions.addButton")}</Button>
          </Form>
        )}
      </section>
    </PartShell>
  );
}

/** Asks why a key date is withdrawn before marking it (it stays in the history). */
export function WithdrawKeyDatePage(props: {
  file: NewcomerFile;
  row: KeyDateView;
  state?: FormState | undefined;
}) {
  const { t, locale } = useView();
  const { file, row } = props;
  const v = props.state?.values ?? {};
  return (
    <PartShell file={file} title={t("newcomers:keyDates.withdrawTitle")} state={props.state}>
      <p>
        {t("newcomers:keyDates.withdrawIntro", {
          kind: t(`newcomers:keyDateKinds.${row.kind}`),
          date: formatDate(locale, row.date),
          source: t(`newcomers:sources.${row.source}`),
        })}
      </p>
      <Form
        action={`/nieuwkomers/${file.newcomer.id}/datums/${row.id}/intrekken`}
        aria-label={t("newcomers:keyDates.withdrawTitle")}
      >
        <TextField
          name="reason"
          label={t("newcomers:keyDates.withdrawReason")}
          hint={t("newcomers:keyDates.withdrawReasonHint")}
          value={v.reason}
          errors={props.state?.errors}
          required
        />
        <Button hint="danger">{t("newcomers:keyDates.withdrawButton")}</Button>
      </Form>
    </PartShell>
  );
}

export function PeoplePage(props: {
  file: NewcomerFile;
  canEdit: boolean;
  canTransfer: boolean;
  consultants: { id: string; name: string }[];
  keyPersons: { id: string; name: string }[];
  partners: { id: string; name: string }[];
  state?: FormState | undefined;
}) {
  const { t, locale } = useView();
  const { file } = props;
  const n = file.newcomer;
  const base = `/nieuwkomers/${n.id}`;
  const transfer = stateFor(props.state, "transfer");
  const involve = stateFor(props.state, "involve");
  const tv = transfer?.values ?? {};
  const iv = involve?.values ?? { since: todayInNetherlands(), role: "sleutelpersoon" };
  const colleagues = props.consultants.filter((c) => c.id !== n.assignedConsultant?.id);
  return (
    <PartShell file={file} title={t("newcomers:people.title")} state={props.state}>
      <section>
        <Heading level={2}>{t("newcomers:people.assignment")}</Heading>
        <p>
          {n.assignedConsultant
            ? t("newcomers:people.assignedTo", { name: n.assignedConsultant.name })
            : t("newcomers:people.nobody")}
        </p>
        {file.assignments.length > 0 && (
          <Table
            caption={t("newcomers:people.historyCaption")}
            head={[
              t("newcomers:people.when"),
              t("newcomers:fields.assignedConsultant"),
              t("newcomers:people.by"),
              t("newcomers:people.note"),
            ]}
            rows={file.assignments.map((a) => [
              formatMoment(locale, a.assignedAt),
              a.consultantName,
              a.assignedByName ?? "",
              a.note ?? "",
            ])}
          />
        )}
        {props.canTransfer && (
          <Form action={`${base}/overdragen`} aria-label={t("newcomers:people.transfer")}>
            <Heading level={3}>{t("newcomers:people.transfer")}</Heading>
            <input type="hidden" name="version" value={String(tv.version ?? n.version)} />
            <SelectField
              name="consultantId"
              label={t("newcomers:people.transferTo")}
              placeholder=""
              value={tv.consultantId}
              errors={transfer?.errors}
              options={colleagues.map((c) => ({ value: c.id, label: c.name }))}
            />
            <TextArea
              name="note"
              label={t("newcomers:people.note")}
              hint={t("newcomers:people.noteHint")}
              value={tv.note}
              errors={transfer?.errors}
              rows={3}
            />
            <Button>{t("newcomers:people.transferButton")}</Button>
          </Form>
        )}
      </section>
      <section>
        <Heading level={2}>{t("newcomers:people.involved")}</Heading>
        <p>{t("newcomers:people.consentNote")}</p>
        {file.involvements.length === 0 ? (
          <p>{t("newcomers:people.noneInvolved")}</p>
        ) : (
          <Table
            caption={t("newcomers:people.involvedCaption")}
            head={[
              t("newcomers:people.role"),
              t("newcomers:people.name"),
              t("newcomers:people.since"),
              t("newcomers:people.until"),
              ...(props.canEdit ? [t("newcomers:actions")] : []),
            ]}
            rows={file.involvements.map((i) => [
              t(`newcomers:involvementRoles.${i.role}`),
              `${i.name}${i.partnerName && i.partnerName !== i.name ? ` (${i.partnerName})` : ""}`,
              formatDate(locale, i.since),
              i.until ? formatDate(locale, i.until) : "",
              ...(props.canEdit
                ? [
                    i.until ? (
                      ""
                    ) : (
                      <ActionButton
                        key="end"
                        action={`${base}/betrokkenen/${i.id}/beeindigen`}
                        label={t("newcomers:people.end", { name: i.name })}
                      />
                    ),
                  ]
                : []),
            ])}
          />
        )}
        {props.canEdit && (
          <Form action={`${base}/betrokkenen`} aria-label={t("newcomers:people.involve")}>
            <Heading level={3}>{t("newcomers:people.involve")}</Heading>
            <ChoiceField
              name="role"
              legend={t("newcomers:people.role")}
              type="radio"
              value={iv.role as string | undefined}
              errors={involve?.errors}
              options={[
                {
                  value: "sleutelpersoon",
                  label: t("newcomers:involvementRoles.sleutelpersoon"),
                  hint: t("newcomers:people.keyPersonHint"),
                },
                {
                  value: "ketenpartner",
                  label: t("newcomers:involvementRoles.ketenpartner"),
                  hint: t("newcomers:people.partnerHint"),
                },
              ]}
            />
            <SelectField
              name="accountId"
              label={t("newcomers:people.keyPersonAccount")}
              placeholder={t("newcomers:people.noAccount")}
              value={iv.accountId}
              errors={involve?.errors}
              options={props.keyPersons.map((k) => ({ value: k.id, label: k.name }))}
            />
            <SelectField
              name="partnerOrganisationId"
              label={t("newcomers:people.partnerOrganisation")}
              placeholder=""
              value={iv.partnerOrganisationId}
              errors={involve?.errors}
              options={props.partners.map((p) => ({ value: p.id, label: p.name }))}
            />
            <TextField
              name="name"
              label={t("newcomers:people.name")}
              hint={t("newcomers:people.nameHint")}
              value={iv.name}
              errors={involve?.errors}
              autocomplete="off"
            />
            <TextField
              name="since"
              type="date"
              label={t("newcomers:people.since")}
              value={iv.since}
              errors={involve?.errors}
            />
            <TextField
              name="remark"
              label={t("newcomers:people.note")}
              value={iv.remark}
              errors={involve?.errors}
            />
            <Button>{t("newcomers:people.involveButton")}</Button>
          </Form>
        )}
      </section>
    </PartShell>
  );
}
