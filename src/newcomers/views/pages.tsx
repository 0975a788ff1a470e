import type { ComponentChildren } from "preact";
import type { FieldErrors } from "../../platform/http/forms.ts";
import { languages } from "../../platform/i18n/languages.ts";
import {
  Alert,
  Button,
  ButtonLink,
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
import type { NewcomerDataClass } from "../policy.ts";
import { displayName, keyDateClasses, type PresentedNewcomer } from "../presenter.ts";
import type { NewcomerFile, NewcomerList } from "../queries.ts";
import { todayInNetherlands } from "../rules.ts";
import { keyDateKinds, literacyEnum, targetGroups } from "../schema.ts";
import { formatDate, localeName, spokenLanguageName, yesNoLabel, yesNoValue } from "./labels.ts";

const fullName = (n: PresentedNewcomer) => displayName(n);

export function NewcomerListPage(props: {
  list: NewcomerList;
  query: string;
  canCreate: boolean;
  canImport?: boolean;
  after?: string | undefined;
}) {
  const { t, locale } = useView();
  const { list, query } = props;
  return (
    <>
      <Heading>{t("newcomers:list.title")}</Heading>
      {(props.canCreate || props.canImport) && (
        <p class="koers-actions">
          {props.canCreate && (
            <ButtonLink href="/nieuwkomers/nieuw">{t("newcomers:list.create")}</ButtonLink>
          )}
          {props.canImport && (
            <ButtonLink href="/nieuwkomers/importeren" variant="secondary">
              {t("newcomers:list.import")}
            </ButtonLink>
          )}
        </p>
      )}
      <Form action="/nieuwkomers" method="get" aria-label={t("newcomers:list.searchLabel")}>
        <TextField
          name="zoek"
          type="search"
          label={t("newcomers:list.searchLabel")}
          hint={t("newcomers:list.searchHint")}
          value={query}
        />
        <Button variant="secondary">{t("newcomers:list.search")}</Button>
      </Form>
      {list.items.length === 0 ? (
        <p>{query ? t("newcomers:list.noMatches") : t("newcomers:list.empty")}</p>
      ) : (
        <Table
          caption={
            query ? t("newcomers:list.captionSearch", { query }) : t("newcomers:list.caption")
          }
          head={[
            t("newcomers:fields.name"),
            t("newcomers:fields.birthDate"),
            t("newcomers:fields.assignedConsultant"),
          ]}
          rows={list.items.map((n) => [
            <a key="name" class="utrecht-link" href={`/nieuwkomers/${n.id}`}>
              {fullName(n)}
            </a>,
            formatDate(locale, n.birthDate),
            n.assignedConsultant?.name ?? t("newcomers:unassigned"),
          ])}
        />
      )}
      <nav class="utrecht-pagination" aria-label={t("newcomers:list.pagination")}>
        {props.after && (
          <a
            class="utrecht-pagination__relative-link utrecht-pagination__relative-link--prev"
            href="/nieuwkomers"
          >
            {t("newcomers:list.first")}
          </a>
        )}{" "}
        {list.next && (
          <a
            class="utrecht-pagination__relative-link utrecht-pagination__relative-link--next"
            rel="next"
            href={`/nieuwkomers?na=${list.next}`}
          >
            {t("newcomers:list.next")}
          </a>
        )}
      </nav>
    </>
  );
}

function Row(props: { label: string; children: ComponentChildren }) {
  return (
    <div class="utrecht-data-list__item">
      <dt class="utrecht-data-list__item-key">{props.label}</dt>
      <dd class="utrecht-data-list__item-value utrecht-data-list__item-value--html-dd">
        {props.children}
      </dd>
    </div>
  );
}

function Section(props: { title: string; children: ComponentChildren; more?: ComponentChildren }) {
  return (
    <section>
      <Heading level={2}>{props.title}</Heading>
      <dl class="utrecht-data-list utrecht-data-list--rows">{props.children}</dl>
      {props.more && <p>{props.more}</p>}
    </section>
  );
}

/** A date with "passed" after it when it lies before today. */
function Deadline(props: { date: string | undefined; today: string }) {
  const { t, locale } = useView();
  if (!props.date) return <span class="koers-muted">{t("newcomers:deadlines.unknown")}</span>;
  return (
    <>
      {formatDate(locale, props.date)}
      {props.date < props.today && <strong> ({t("newcomers:deadlines.passed")})</strong>}
    </>
  );
}

/** The deadlines the law derives from the key dates (rules.ts), with where they come from. */
export function DeadlinesSection(props: { file: NewcomerFile }) {
  const { t, locale } = useView();
  const { deadlines, firstPip, current } = props.file;
  const today = todayInNetherlands();
  return (
    <Section title={t("newcomers:deadlines.title")}>
      {firstPip ? (
        <>
          <Row label={t("newcomers:deadlines.firstPip")}>
            {formatDate(locale, firstPip.date)}{" "}
            <span class="koers-muted">
              ({t(`newcomers:deadlines.firstPipFrom.${firstPip.from}`)})
            </span>
          </Row>
          <Row label={t("newcomers:deadlines.term")}>
            {t("newcomers:deadlines.termRange", {
              start: formatDate(locale, deadlines.termStart),
              end: formatDate(locale, deadlines.termEnd),
            })}
            {deadlines.termEnd && deadlines.termEnd < today && (
              <strong> ({t("newcomers:deadlines.passed")})</strong>
            )}
          </Row>
          <Row label={t("newcomers:deadlines.routeChangeLimit")}>
            <Deadline date={deadlines.routeChangeLimit} today={today} />
          </Row>
        </>
      ) : (
        <Row label={t("newcomers:deadlines.pipDeadline")}>
          {current.kennisgeving_duo ? (
            <Deadline date={deadlines.pipDeadline} today={today} />
          ) : (
            <span class="koers-muted">{t("newcomers:deadlines.noNotification")}</span>
          )}
        </Row>
      )}
    </Section>
  );
}

/** One newcomer's record: a section per data class the viewer may see, and a note for the rest. */
export function NewcomerDetailPage(props: {
  file: NewcomerFile;
  canEdit: boolean;
  canTransfer: boolean;
}) {
  const { t, locale } = useView();
  const { file } = props;
  const n = file.newcomer;
  const shows = (dc: NewcomerDataClass) => n.dataClasses.includes(dc);
  const empty = <span class="koers-muted">{t("newcomers:notGiven")}</span>;
  const or = (v: string | null | undefined) => (v ? v : empty);
  const base = `/nieuwkomers/${n.id}`;
  return (
    <>
      <Heading>{fullName(n)}</Heading>
      <nav class="koers-actions" aria-label={t("newcomers:detail.actions")}>
        {props.canEdit && (
          <ButtonLink href={`${base}/bewerken`} variant="secondary">
            {t("newcomers:detail.edit")}
          </ButtonLink>
        )}
        <a class="utrecht-link" href={`${base}/intake`}>
          {t("newcomers:detail.intake")}
        </a>
        <a class="utrecht-link" href={`${base}/pip`}>
          {t("newcomers:detail.pip")}
        </a>
        <a class="utrecht-link" href={`${base}/reacties`}>
          {t("newcomers:detail.reactions")}
        </a>
        <a class="utrecht-link" href={`${base}/voortgang`}>
          {t("newcomers:detail.reviews")}
        </a>
        <a class="utrecht-link" href={`${base}/toestemming`}>
          {t("newcomers:detail.consent")}
        </a>
        <a class="utrecht-link" href={`${base}/uitnodigen`}>
          {t("newcomers:detail.invite")}
        </a>
      </nav>
      {n.closedOn && (
        <Alert type="info">
          <p>
            {t("newcomers:detail.closed", { date: formatDate(locale, n.closedOn) })}
            {n.closedReason ? ` ${n.closedReason}` : ""}
          </p>
        </Alert>
      )}
      {shows("basic") && <DeadlinesSection file={file} />}
      {shows("basic") && (
        <Section title={t("newcomers:classes.basic")}>
          <Row label={t("newcomers:fields.givenNames")}>{n.givenNames}</Row>
          <Row label={t("newcomers:fields.familyNamePrefix")}>{or(n.familyNamePrefix)}</Row>
          <Row label={t("newcomers:fields.familyName")}>{n.familyName}</Row>
          <Row label={t("newcomers:fields.birthDate")}>{or(formatDate(locale, n.birthDate))}</Row>
          <Row label={t("newcomers:fields.countryOfOrigin")}>{or(n.countryOfOrigin)}</Row>
          <Row label={t("newcomers:fields.preferredLanguage")}>
            {localeName(n.preferredLanguage)}
          </Row>
          <Row label={t("newcomers:fields.interpreterNeeded")}>
            {n.interpreterNeeded
              ? `${t("newcomers:yes")}${n.interpreterLanguage ? ` (${n.interpreterLanguage})` : ""}`
              : t("newcomers:no")}
          </Row>
          <Row label={t("newcomers:fields.literacy")}>
            {n.literacy ? t(`newcomers:literacy.${n.literacy}`) : empty}
          </Row>
          <Row label={t("newcomers:fields.latinScript")}>{yesNoLabel(t, n.latinScript)}</Row>
        </Section>
      )}
      {shows("basic") && (
        <Section
          title={t("newcomers:languages.title")}
          more={
            props.canEdit && (
              <a class="utrecht-link" href={`${base}/talen`}>
                {t("newcomers:languages.change")}
              </a>
            )
          }
        >
          {file.languages.length === 0 ? (
            <Row label={t("newcomers:languages.title")}>{empty}</Row>
          ) : (
            file.languages.map((l) => (
              <Row key={l.id} label={spokenLanguageName(locale, l.language)}>
                {t(`newcomers:languageLevels.${l.level}`)}
              </Row>
            ))
          )}
        </Section>
      )}
      {shows("identity") && (
        <Section title={t("newcomers:classes.identity")}>
          <Row label={t("newcomers:fields.bsn")}>{or(n.bsn)}</Row>
        </Section>
      )}
      {shows("contact") && (
        <Section title={t("newcomers:classes.contact")}>
          <Row label={t("newcomers:fields.phone")}>{or(n.phone)}</Row>
          <Row label={t("newcomers:fields.email")}>{or(n.email)}</Row>
          <Row label={t("newcomers:fields.address")}>{or(n.address)}</Row>
          <Row label={t("newcomers:fields.letterLanguage")}>
            {n.letterLanguage ? localeName(n.letterLanguage) : empty}
          </Row>
        </Section>
      )}
      {shows("residence") && (
        <Section title={t("newcomers:classes.residence")}>
          <Row label={t("newcomers:fields.targetGroup")}>
            {n.targetGroup ? t(`newcomers:targetGroups.${n.targetGroup}`) : empty}
          </Row>
          <Row label={t("newcomers:fields.socialAssistance")}>
            {yesNoLabel(t, n.socialAssistance)}
          </Row>
        </Section>
      )}
      {shows("basic") && <CurrentKeyDates file={file} canEdit={props.canEdit} />}
      {shows("basic") && (
        <section>
          <Heading level={2}>{t("newcomers:household.title")}</Heading>
          <HouseholdTable file={file} />
          {props.canEdit && (
            <p>
              <a class="utrecht-link" href={`${base}/huishouden`}>
                {t("newcomers:household.change")}
              </a>
            </p>
          )}
        </section>
      )}
      {shows("basic") && (
        <section>
          <Heading level={2}>{t("newcomers:people.title")}</Heading>
          <dl class="utrecht-data-list utrecht-data-list--rows">
            <Row label={t("newcomers:fields.assignedConsultant")}>
              {n.assignedConsultant?.name ?? t("newcomers:unassigned")}
            </Row>
            {file.involvements
              .filter((i) => !i.until)
              .map((i) => (
                <Row key={i.id} label={t(`newcomers:involvementRoles.${i.role}`)}>
                  {i.name}
                  {i.partnerName && i.partnerName !== i.name ? ` (${i.partnerName})` : ""}
                </Row>
              ))}
          </dl>
          {(props.canEdit || props.canTransfer) && (
            <p>
              <a class="utrecht-link" href={`${base}/betrokkenen`}>
                {t("newcomers:people.change")}
              </a>
            </p>
          )}
        </section>
      )}
      {shows("health") ? (
        <Section title={t("newcomers:classes.health")}>
          <Row label={t("newcomers:fields.healthNotes")}>{or(n.healthNotes)}</Row>
        </Section>
      ) : (
        <Alert type="info">
          <p>{t("newcomers:detail.healthHidden")}</p>
        </Alert>
      )}
    </>
  );
}

/** The current value of each key date the reader may see, with its source. */
export function CurrentKeyDates(props: { file: NewcomerFile; canEdit: boolean }) {
  const { t, locale } = useView();
  const { file } = props;
  return (
    <section>
      <Heading level={2}>{t("newcomers:keyDates.title")}</Heading>
      <Table
        caption={t("newcomers:keyDates.currentCaption")}
        head={[
          t("newcomers:keyDates.kind"),
          t("newcomers:keyDates.date"),
          t("newcomers:keyDates.source"),
        ]}
        rows={keyDateKinds
          .filter((k) => file.newcomer.dataClasses.includes(keyDateClasses[k]))
          .map((kind) => {
            const current = file.current[kind];
            return [
              t(`newcomers:keyDateKinds.${kind}`),
              current ? (
                formatDate(locale, current.date)
              ) : (
                <span class="koers-muted">{t("newcomers:notGiven")}</span>
              ),
              current ? t(`newcomers:sources.${current.source}`) : "",
            ];
          })}
      />
      <p>
        <a class="utrecht-link" href={`/nieuwkomers/${file.newcomer.id}/datums`}>
          {props.canEdit ? t("newcomers:keyDates.change") : t("newcomers:keyDates.history")}
        </a>
      </p>
    </section>
  );
}

export function HouseholdTable(props: {
  file: NewcomerFile;
  actions?: (id: string) => ComponentChildren;
}) {
  const { t, locale } = useView();
  const { household } = props.file;
  if (household.length === 0) return <p>{t("newcomers:household.empty")}</p>;
  return (
    <Table
      caption={t("newcomers:household.caption")}
      head={[
        t("newcomers:household.name"),
        t("newcomers:household.relation"),
        t("newcomers:household.birthDate"),
        t("newcomers:household.ownRecord"),
        ...(props.actions ? [t("newcomers:actions")] : []),
      ]}
      rows={household.map((m) => [
        m.name,
        t(`newcomers:relations.${m.relation}`),
        formatDate(locale, m.birthDate),
        m.linkedNewcomerId ? (
          <a class="utrecht-link" href={`/nieuwkomers/${m.linkedNewcomerId}`}>
            {t("newcomers:household.openRecord", { name: m.name })}
          </a>
        ) : (
          <span class="koers-muted">{t("newcomers:household.notObliged")}</span>
        ),
        ...(props.actions ? [props.actions(m.id)] : []),
      ])}
    />
  );
}

function Fieldset(props: { legend: string; children: ComponentChildren }) {
  return (
    <fieldset class="utrecht-form-fieldset utrecht-form-fieldset--html-fieldset">
      <legend class="utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend">
        {props.legend}
      </legend>
      {props.children}
    </fieldset>
  );
}

/** The form to register a newcomer, or to change one (then with version and, if allowed, health). */
export function NewcomerFormPage(props: {
  mode: "create" | "edit";
  action: string;
  values: Record<string, unknown>;
  errors?: FieldErrors | undefined;
  consultants: { id: string; name: string }[];
  /** Data classes whose fields the form offers; health only for the assigned consultant. */
  editable: readonly NewcomerDataClass[];
  /** Set when the save was refused because someone else saved first: both versions. */
  conflict?: { rows: ConflictRow[] } | undefined;
}) {
  const { t } = useView();
  const { values: v, errors, editable } = props;
  const title =
    props.mode === "create" ? t("newcomers:form.createTitle") : t("newcomers:form.editTitle");
  const yesNo = (name: string, legend: string, unknown: boolean) => (
    <ChoiceField
      name={name}
      legend={legend}
      type="radio"
      value={yesNoValue(v[name]) || (unknown ? "" : "nee")}
      errors={errors}
      options={[
        { value: "ja", label: t("newcomers:yes") },
        { value: "nee", label: t("newcomers:no") },
        ...(unknown ? [{ value: "", label: t("newcomers:unknown") }] : []),
      ]}
    />
  );
  return (
    <>
      <Heading>{title}</Heading>
      <ErrorSummary errors={errors} />
      {props.conflict && <ConflictComparison rows={props.conflict.rows} />}
      <Form action={props.action} aria-label={title}>
        {props.mode === "edit" && (
          <input type="hidden" name="version" value={String(v.version ?? "")} />
        )}
        {editable.includes("basic") && (
          <Fieldset legend={t("newcomers:classes.basic")}>
            <TextField
              name="givenNames"
              label={t("newcomers:fields.givenNames")}
              hint={t("newcomers:form.brpHint")}
              value={v.givenNames}
              errors={errors}
              autocomplete="off"
              required
            />
            <TextField
              name="familyNamePrefix"
              label={t("newcomers:fields.familyNamePrefix")}
              value={v.familyNamePrefix}
              errors={errors}
              autocomplete="off"
            />
            <TextField
              name="familyName"
              label={t("newcomers:fields.familyName")}
              value={v.familyName}
              errors={errors}
              autocomplete="off"
              required
            />
            <TextField
              name="birthDate"
              type="date"
              label={t("newcomers:fields.birthDate")}
              value={v.birthDate}
              errors={errors}
            />
            <TextField
              name="countryOfOrigin"
              label={t("newcomers:fields.countryOfOrigin")}
              value={v.countryOfOrigin}
              errors={errors}
            />
            <SelectField
              name="preferredLanguage"
              label={t("newcomers:fields.preferredLanguage")}
              hint={t("newcomers:form.preferredLanguageHint")}
              value={v.preferredLanguage ?? "nl"}
              errors={errors}
              options={languages.map((l) => ({ value: l.code, label: l.name }))}
            />
            {yesNo("interpreterNeeded", t("newcomers:fields.interpreterNeeded"), false)}
            <TextField
              name="interpreterLanguage"
              label={t("newcomers:fields.interpreterLanguage")}
              hint={t("newcomers:form.interpreterLanguageHint")}
              value={v.interpreterLanguage}
              errors={errors}
            />
            <SelectField
              name="literacy"
              label={t("newcomers:fields.literacy")}
              placeholder={t("newcomers:unknown")}
              value={v.literacy}
              errors={errors}
              options={literacyEnum.enumValues.map((l) => ({
                value: l,
                label: t(`newcomers:literacy.${l}`),
              }))}
            />
            {yesNo("latinScript", t("newcomers:fields.latinScript"), true)}
            {props.mode === "create" && (
              <SelectField
                name="assignedConsultantId"
                label={t("newcomers:fields.assignedConsultant")}
                placeholder={t("newcomers:unassigned")}
                value={v.assignedConsultantId}
                errors={errors}
                options={props.consultants.map((c) => ({ value: c.id, label: c.name }))}
              />
            )}
          </Fieldset>
        )}
        {editable.includes("identity") && (
          <Fieldset legend={t("newcomers:classes.identity")}>
            <TextField
              name="bsn"
              label={t("newcomers:fields.bsn")}
              hint={t("newcomers:form.bsnHint")}
              value={v.bsn}
              errors={errors}
              inputmode="numeric"
              autocomplete="off"
              dir="ltr"
            />
          </Fieldset>
        )}
        {editable.includes("contact") && (
          <Fieldset legend={t("newcomers:classes.contact")}>
            <TextField
              name="phone"
              type="tel"
              label={t("newcomers:fields.phone")}
              value={v.phone}
              errors={errors}
              autocomplete="off"
              dir="ltr"
            />
            <TextField
              name="email"
              type="email"
              label={t("newcomers:fields.email")}
              value={v.email}
              errors={errors}
              autocomplete="off"
              dir="ltr"
            />
            <TextArea
              name="address"
              label={t("newcomers:fields.address")}
              value={v.address}
              errors={errors}
              rows={3}
            />
            <SelectField
              name="letterLanguage"
              label={t("newcomers:fields.letterLanguage")}
              hint={t("newcomers:form.letterLanguageHint")}
              placeholder={t("newcomers:form.sameAsPreferred")}
              value={v.letterLanguage}
              errors={errors}
              options={languages.map((l) => ({ value: l.code, label: l.name }))}
            />
          </Fieldset>
        )}
        {editable.includes("residence") && (
          <Fieldset legend={t("newcomers:classes.residence")}>
            <SelectField
              name="targetGroup"
              label={t("newcomers:fields.targetGroup")}
              placeholder={t("newcomers:form.targetGroupUnknown")}
              value={v.targetGroup}
              errors={errors}
              options={targetGroups.map((g) => ({
                value: g,
                label: t(`newcomers:targetGroups.${g}`),
              }))}
            />
            {yesNo("socialAssistance", t("newcomers:fields.socialAssistance"), true)}
          </Fieldset>
        )}
        {editable.includes("health") && (
          <Fieldset legend={t("newcomers:classes.health")}>
            <TextArea
              name="healthNotes"
              label={t("newcomers:fields.healthNotes")}
              hint={t("newcomers:form.healthHint")}
              value={v.healthNotes}
              errors={errors}
            />
          </Fieldset>
        )}
        {props.mode === "edit" && editable.includes("basic") && (
          <Fieldset legend={t("newcomers:form.closing")}>
            <TextField
              name="closedOn"
              type="date"
              label={t("newcomers:fields.closedOn")}
              hint={t("newcomers:form.closedOnHint")}
              value={v.closedOn}
              errors={errors}
            />
            <TextField
              name="closedReason"
              label={t("newcomers:fields.closedReason")}
              value={v.closedReason}
              errors={errors}
            />
          </Fieldset>
        )}
        <Button>
          {props.mode === "create" ? t("newcomers:form.create") : t("newcomers:form.save")}
        </Button>
      </Form>
    </>
  );
}
