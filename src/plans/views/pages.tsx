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
import { useView } from "../../platform/views/context.ts";
import type { CompareRow } from "../compare.ts";
import type { PlanFile, PresentedPlanVersion } from "../queries.ts";
import { DataList, formatDate, newcomerName, planPath, Row, versionPath } from "./format.tsx";
import { AdviceExplanation, PlanContentView } from "./plan-content.tsx";

/** What the actor may do here: the views only hide controls, the routes decide. */
export interface PlanPermissions {
  edit: boolean;
  set: boolean;
  legalRemedy: boolean;
}

function BackLinks(props: { newcomerId: string; toPlan?: boolean }) {
  const { t } = useView();
  return (
    <p class="utrecht-paragraph">
      <a class="utrecht-link" href={`/nieuwkomers/${props.newcomerId}`}>
        {t("plans:backToRecord")}
      </a>
      {props.toPlan && (
        <>
          {" · "}
          <a class="utrecht-link" href={planPath(props.newcomerId)}>
            {t("plans:backToPlan")}
          </a>
        </>
      )}
    </p>
  );
}

function DocumentLinks(props: { newcomerId: string; number: number }) {
  const { t } = useView();
  return (
    <p class="utrecht-paragraph koers-actions">
      <a class="utrecht-link" href={versionPath(props.newcomerId, props.number)}>
        {t("plans:versions.view", { n: props.number })}
      </a>
      {" · "}
      <a class="utrecht-link" href={versionPath(props.newcomerId, props.number, "/afdrukken")}>
        {t("plans:versions.print", { n: props.number })}
      </a>
      {" · "}
      <a
        class="utrecht-link"
        href={versionPath(props.newcomerId, props.number, "/pdf")}
        type="application/pdf"
      >
        {t("plans:versions.pdf", { n: props.number })}
      </a>
    </p>
  );
}

/** The status of the plan at a glance: where it stands, and the term's dates. */
function Standing(props: { file: PlanFile }) {
  const { t, locale } = useView();
  const { file } = props;
  const latest = file.draft ?? file.current;
  return (
    <DataList>
      <Row label={t("plans:fields.status")}>
        {latest
          ? t("plans:versions.numbered", {
              n: latest.number,
              status: t(`plans:status.${latest.status}`),
            })
          : t("plans:noPlan")}
      </Row>
      {file.current && (
        <Row label={t("plans:fields.inForce")}>
          {t("plans:versions.setOn", {
            n: file.current.number,
            date: formatDate(locale, file.current.setOn),
          })}
        </Row>
      )}
      {file.term && (
        <>
          <Row label={t("plans:fields.termStart")}>{formatDate(locale, file.term.start)}</Row>
          <Row label={t("plans:fields.termEnd")}>
            {formatDate(locale, file.term.end)}
            {file.term.extensionsMonths > 0 &&
              ` (${t("plans:extended", { count: file.term.extensionsMonths })})`}
          </Row>
          <Row label={t("plans:fields.routeChangeUntil")}>
            {formatDate(locale, file.term.routeChangeUntil)}
          </Row>
        </>
      )}
      {file.plan?.firstSetOn && (
        <Row label={t("plans:fields.legalRemedy")}>
          {t(`plans:legalRemedy.${file.plan.legalRemedy}`)}
          {file.plan.legalRemedyOn && `, ${formatDate(locale, file.plan.legalRemedyOn)}`}
          {file.plan.legalRemedyNote && ` — ${file.plan.legalRemedyNote}`}
        </Row>
      )}
    </DataList>
  );
}

