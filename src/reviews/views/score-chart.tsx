import type { Domain } from "../../intake/index.ts";
import { Table } from "../../platform/views/components.tsx";
import { useView } from "../../platform/views/context.ts";
import { formatDay, type ScorePoint, type Trend, trendOf } from "../rules.ts";

// A domain's scores over time, server-rendered: an inline SVG that reads as one image to a screen
// reader (role="img", named by its <title>, described in words by its <desc>), with a table of the
// same numbers beside it. The two series differ by line style and marker shape, never by colour
// alone: the consultant's view is a solid line with round markers, the newcomer's a dashed line
// with square ones, and the legend says which is which. Everything is drawn in currentColor, so
// the chart follows the theme and forced-colours mode.

const WIDTH = 480;
const HEIGHT = 250;
const PLOT = { left: 44, right: WIDTH - 24, top: 52, bottom: 200 };
const MIN_LABEL_GAP = 84;

/** Where a score sits vertically: 1 at the bottom, 5 at the top. */
export const yOf = (score: number): number =>
  PLOT.bottom - ((score - 1) / 4) * (PLOT.bottom - PLOT.top);

const dayNumber = (date: string): number => Date.parse(`${date}T00:00:00Z`) / 86_400_000;

/** Where each point sits horizontally, in proportion to time; a single point sits in the middle. */
export function xPositions(dates: readonly string[]): number[] {
  const first = dates[0];
  const last = dates.at(-1);
  if (first === undefined || last === undefined) return [];
  const span = dayNumber(last) - dayNumber(first);
  if (span <= 0) return dates.map(() => (PLOT.left + PLOT.right) / 2);
  return dates.map(
    (d) => PLOT.left + ((dayNumber(d) - dayNumber(first)) / span) * (PLOT.right - PLOT.left),
  );
}

/** Which dates get a label under the axis: as many as fit, always the first and the last. */
export function labelledIndexes(xs: readonly number[]): number[] {
  const kept: number[] = [];
  xs.forEach((x, i) => {
    const previous = kept.at(-1);
    if (previous === undefined || x - (xs[previous] ?? 0) >= MIN_LABEL_GAP) kept.push(i);
  });
  const lastIndex = xs.length - 1;
  if (lastIndex > 0 && kept.at(-1) !== lastIndex) {
    if (kept.length > 1) kept.pop();
    kept.push(lastIndex);
  }
  return kept;
}

type Series = "consultant" | "newcomer";

function Marker(props: { series: Series; x: number; y: number }) {
  return props.series === "consultant" ? (
    <circle cx={props.x} cy={props.y} r={5} fill="currentColor" />
  ) : (
    <rect
      x={props.x - 6}
      y={props.y - 6}
      width={12}
      height={12}
      // The page's background colour (also in forced-colours mode): the dashed line stops at the edge.
      fill="Canvas"
      stroke="currentColor"
      stroke-width={2}
    />
  );
}

function Line(props: { series: Series; points: [number, number][] }) {
  if (props.points.length < 2) return null;
  return (
    <polyline
      points={props.points.map(([x, y]) => `${x.toFixed(1)},${y.toFixed(1)}`).join(" ")}
      fill="none"
      stroke="currentColor"
      stroke-width={2}
      stroke-dasharray={props.series === "newcomer" ? "7 5" : undefined}
    />
  );
}

/** One sentence on one series: "According to the consultant: rose from 2 to 4." */
function trendSentence(t: ReturnType<typeof useView>["t"], series: Series, trend: Trend): string {
  const who = t(`reviews:chart.who.${series}`);
  switch (trend.kind) {
    case "none":
      return t("reviews:chart.trend.none", { who });
    case "single":
      return t("reviews:chart.trend.single", { who, value: trend.value });
    default:
      return t(`reviews:chart.trend.${trend.kind}`, {
        who,
        first: trend.first,
        last: trend.last,
      });
  }
}

/** The words a screen reader hears for the chart: both trends, how many scorings, over what period. */
export function chartDescription(
  t: ReturnType<typeof useView>["t"],
  locale: string,
  label: string,
  points: readonly ScorePoint[],
): string {
  const first = points[0];
  const last = points.at(-1);
  const period =
    first && last
      ? first.scoredOn === last.scoredOn
        ? t("reviews:chart.periodOne", { date: formatDay(locale, first.scoredOn) })
        : t("reviews:chart.period", {
            count: points.length,
            from: formatDay(locale, first.scoredOn),
            to: formatDay(locale, last.scoredOn),
          })
      : "";
  return [
    `${label}.`,
    trendSentence(t, "consultant", trendOf(points.map((p) => p.consultantScore))),
    trendSentence(t, "newcomer", trendOf(points.map((p) => p.newcomerScore))),
    period,
  ]
    .filter(Boolean)
    .join(" ");
}

