// Koers enhancements. Every page works without this file; it only adds comfort.
// Modules start from data-module attributes.
document.querySelector(".koers-error-summary")?.focus();