/** The version being prepared, with the next step of its lifecycle. */
function DraftSection(props: {
  file: PlanFile;
  draft: PresentedPlanVersion;
  can: PlanPermissions;
  errors?: FieldErrors | undefined;
  values: Record<string, unknown>;
  today: string;
}) {
  const { t } = useView();
  const { draft, file } = props;
  const id = file.newcomer.id;
  return (
    <section aria-labelledby="voorbereiding">
      <Heading level={2}>
        <span id="voorbereiding">
          {t("plans:draft.title", { n: draft.number, status: t(`plans:status.${draft.status}`) })}
        </span>
      </Heading>
      {draft.changeReason && (
        <p class="utrecht-paragraph">
          {t("plans:fields.changeReason")}: {draft.changeReason}
        </p>
      )}
      <p class="utrecht-paragraph">{t(`plans:draft.next.${draft.status}`)}</p>
      <DocumentLinks newcomerId={id} number={draft.number} />
      {props.can.edit && draft.status === "concept" && (
        <>
          <p class="utrecht-paragraph">
            <a
              class="utrecht-button-link utrecht-button-link--html-a utrecht-button-link--primary-action"
              href={versionPath(id, draft.number, "/bewerken")}
            >
              {t("plans:draft.edit", { n: draft.number })}
            </a>
          </p>
          <Form
            action={versionPath(id, draft.number, "/besproken")}
            aria-label={t("plans:draft.discussTitle")}
          >
            <input type="hidden" name="version" value={String(draft.version)} />
            <TextField
              name="discussedOn"
              type="date"
              label={t("plans:fields.discussedOn")}
              hint={t("plans:draft.discussHint")}
              value={props.values.discussedOn ?? props.today}
              errors={props.errors}
              required
            />
            <Button variant="secondary">{t("plans:draft.discuss")}</Button>
          </Form>
        </>
      )}
      {draft.status === "besproken" && (
        <>
          {props.can.set && (
            <Form
              action={versionPath(id, draft.number, "/vaststellen")}
              aria-label={t("plans:draft.setTitle")}
            >
              <input type="hidden" name="version" value={String(draft.version)} />
              <TextField
                name="setOn"
                type="date"
                label={t("plans:fields.setOn")}
                hint={t(
                  file.plan?.firstSetOn ? "plans:draft.setHintChange" : "plans:draft.setHintFirst",
                )}
                value={props.values.setOn ?? props.today}
                errors={props.errors}
                required
              />
              <Button>{t("plans:draft.set", { n: draft.number })}</Button>
            </Form>
          )}
          {props.can.edit && (
            <Form
              action={versionPath(id, draft.number, "/heropenen")}
              aria-label={t("plans:draft.reopen")}
            >
              <input type="hidden" name="version" value={String(draft.version)} />
              <Button variant="secondary">{t("plans:draft.reopen")}</Button>
            </Form>
          )}
        </>
      )}
    </section>
  );
}

