/**
 * The stylesheet, in order: NL Design System (Utrecht) tokens and only the component CSS Koers
 * uses, then Koers's own layout. Paths are relative to the repository root.
 */
export function cssSources(): string[] {
  const utrecht = [
    "page",
    "body",
    "button",
    "link",
    "heading-1",
    "heading-2",
    "heading-3",
    "paragraph",
    "form-field",
    "form-label",
    "form-field-description",
    "form-field-error-message",
    "textbox",
    "textarea",
    "select",
    "alert",
    "table",
    "unordered-list",
  ];
  return [
    "node_modules/@utrecht/design-tokens/dist/index.css",
    ...utrecht.map((c) => `node_modules/@utrecht/${c}-css/dist/index.min.css`),
    "assets/koers.css",
  ];
}
