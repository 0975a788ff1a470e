// Koers enhancements. Every page works without this file; it only adds comfort.
// Modules start from data-module attributes.

// After a failed submit, move focus to the error summary so screen readers read it first.
document.querySelector(".koers-error-summary")?.focus();

// A table wider than the screen scrolls in its own box; make that box reachable by keyboard
// (only when it actually scrolls, so narrow tables add no tab stop).
for (const box of document.querySelectorAll(".koers-table-scroll")) {
  if (box.scrollWidth > box.clientWidth) {
    box.tabIndex = 0;
    box.setAttribute("role", "region");
    const caption = box.querySelector("caption")?.textContent;
    if (caption) box.setAttribute("aria-label", caption);
  }
}
