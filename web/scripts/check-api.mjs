// CI drift check: the checked-in schema.d.ts must be exactly what the OpenAPI document generates.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const checkedIn = "src/api/schema.d.ts";
const fresh = join(mkdtempSync(join(tmpdir(), "hexchat-api-")), "schema.d.ts");
execFileSync("npx", ["openapi-typescript", "../docs/api/openapi.json", "--output", fresh], {
  stdio: ["ignore", "ignore", "inherit"],
});
if (readFileSync(fresh, "utf8") !== readFileSync(checkedIn, "utf8")) {
  console.error(`${checkedIn} is out of date with docs/api/openapi.json: run \`npm run generate:api\`.`);
  process.exit(1);
}
console.log(`${checkedIn} matches docs/api/openapi.json.`);
