import type { ComponentChildren, JSX } from "preact";
import type { FieldErrors } from "../http/forms.ts";
import { useView } from "./context.ts";

/** A form that posts with the page's CSRF token. Works without JavaScript. */
export function Form(props: {
  action: string;
  children: ComponentChildren;
  method?: "post" | "get";
  enctype?: string;
  class?: string;
  "aria-label"?: string;
}) {
  const { csrfToken } = useView();
  const method = props.method ?? "post";
  return (
    <form
      action={props.action}
      method={method}
      class={props.class ?? "koers-form"}
      enctype={props.enctype}
      aria-label={props["aria-label"]}
      novalidate
    >
      {method === "post" && <input type="hidden" name="_csrf" value={csrfToken} />}
      {props.children}
    </form>
  );
}

/** The GOV.UK-style error summary: listed first on the page, each message links to its field. */
export function ErrorSummary({ errors }: { errors?: FieldErrors | undefined }) {
  const { t } = useView();
  if (!errors || Object.keys(errors).length === 0) return null;
  return (
    <div class="utrecht-alert utrecht-alert--error koers-error-summary" role="alert" tabindex={-1}>
      <h2 class="utrecht-heading-2">{t("common:errors.summaryTitle")}</h2>
      <ul class="utrecht-unordered-list">
        {Object.entries(errors).map(([field, msg]) => (
          <li key={field}>
            {field === "_form" ? (
              msg
            ) : (
              <a class="utrecht-link" href={`#${fieldId(field)}`}>
                {msg}
              </a>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}

export const fieldId = (name: string) => `veld-${name.replace(/[^a-zA-Z0-9_-]/g, "-")}`;

interface FieldProps {
  name: string;
  label: string;
  hint?: string | undefined;
  errors?: FieldErrors | undefined;
  required?: boolean;
}

function FieldShell(props: FieldProps & { children: ComponentChildren }) {
  const id = fieldId(props.name);
  const error = props.errors?.[props.name];
  return (
    <div class={`utrecht-form-field koers-field${error ? " utrecht-form-field--invalid" : ""}`}>
      <div class="utrecht-form-field__label">
        <label class="utrecht-form-label" for={id}>
          {props.label}
        </label>
      </div>
      {props.hint && (
        <div class="utrecht-form-field-description" id={`${id}-hint`}>
          {props.hint}
        </div>
      )}
      {error && (
        <div class="utrecht-form-field-error-message" id={`${id}-error`}>
          {error}
        </div>
      )}
      <div class="utrecht-form-field__input">{props.children}</div>
    </div>
  );
}

function describedBy(props: FieldProps): string | undefined {
  const id = fieldId(props.name);
  const ids = [
    props.hint ? `${id}-hint` : "",
    props.errors?.[props.name] ? `${id}-error` : "",
  ].filter(Boolean);
  return ids.length ? ids.join(" ") : undefined;
}

/** A labelled text input that keeps its value and shows its error. */
export function TextField(
  props: FieldProps & {
    value?: unknown;
    type?: "text" | "email" | "password" | "tel" | "date" | "number" | "url" | "search";
    autocomplete?: string;
    inputmode?: "numeric" | "email" | "tel" | "text" | "search" | "url";
    dir?: "ltr" | "rtl" | "auto";
  },
) {
  const invalid = !!props.errors?.[props.name];
  // Built as a plain object: Preact 11 types <input> per type, and the type here is a variable.
  const attributes = {
    class: `utrecht-textbox utrecht-textbox--html-input${invalid ? " utrecht-textbox--invalid" : ""}`,
    id: fieldId(props.name),
    name: props.name,
    type: props.type ?? "text",
    value: props.type === "password" ? undefined : (props.value as string | undefined),
    autocomplete: props.autocomplete,
    inputMode: props.inputmode,
    dir: props.dir,
    required: props.required,
    "aria-required": props.required ? "true" : undefined,
    "aria-invalid": invalid ? "true" : undefined,
    "aria-describedby": describedBy(props),
  } as unknown as JSX.IntrinsicElements["input"];
  return (
    <FieldShell {...props}>
      <input {...attributes} />
    </FieldShell>
  );
}

export function TextArea(props: FieldProps & { value?: unknown; rows?: number }) {
  const invalid = !!props.errors?.[props.name];
  return (
    <FieldShell {...props}>
      <textarea
        class={`utrecht-textarea utrecht-textarea--html-textarea${invalid ? " utrecht-textarea--invalid" : ""}`}
        id={fieldId(props.name)}
        name={props.name}
        rows={props.rows ?? 4}
        required={props.required}
        aria-invalid={invalid ? "true" : undefined}
        aria-describedby={describedBy(props)}
      >
        {(props.value as string | undefined) ?? ""}
      </textarea>
    </FieldShell>
  );
}

export function SelectField(
  props: FieldProps & {
    value?: unknown;
    options: { value: string; label: string }[];
    placeholder?: string;
  },
) {
  const invalid = !!props.errors?.[props.name];
  return (
    <FieldShell {...props}>
      <select
        class={`utrecht-select utrecht-select--html-select${invalid ? " utrecht-select--invalid" : ""}`}
        id={fieldId(props.name)}
        name={props.name}
        required={props.required}
        aria-invalid={invalid ? "true" : undefined}
        aria-describedby={describedBy(props)}
      >
        {props.placeholder !== undefined && <option value="">{props.placeholder}</option>}
        {props.options.map((o) => (
          <option key={o.value} value={o.value} selected={o.value === props.value}>
            {o.label}
          </option>
        ))}
      </select>
    </FieldShell>
  );
}

const buttonAppearance = {
  primary: "utrecht-button--primary-action",
  secondary: "utrecht-button--secondary-action",
  subtle: "utrecht-button--subtle",
} as const;

export function Button(props: {
  children: ComponentChildren;
  variant?: "primary" | "secondary" | "subtle";
  /** "danger" for actions that delete or revoke something. */
  hint?: "danger";
  type?: "submit" | "button";
  name?: string;
  value?: string;
}) {
  const hint = props.hint ? ` utrecht-button--${props.hint}` : "";
  return (
    <button
      class={`utrecht-button ${buttonAppearance[props.variant ?? "primary"]}${hint}`}
      type={props.type ?? "submit"}
      name={props.name}
      value={props.value}
    >
      {props.children}
    </button>
  );
}

/** A link that looks like a button: for a next step that is a page, not a change. */
export function ButtonLink(props: {
  href: string;
  children: ComponentChildren;
  variant?: "primary" | "secondary" | "subtle";
}) {
  const appearance = {
    primary: "utrecht-button-link--primary-action",
    secondary: "utrecht-button-link--secondary-action",
    subtle: "utrecht-button-link--subtle",
  }[props.variant ?? "primary"];
  return (
    <a class={`utrecht-button-link utrecht-button-link--html-a ${appearance}`} href={props.href}>
      {props.children}
    </a>
  );
}

/**
 * A group of checkboxes or radio buttons in a fieldset with a legend. `value` is the chosen value
 * (radio) or values (checkbox); errors are shown for the group's name.
 */
export function ChoiceField(props: {
  name: string;
  legend: string;
  type: "checkbox" | "radio";
  options: { value: string; label: string; hint?: string }[];
  value?: string | string[] | undefined;
  hint?: string | undefined;
  errors?: FieldErrors | undefined;
  required?: boolean;
}) {
  const id = fieldId(props.name);
  const error = props.errors?.[props.name];
  const chosen = new Set(
    Array.isArray(props.value) ? props.value : props.value ? [props.value] : [],
  );
  const described = [props.hint ? `${id}-hint` : "", error ? `${id}-error` : ""]
    .filter(Boolean)
    .join(" ");
  const input =
    props.type === "radio"
      ? "utrecht-radio-button utrecht-radio-button--html-input"
      : "utrecht-checkbox utrecht-checkbox--html-input";
  return (
    <fieldset
      class={`utrecht-form-fieldset utrecht-form-fieldset--html-fieldset koers-choices${error ? " utrecht-form-fieldset--invalid" : ""}`}
      id={id}
      aria-describedby={described || undefined}
      aria-invalid={error ? "true" : undefined}
    >
      <legend class="utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend">
        {props.legend}
      </legend>
      {props.hint && (
        <div class="utrecht-form-field-description" id={`${id}-hint`}>
          {props.hint}
        </div>
      )}
      {error && (
        <div class="utrecht-form-field-error-message" id={`${id}-error`}>
          {error}
        </div>
      )}
      {props.options.map((o, i) => {
        const optionId = `${id}-${i}`;
        return (
          <div
            key={o.value}
            class={`utrecht-form-field utrecht-form-field--${props.type} koers-choice`}
          >
            <div class="utrecht-form-field__input">
              <input
                class={input}
                type={props.type}
                id={optionId}
                name={props.name}
                value={o.value}
                checked={chosen.has(o.value)}
                aria-describedby={o.hint ? `${optionId}-hint` : undefined}
              />
            </div>
            <div class="utrecht-form-field__label">
              <label class="utrecht-form-label" for={optionId}>
                {o.label}
              </label>
            </div>
            {o.hint && (
              <div class="utrecht-form-field-description" id={`${optionId}-hint`}>
                {o.hint}
              </div>
            )}
          </div>
        );
      })}
    </fieldset>
  );
}

export function Heading({
  level = 1,
  children,
}: {
  level?: 1 | 2 | 3;
  children: ComponentChildren;
}) {
  const Tag = `h${level}` as "h1" | "h2" | "h3";
  return <Tag class={`utrecht-heading-${level}`}>{children}</Tag>;
}

export function Alert(props: {
  type?: "info" | "ok" | "warning" | "error";
  children: ComponentChildren;
}) {
  return (
    <div class={`utrecht-alert utrecht-alert--${props.type ?? "info"}`} role="status">
      {props.children}
    </div>
  );
}

/** A data table with a caption; the caption is required so screen readers can tell tables apart. */
export function Table(props: {
  caption: string;
  head: ComponentChildren[];
  rows: ComponentChildren[][];
}) {
  return (
    <div class="koers-table-scroll">
      <table class="utrecht-table utrecht-table--html-table">
        <caption class="utrecht-table__caption">{props.caption}</caption>
        <thead class="utrecht-table__header">
          <tr class="utrecht-table__row">
            {props.head.map((h, i) => (
              <th key={i} class="utrecht-table__header-cell" scope="col">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody class="utrecht-table__body">
          {props.rows.map((row, r) => (
            <tr key={r} class="utrecht-table__row">
              {row.map((cell, c) => (
                <td key={c} class="utrecht-table__cell">
                  {cell}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