function VersionsTable(props: { file: PlanFile }) {
  const { t, locale } = useView();
  const id = props.file.newcomer.id;
  return (
    <div class="koers-table-scroll">
      <table class="utrecht-table utrecht-table--html-table">
        <caption class="utrecht-table__caption">{t("plans:versions.caption")}</caption>
        <thead class="utrecht-table__header">
          <tr class="utrecht-table__row">
            {["number", "status", "discussedOn", "setOn", "changeReason", "document"].map((k) => (
              <th key={k} class="utrecht-table__header-cell" scope="col">
                {t(`plans:versions.columns.${k}`)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody class="utrecht-table__body">
          {[...props.file.versions].reverse().map((v) => (
            <tr key={v.id} class="utrecht-table__row">
              <td class="utrecht-table__cell">
                <a class="utrecht-link" href={versionPath(id, v.number)}>
                  {t("plans:versions.label", { n: v.number })}
                </a>
              </td>
              <td class="utrecht-table__cell">{t(`plans:status.${v.status}`)}</td>
              <td class="utrecht-table__cell">{formatDate(locale, v.discussedOn)}</td>
              <td class="utrecht-table__cell">{formatDate(locale, v.setOn)}</td>
              <td class="utrecht-table__cell">{v.changeReason ?? ""}</td>
              <td class="utrecht-table__cell">
                <a class="utrecht-link" href={versionPath(id, v.number, "/afdrukken")}>
                  {t("plans:versions.print", { n: v.number })}
                </a>
                {" · "}
                <a
                  class="utrecht-link"
                  href={versionPath(id, v.number, "/pdf")}
                  type="application/pdf"
                >
                  {t("plans:versions.pdf", { n: v.number })}
                </a>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function CompareForm(props: { file: PlanFile; a?: number | undefined; b?: number | undefined }) {
  const { t } = useView();
  const options = props.file.versions.map((v) => ({
    value: String(v.number),
    label: t("plans:versions.numbered", { n: v.number, status: t(`plans:status.${v.status}`) }),
  }));
  const last = props.file.versions.at(-1)?.number ?? 1;
  return (
    <Form
      action={planPath(props.file.newcomer.id, "/vergelijken")}
      method="get"
      aria-label={t("plans:compare.title")}
    >
      <SelectField
        name="a"
        label={t("plans:compare.a")}
        options={options}
        value={String(props.a ?? Math.max(1, last - 1))}
      />
      <SelectField
        name="b"
        label={t("plans:compare.b")}
        options={options}
        value={String(props.b ?? last)}
      />
      <Button variant="secondary">{t("plans:compare.submit")}</Button>
    </Form>
  );
}

/** A newcomer's PIP: where it stands, the version being prepared, the version in force, all versions. */
export function PlanOverviewPage(props: {
  file: PlanFile;
  /** The advice from today's facts, shown before a plan exists. */
  advice?: { route: PresentedPlanVersion["content"]["leerroute"]; reasons: string[] } | undefined;
  intakeKnown: boolean;
  can: PlanPermissions;
  errors?: FieldErrors | undefined;
  values?: Record<string, unknown>;
  today: string;
}) {
  const { t } = useView();
  const { file } = props;
  const id = file.newcomer.id;
  const values = props.values ?? {};
  return (
    <>
      <Heading>{t("plans:title", { name: newcomerName(file.newcomer) })}</Heading>
      <BackLinks newcomerId={id} />
      <ErrorSummary errors={props.errors} />
      <Standing file={file} />

      {!file.plan && (
        <>
          {props.advice && (
            <AdviceExplanation route={props.advice.route} reasons={props.advice.reasons} />
          )}
          {!props.intakeKnown && (
            <Alert type="info">
              <p class="utrecht-paragraph">{t("plans:advice.noIntake")}</p>
            </Alert>
          )}
          {!file.newcomer.targetGroup ? (
            <Alert type="warning">
              <p class="utrecht-paragraph">
                {t("plans:errors.targetGroupUnknown")}{" "}
                <a class="utrecht-link" href={`/nieuwkomers/${id}/bewerken`}>
                  {t("plans:editRecord")}
                </a>
              </p>
            </Alert>
          ) : (
            props.can.edit && (
              <Form action={planPath(id)} aria-label={t("plans:start")}>
                <Button>{t("plans:start")}</Button>
              </Form>
            )
          )}
        </>
      )}

      {file.draft && (
        <DraftSection
          file={file}
          draft={file.draft}
          can={props.can}
          errors={props.errors}
          values={values}
          today={props.today}
        />
      )}

      {file.current && (
        <section aria-labelledby="geldend">
          <Heading level={2}>
            <span id="geldend">{t("plans:current.title", { n: file.current.number })}</span>
          </Heading>
          <DocumentLinks newcomerId={id} number={file.current.number} />
          {!file.draft && props.can.edit && (
            <Form action={planPath(id, "/wijzigen")} aria-label={t("plans:change.title")}>
              <TextArea
                name="changeReason"
                label={t("plans:fields.changeReason")}
                hint={t("plans:change.hint")}
                value={values.changeReason}
                errors={props.errors}
                rows={3}
                required
              />
              <Button variant="secondary">{t("plans:change.submit")}</Button>
            </Form>
          )}
          <PlanContentView content={file.current.content} />
        </section>
      )}

      {file.versions.length > 0 && (
        <section aria-labelledby="versies">
          <Heading level={2}>
            <span id="versies">{t("plans:versions.title")}</span>
          </Heading>
          <VersionsTable file={file} />
          {file.versions.length > 1 && <CompareForm file={file} />}
        </section>
      )}

      {file.plan?.firstSetOn && props.can.legalRemedy && (
        <section aria-labelledby="rechtsmiddel">
          <Heading level={2}>
            <span id="rechtsmiddel">{t("plans:legalRemedy.title")}</span>
          </Heading>
          <p class="utrecht-paragraph">{t("plans:legalRemedy.intro")}</p>
          <Form action={planPath(id, "/rechtsmiddel")} aria-label={t("plans:legalRemedy.title")}>
            <input type="hidden" name="version" value={String(file.plan.version)} />
            <SelectField
              name="legalRemedy"
              label={t("plans:fields.legalRemedy")}
              options={[
                "geen",
                "bezwaar_ingediend",
                "bezwaar_beslist",
                "beroep_ingesteld",
                "beroep_beslist",
              ].map((v) => ({ value: v, label: t(`plans:legalRemedy.${v}`) }))}
              value={values.legalRemedy ?? file.plan.legalRemedy}
              errors={props.errors}
            />
            <TextField
              name="legalRemedyOn"
              type="date"
              label={t("plans:fields.legalRemedyOn")}
              value={values.legalRemedyOn ?? file.plan.legalRemedyOn ?? ""}
              errors={props.errors}
            />
            <TextArea
              name="legalRemedyNote"
              label={t("plans:fields.legalRemedyNote")}
              value={values.legalRemedyNote ?? file.plan.legalRemedyNote ?? ""}
              errors={props.errors}
              rows={3}
            />
            <Button variant="secondary">{t("plans:legalRemedy.submit")}</Button>
          </Form>
        </section>
      )}
    </>
  );
}

/** One version, read-only. */
export function PlanVersionPage(props: { file: PlanFile; version: PresentedPlanVersion }) {
  const { t, locale } = useView();
  const { file, version } = props;
  return (
    <>
      <Heading>
        {t("plans:versionPage.title", {
          n: version.number,
          name: newcomerName(file.newcomer),
        })}
      </Heading>
      <BackLinks newcomerId={file.newcomer.id} toPlan />
      <DataList>
        <Row label={t("plans:fields.status")}>{t(`plans:status.${version.status}`)}</Row>
        {version.discussedOn && (
          <Row label={t("plans:fields.discussedOn")}>{formatDate(locale, version.discussedOn)}</Row>
        )}
        {version.setOn && (
          <Row label={t("plans:fields.setOn")}>{formatDate(locale, version.setOn)}</Row>
        )}
        {version.changeReason && (
          <Row label={t("plans:fields.changeReason")}>{version.changeReason}</Row>
        )}
      </DataList>
      <DocumentLinks newcomerId={file.newcomer.id} number={version.number} />
      <PlanContentView content={version.content} headingLevel={2} />
    </>
  );
}

/** Two versions side by side, field by field; changes marked in words, not only in colour. */
export function PlanComparePage(props: {
  file: PlanFile;
  a: PresentedPlanVersion;
  b: PresentedPlanVersion;
  rows: CompareRow[];
  onlyChanges: boolean;
}) {
  const { t } = useView();
  const { a, b, rows } = props;
  const changed = rows.filter((r) => r.change !== "same").length;
  const shown = props.onlyChanges ? rows.filter((r) => r.change !== "same") : rows;
  const id = props.file.newcomer.id;
  return (
    <>
      <Heading>{t("plans:compare.heading", { a: a.number, b: b.number })}</Heading>
      <BackLinks newcomerId={id} toPlan />
      <CompareForm file={props.file} a={a.number} b={b.number} />
      <p class="utrecht-paragraph" role="status">
        {t("plans:compare.summary", { count: changed })}{" "}
        <a
          class="utrecht-link"
          href={planPath(
            id,
            `/vergelijken?a=${a.number}&b=${b.number}${props.onlyChanges ? "" : "&alleen=wijzigingen"}`,
          )}
        >
          {t(props.onlyChanges ? "plans:compare.showAll" : "plans:compare.showChanges")}
        </a>
      </p>
      <div class="koers-table-scroll">
        <table class="utrecht-table utrecht-table--html-table koers-compare">
          <caption class="utrecht-table__caption">
            {t("plans:compare.caption", { a: a.number, b: b.number })}
          </caption>
          <thead class="utrecht-table__header">
            <tr class="utrecht-table__row">
              <th class="utrecht-table__header-cell" scope="col">
                {t("plans:compare.field")}
              </th>
              <th class="utrecht-table__header-cell" scope="col">
                {t("plans:versions.numbered", {
                  n: a.number,
                  status: t(`plans:status.${a.status}`),
                })}
              </th>
              <th class="utrecht-table__header-cell" scope="col">
                {t("plans:versions.numbered", {
                  n: b.number,
                  status: t(`plans:status.${b.status}`),
                })}
              </th>
              <th class="utrecht-table__header-cell" scope="col">
                {t("plans:compare.change")}
              </th>
            </tr>
          </thead>
          <tbody class="utrecht-table__body">
            {shown.map((r) => (
              <tr key={r.id} class={`utrecht-table__row koers-compare__row--${r.change}`}>
                <th class="utrecht-table__header-cell" scope="row">
                  {r.label}
                </th>
                <td class="utrecht-table__cell">
                  {r.change === "removed" || r.change === "changed" ? <del>{r.a}</del> : r.a}
                </td>
                <td class="utrecht-table__cell">
                  {r.change === "added" || r.change === "changed" ? <ins>{r.b}</ins> : r.b}
                </td>
                <td class="utrecht-table__cell">
                  {r.change === "same" ? (
                    t("plans:compare.changes.same")
                  ) : (
                    <strong>{t(`plans:compare.changes.${r.change}`)}</strong>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
