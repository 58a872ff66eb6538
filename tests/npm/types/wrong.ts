// Deliberately wrong: `tsc` must reject it (tests/npm/types.test.mjs asserts the errors).
import { openstackMigrationsList, openstackMigrationsCreate } from "waldur-migrations";

export async function wrong(): Promise<void> {
  // A field name that does not exist in ListQuery.
  await openstackMigrationsList({ query: { pagesize: 50 } });
  // A misspelt field of MigrationDetails.
  const { data } = await openstackMigrationsList();
  const name: string = data[0]!.src_resource_nam;
  // A missing required field of the create body.
  await openstackMigrationsCreate({ body: { src_resource: "a", dst_offering: "b" } });
  void name;
}
