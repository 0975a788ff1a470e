import type { FieldErrors } from "../../platform/http/forms.ts";
import {
  Alert,
  Button,
  ErrorSummary,
  Form,
  Table,
  TextField,
} from "../../platform/views/components.tsx";
import { useView } from "../../platform/views/context.ts";
import type { IntakeOverview } from "../queries.ts";
import { todayInNetherlands } from "../rules.ts";
import { domains } from "../schema.ts";
import { formatDate, IntakeHeading, intakeUrl, VersionField } from "./shared.tsx";

/** The intake at a glance: every part's state with a link to it, warnings first. */
export function IntakeOverviewPage(props: {
  overview: IntakeOverview;
  canUpdate: boolean;
  errors?: FieldErrors | undefined;
}) {
  const { t, locale } = useView();
  const o = props.overview;
  const id = o.page.newcomerId;
  const date = (d: string | null) => formatDate(locale, d);
  const link = (rest: string, label: string) => (
    <a class="utrecht-link" href={intakeUrl(id, rest)}>
      {label}
    </a>
  );
  const warnings = [
    o.duties.vve === "open" && t("intake:duties.warnVve"),
    o.duties.vve === "navragen" && t("intake:duties.warnAskChildren"),
    o.duties.withoutPartner === "open" && t("intake:duties.warnWithoutPartner"),
  ].filter((w): w is string => !!w);
  const lbt = o.learnability;
  return (
    <>
      <IntakeHeading page={o.page} title={t("intake:overview.title")} back="record" />
      <ErrorSummary errors={props.errors} />
      <p>
        {o.startedOn
          ? t("intake:overview.startedOn", { date: date(o.startedOn) })
          : t("intake:overview.notStarted")}
        {o.intake.completedOn && (
          <> {t("intake:overview.completedOn", { date: date(o.intake.completedOn) })}</>
        )}
      </p>

      {warnings.length > 0 && (
        <Alert type="warning">
          <h2 class="utrecht-heading-2">{t("intake:duties.openTitle")}</h2>
          <ul class="utrecht-unordered-list">
            {warnings.map((w) => (
              <li key={w}>{w}</li>
            ))}
          </ul>
          <p>{link("/plichten", t("intake:duties.goTo"))}</p>
        </Alert>
      )}

      <section aria-labelledby="basis">
        <h2 class="utrecht-heading-2" id="basis">
          {t("intake:basis.title")}
        </h2>
        {o.basis.length > 0 ? (
          <Alert type="warning">
            <p>{t("intake:basis.flagged")}</p>
            <ul class="utrecht-unordered-list">
              {o.basis.map((item) => (
                <li key={item}>{t(`intake:basis.items.${item}`)}</li>
              ))}
            </ul>
          </Alert>
        ) : (
          <p>
            {o.scoredDomains.length > 0 ? t("intake:basis.inOrder") : t("intake:basis.unknown")}
          </p>
        )}
      </section>

      <Table
        caption={t("intake:overview.partsCaption")}
        head={[t("intake:overview.part"), t("intake:overview.state")]}
        rows={[
          [
            link("/gesprekken", t("intake:parts.conversations")),
            o.conversations.count === 0
              ? t("intake:overview.noConversations")
              : t("intake:overview.conversations", {
                  count: o.conversations.count,
                  date: date(o.conversations.lastHeldOn),
                }),
          ],
          [
            link("/leerbaarheidstoets", t("intake:parts.learnability")),
            lbt
              ? `${t(`intake:learnability.status.${lbt.status}`)}${lbt.takenOn ? ` · ${date(lbt.takenOn)}` : ""}`
              : t("intake:overview.notYet"),
          ],
          [
            link("/opleiding-en-werk", t("intake:parts.educationWork")),
            t("intake:overview.entries", { education: o.educationEntries, work: o.workEntries }),
          ],
          [
            link("/omstandigheden", t("intake:parts.circumstances")),
            o.circumstancesRecorded ? t("intake:overview.recorded") : t("intake:overview.notYet"),
          ],
          [
            link("/domeinen", t("intake:parts.domains")),
            t("intake:overview.scored", { count: o.scoredDomains.length, total: domains.length }),
          ],
          [
            link("/eigen-woorden", t("intake:parts.ownWords")),
            o.intake.ambitions || o.intake.nextStep
              ? t("intake:overview.recorded")
              : t("intake:overview.notYet"),
          ],
          [
            link("/plichten", t("intake:parts.duties")),
            t(`intake:duties.state.${o.duties.vve}`, { duty: t("intake:duties.vve") }) +
              " · " +
              t(`intake:duties.state.${o.duties.withoutPartner}`, {
                duty: t("intake:duties.withoutPartner"),
              }),
          ],
          [
            link("/handhaving", t("intake:parts.enforcement")),
            o.enforcement.last
              ? t(`intake:enforcement.steps.${o.enforcement.last}`)
              : t("intake:enforcement.none"),
          ],
        ]}
      />

      {props.canUpdate && (
        <section aria-labelledby="afronden">
          <h2 class="utrecht-heading-2" id="afronden">
            {t("intake:completion.title")}
          </h2>
          {o.intake.completedOn ? (
            <Form action={intakeUrl(id, "/afronden")} aria-label={t("intake:completion.reopen")}>
              <VersionField value={o.intake.version} />
              <input type="hidden" name="action" value="heropenen" />
              <p>{t("intake:completion.done", { date: date(o.intake.completedOn) })}</p>
              <Button variant="secondary">{t("intake:completion.reopen")}</Button>
            </Form>
          ) : (
            <>
              {o.missing.length > 0 && (
                <>
                  <p>{t("intake:completion.missingIntro")}</p>
                  <ul class="utrecht-unordered-list">
                    {o.missing.map((m) => (
                      <li key={m}>{t(`intake:completion.missing.${m}`)}</li>
                    ))}
                  </ul>
                </>
              )}
              <Form action={intakeUrl(id, "/afronden")} aria-label={t("intake:completion.title")}>
                <VersionField value={o.intake.version} />
                <input type="hidden" name="action" value="afronden" />
                <TextField
                  name="completedOn"
                  type="date"
                  label={t("intake:completion.completedOn")}
                  value={todayInNetherlands()}
                  errors={props.errors}
                />
                <Button>{t("intake:completion.complete")}</Button>
              </Form>
            </>
          )}
        </section>
      )}
    </>
  );
}
