// Reads Vitest's JSON report, prints the closing line CI reads ("N passed, N failed"), and fails
// when the browser tests were skipped or did not run at all.
import { readFileSync } from "node:fs";

const report = JSON.parse(readFileSync(process.argv[2] ?? "test-results/vitest.json", "utf8"));
const results = report.testResults.flatMap((file) =>
  file.assertionResults.map((a) => ({ file: file.name, status: a.status })),
);
const count = (status) => results.filter((r) => r.status === status).length;
const browser = results.filter((r) => r.file.includes("/tests/browser/"));
const passed = count("passed");
const failed = count("failed");
const skipped = results.length - passed - failed;
let ok = failed === 0 && report.success !== false;
if (browser.length === 0 || browser.some((r) => r.status !== "passed")) {
  console.error(
    `Browser tests: ${browser.filter((r) => r.status === "passed").length} of ${browser.length} passed; all must run and pass in CI.`,
  );
  ok = false;
}
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(ok ? 0 : 1);
