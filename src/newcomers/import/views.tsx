import type { FieldErrors } from "../../platform/http/forms.ts";
import {
  Alert,
  Button,
  ChoiceField,
  ErrorSummary,
  Form,
  fieldId,
  Heading,
  SelectField,
  Table,
} from "../../platform/views/components.tsx";
import { useView } from "../../platform/views/context.ts";
import { formatMoment } from "../views/labels.ts";
import type { ImportRun } from "./commands.ts";
import { importColumns, importSources, requiredColumns } from "./rules.ts";

/** How many errors the result page lists; the rest are counted. */
export const SHOWN_ERRORS = 200;

function RunStatus({ run }: { run: ImportRun }) {
  const { t } = useView();
  return <>{t(`newcomers:import.status.${run.status}`, { defaultValue: run.status })}</>;
}

/** The columns of a source's file, for the documentation on the upload page. */
function ColumnTable(props: { source: (typeof importSources)[number] }) {
  const { t } = useView();
  const required = requiredColumns[props.source];
  return (
    <Table
      caption={t("newcomers:import.columnsCaption", {
        source: t(`newcomers:import.sources.${props.source}`),
      })}
      head={[
        t("newcomers:import.column"),
        t("newcomers:import.meaning"),
        t("newcomers:import.required"),
      ]}
      rows={Object.keys(importColumns).map((column) => [
        <code key="c">{column}</code>,
        t(`newcomers:import.columns.${column}`),
        required.includes(column as keyof typeof importColumns)
          ? t("newcomers:yes")
          : t("newcomers:import.optional"),
      ])}
    />
  );
}

/** The upload form, the file format, and the latest runs. */
export function ImportPage(props: {
  consultants: { id: string; name: string }[];
  runs: ImportRun[];
  values?: Record<string, unknown>;
  errors?: FieldErrors | undefined;
}) {
  const { t, locale } = useView();
  const v = props.values ?? { source: "duo" };
  const fileError = props.errors?.file;
  const id = fieldId("file");
  return (
    <>
      <Heading>{t("newcomers:import.title")}</Heading>
      <ErrorSummary errors={props.errors} />
      <p>{t("newcomers:import.intro")}</p>
      <Form
        action="/nieuwkomers/importeren"
        enctype="multipart/form-data"
        aria-label={t("newcomers:import.title")}
      >
        <ChoiceField
          name="source"
          legend={t("newcomers:import.source")}
          type="radio"
          value={v.source as string | undefined}
          errors={props.errors}
          options={importSources.map((s) => ({
            value: s,
            label: t(`newcomers:import.sources.${s}`),
          }))}
        />
        <div
          class={`utrecht-form-field koers-field${fileError ? " utrecht-form-field--invalid" : ""}`}
        >
          <div class="utrecht-form-field__label">
            <label class="utrecht-form-label" for={id}>
              {t("newcomers:import.file")}
            </label>
          </div>
          <div class="utrecht-form-field-description" id={`${id}-hint`}>
            {t("newcomers:import.fileHint")}
          </div>
          {fileError && (
            <div class="utrecht-form-field-error-message" id={`${id}-error`}>
              {fileError}
            </div>
          )}
          <div class="utrecht-form-field__input">
            <input
              class="utrecht-textbox utrecht-textbox--html-input"
              type="file"
              id={id}
              name="file"
              accept=".csv,text/csv"
              aria-describedby={`${id}-hint${fileError ? ` ${id}-error` : ""}`}
              aria-invalid={fileError ? "true" : undefined}
            />
          </div>
        </div>
        <SelectField
          name="assignTo"
          label={t("newcomers:import.assignTo")}
          hint={t("newcomers:import.assignToHint")}
          placeholder={t("newcomers:unassigned")}
          value={v.assignTo}
          errors={props.errors}
          options={props.consultants.map((c) => ({ value: c.id, label: c.name }))}
        />
        <Button>{t("newcomers:import.submit")}</Button>
      </Form>
      <section>
        <Heading level={2}>{t("newcomers:import.formatTitle")}</Heading>
        <p>{t("newcomers:import.formatIntro")}</p>
        <ul class="utrecht-unordered-list">
          <li>{t("newcomers:import.formatSeparators")}</li>
          <li>{t("newcomers:import.formatDates")}</li>
          <li>{t("newcomers:import.formatTargetGroups")}</li>
          <li>{t("newcomers:import.formatMatching")}</li>
          <li>{t("newcomers:import.formatAllOrNothing")}</li>
        </ul>
        <p>
          {t("newcomers:import.example")}{" "}
          <code>
            bsn;achternaam;voorvoegsel;voornamen;geboortedatum;doelgroep;datum_kennisgeving;datum_start_plicht
          </code>
        </p>
        {importSources.map((s) => (
          <ColumnTable key={s} source={s} />
        ))}
      </section>
      {props.runs.length > 0 && (
        <section>
          <Heading level={2}>{t("newcomers:import.recent")}</Heading>
          <Table
            caption={t("newcomers:import.recentCaption")}
            head={[
              t("newcomers:import.when"),
              t("newcomers:import.file"),
              t("newcomers:import.source"),
              t("newcomers:import.statusLabel"),
            ]}
            rows={props.runs.map((r) => [
              formatMoment(locale, r.createdAt),
              <a key="f" class="utrecht-link" href={`/nieuwkomers/importeren/${r.id}`}>
                {r.fileName}
              </a>,
              t(`newcomers:import.sources.${r.source}`, { defaultValue: r.source }),
              <RunStatus key="s" run={r} />,
            ])}
          />
        </section>
      )}
    </>
  );
}