/** The chart of one domain's scores over time, with its legend, title and description. */
export function ScoreChart(props: {
  domain: Domain;
  label: string;
  points: readonly ScorePoint[];
}) {
  const { t, locale } = useView();
  const id = `score-chart-${props.domain}`;
  const xs = xPositions(props.points.map((p) => p.scoredOn));
  const seriesPoints = (series: Series): [number, number][] =>
    props.points.flatMap((p, i) => {
      const score = series === "consultant" ? p.consultantScore : p.newcomerScore;
      const x = xs[i];
      return typeof score === "number" && x !== undefined ? [[x, yOf(score)]] : [];
    });
  const shortDate = new Intl.DateTimeFormat(locale, {
    day: "numeric",
    month: "short",
    year: "numeric",
    timeZone: "UTC",
  });
  const legend: [Series, number][] = [
    ["consultant", PLOT.left],
    ["newcomer", PLOT.left + 200],
  ];
  return (
    <svg
      class="koers-score-chart"
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      width="100%"
      role="img"
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-desc`}
      dir="ltr"
      font-size={13}
      fill="currentColor"
    >
      <title id={`${id}-title`}>{t("reviews:chart.title", { domain: props.label })}</title>
      <desc id={`${id}-desc`}>{chartDescription(t, locale, props.label, props.points)}</desc>
      {/* role="img" makes everything below presentational: the title and desc speak for it. */}
      <g>
        {legend.map(([series, x]) => (
          <g key={series}>
            <line
              x1={x}
              y1={20}
              x2={x + 40}
              y2={20}
              stroke="currentColor"
              stroke-width={2}
              stroke-dasharray={series === "newcomer" ? "7 5" : undefined}
            />
            <Marker series={series} x={x + 20} y={20} />
            <text x={x + 50} y={25}>
              {t(`reviews:chart.legend.${series}`)}
            </text>
          </g>
        ))}
        {[1, 2, 3, 4, 5].map((score) => (
          <g key={score}>
            <line
              x1={PLOT.left}
              y1={yOf(score)}
              x2={PLOT.right}
              y2={yOf(score)}
              stroke="currentColor"
              stroke-opacity={0.25}
            />
            <text x={PLOT.left - 12} y={yOf(score) + 4} text-anchor="end">
              {score}
            </text>
          </g>
        ))}
        {labelledIndexes(xs).map((i) => {
          const point = props.points[i];
          const x = xs[i];
          if (!point || x === undefined) return null;
          const anchor = x < PLOT.left + 40 ? "start" : x > PLOT.right - 40 ? "end" : "middle";
          return (
            <text key={point.scoredOn} x={x} y={PLOT.bottom + 26} text-anchor={anchor}>
              {shortDate.format(new Date(`${point.scoredOn}T00:00:00Z`))}
            </text>
          );
        })}
        {(["consultant", "newcomer"] as const).map((series) => {
          const points = seriesPoints(series);
          return (
            <g key={series} data-series={series}>
              <Line series={series} points={points} />
              {points.map(([x, y]) => (
                <Marker key={`${x}`} series={series} x={x} y={y} />
              ))}
            </g>
          );
        })}
      </g>
    </svg>
  );
}

/** The same numbers as the chart, as a table with a caption, folded open on request. */
export function ScoreTable(props: { label: string; points: readonly ScorePoint[] }) {
  const { t, locale } = useView();
  const dash = t("reviews:scores.none");
  return (
    <details class="koers-score-table">
      <summary>{t("reviews:chart.tableSummary", { domain: props.label })}</summary>
      <Table
        caption={t("reviews:chart.tableCaption", { domain: props.label })}
        head={[
          t("reviews:chart.columns.date"),
          t("reviews:chart.columns.source"),
          t("reviews:chart.legend.consultant"),
          t("reviews:chart.legend.newcomer"),
        ]}
        rows={props.points.map((p) => [
          formatDay(locale, p.scoredOn),
          t(`reviews:chart.source.${p.source}`),
          p.consultantScore?.toString() ?? dash,
          p.newcomerScore?.toString() ?? dash,
        ])}
      />
    </details>
  );
}
