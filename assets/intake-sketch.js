// The sketch pad of the brede intake (loaded only on the drawing page). Draws with mouse, pen or
// finger into an SVG of <path> elements and puts the drawing, as SVG text, into a hidden field
// when the form is sent. The server parses and rewrites it (src/intake/drawing.ts); without this
// script the page offers an image upload instead.

const SVG = "http://www.w3.org/2000/svg";

for (const pad of document.querySelectorAll('[data-module="sketch-pad"]')) {
  const surface = pad.querySelector('[data-sketch="surface"]');
  const field = pad.querySelector('[data-sketch="field"]');
  const form = pad.closest("form");
  if (!surface || !field || !form) continue;
  pad.hidden = false;

  const viewBox = surface.viewBox.baseVal;
  let current = null;
  let points = [];

  // Pointer position in the drawing's own coordinates, rounded to keep the text small.
  const at = (event) => {
    const box = surface.getBoundingClientRect();
    const x = ((event.clientX - box.left) / box.width) * viewBox.width;
    const y = ((event.clientY - box.top) / box.height) * viewBox.height;
    return [Math.round(x * 10) / 10, Math.round(y * 10) / 10];
  };
  const pathData = () =>
    points.map(([x, y], i) => `${i === 0 ? "M" : "L"}${x} ${y}`).join(" ") +
    (points.length === 1 ? ` l0.1 0` : "");

  surface.addEventListener("pointerdown", (event) => {
    if (event.button !== 0) return;
    event.preventDefault();
    surface.setPointerCapture(event.pointerId);
    current = document.createElementNS(SVG, "path");
    current.setAttribute("fill", "none");
    current.setAttribute("stroke", "#1b1b1b");
    current.setAttribute("stroke-width", "3");
    current.setAttribute("stroke-linecap", "round");
    current.setAttribute("stroke-linejoin", "round");
    points = [at(event)];
    current.setAttribute("d", pathData());
    surface.append(current);
  });
  surface.addEventListener("pointermove", (event) => {
    if (!current) return;
    for (const e of event.getCoalescedEvents?.() ?? [event]) points.push(at(e));
    current.setAttribute("d", pathData());
  });
  const end = () => {
    current = null;
    points = [];
  };
  surface.addEventListener("pointerup", end);
  surface.addEventListener("pointercancel", end);

  pad.querySelector('[data-sketch="undo"]')?.addEventListener("click", () => {
    surface.lastElementChild?.remove();
  });
  pad.querySelector('[data-sketch="clear"]')?.addEventListener("click", () => {
    surface.replaceChildren();
  });

  form.addEventListener("submit", () => {
    const paths = [...surface.querySelectorAll("path")];
    if (paths.length === 0) {
      field.value = "";
      return;
    }
    const drawing = document.createElementNS(SVG, "svg");
    drawing.setAttribute("xmlns", SVG);
    drawing.setAttribute("viewBox", `0 0 ${viewBox.width} ${viewBox.height}`);
    for (const p of paths) drawing.append(p.cloneNode());
    field.value = new XMLSerializer().serializeToString(drawing);
  });
}