/** One run: progress while it is busy (the page refreshes itself), then the result or the errors. */
export function ImportRunPage(props: { run: ImportRun; interrupted: boolean }) {
  const { t, locale } = useView();
  const { run } = props;
  const errors = run.errors;
  const busy = run.status === "bezig" && !props.interrupted;
  return (
    <>
      <Heading>{t("newcomers:import.runTitle", { file: run.fileName })}</Heading>
      <p>
        {t("newcomers:import.runMeta", {
          source: t(`newcomers:import.sources.${run.source}`, { defaultValue: run.source }),
          moment: formatMoment(locale, run.createdAt),
        })}
      </p>
      {busy && (
        <Alert type="info">
          <p>
            {t("newcomers:import.busy", { processed: run.processedRows, total: run.totalRows })}
          </p>
          <progress
            max={run.totalRows}
            value={run.processedRows}
            aria-label={t("newcomers:import.progress")}
          >
            {run.processedRows} / {run.totalRows}
          </progress>
          <p>
            <a class="utrecht-link" href={`/nieuwkomers/importeren/${run.id}`}>
              {t("newcomers:import.refresh")}
            </a>
          </p>
        </Alert>
      )}
      {props.interrupted && (
        <Alert type="error">
          <p>{t("newcomers:import.errors.interrupted")}</p>
        </Alert>
      )}
      {run.status === "klaar" && (
        <Alert type="ok">
          <p>
            {t("newcomers:import.done", {
              total: run.totalRows,
              created: run.createdCount,
              matched: run.totalRows - run.createdCount,
            })}
          </p>
        </Alert>
      )}
      {run.status === "afgewezen" && (
        <Alert type="error">
          <p>{t("newcomers:import.refused", { count: errors.length })}</p>
        </Alert>
      )}
      {run.status === "mislukt" && (
        <Alert type="error">
          <p>{t("newcomers:import.failed")}</p>
        </Alert>
      )}
      {errors.length > 0 && (
        <Table
          caption={t("newcomers:import.errorsCaption")}
          head={[
            t("newcomers:import.row"),
            t("newcomers:import.column"),
            t("newcomers:import.problem"),
          ]}
          rows={errors
            .slice(0, SHOWN_ERRORS)
            .map((e) => [
              String(e.row || ""),
              e.field ? <code key="f">{e.field}</code> : "",
              t(e.message),
            ])}
        />
      )}
      {errors.length > SHOWN_ERRORS && (
        <p>{t("newcomers:import.moreErrors", { count: errors.length - SHOWN_ERRORS })}</p>
      )}
      <p class="koers-actions">
        <a class="utrecht-link" href="/nieuwkomers/importeren">
          {t("newcomers:import.again")}
        </a>
        <a class="utrecht-link" href="/caseload">
          {t("newcomers:import.toCaseload")}
        </a>
      </p>
    </>
  );
}
