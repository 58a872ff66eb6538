// A strict consumer of every export of the client and elements packages; `tsc --noEmit
// --strict` must accept it (tests/npm/types.test.mjs).
import {
  setConfig,
  openstackMigrationsList,
  openstackMigrationsCount,
  openstackMigrationsRetrieve,
  openstackMigrationsCreate,
  openstackMigrationsUpdate,
  openstackMigrationsPartialUpdate,
  openstackMigrationsDestroy,
  WaldurMigrationsClient,
  isWaldurMigrationsError,
  validateCreate,
  validateUpdate,
  validatePartialUpdate,
  checkSubnetCidr,
  type MigrationDetails,
  type MigrationCreateRequest,
  type MigrationStateName,
  type ListResult,
  type CreateResult,
  type FieldMessages,
  type Page,
  type SourceResource,
  type AllPages,
  type ErrorKind,
} from "waldur-migrations";
import {
  mountMigrationList,
  mountMigrationDetails,
  mountMigrationCreate,
  type MountHandle,
  type WaldurMigrationEventMap,
  WaldurMigrationsClient as ElementsClient,
} from "waldur-migrations-elements";

setConfig({ baseUrl: "https://waldur.example.com", auth: "Token 0123", timeoutMs: 10_000, retry: { maxRetries: 2 } });
setConfig({ auth: async () => "Bearer abc" });

export async function everything(signal: AbortSignal): Promise<number> {
  // Code written for waldur-js-client runs unchanged.
  const { data } = await openstackMigrationsList({ query: { page_size: 50, src_resource_uuid: "a45c8927e176455781f63e7c7baf9567" }, signal });
  const first: MigrationDetails | undefined = data[0];
  const state: MigrationStateName | undefined = first?.state;
  const isDone = state === "OK" || state === "ERRED";
  const listed: ListResult = await openstackMigrationsList();
  const next: number | null = listed.next;
  const total: number | null = listed.total;
  const count: number = (await openstackMigrationsCount({ query: { dst_resource_uuid: "x" } })).data;
  const one = await openstackMigrationsRetrieve({ path: { uuid: "a45c8927e176455781f63e7c7baf9567" }, timeoutMs: 500 });
  const volumeTypes = one.data.mappings.volume_types ?? [];
  const body: MigrationCreateRequest = {
    src_resource: "a", dst_offering: "b", dst_plan: "c", name: "n",
    mappings: { subnets: [{ src_cidr: "10.0.0.0/24", dst_cidr: "10.1.0.0/24" }], skip_connection_extnet: true, networks: ["d"] },
  };
  const created: CreateResult = await openstackMigrationsCreate({ body });
  const createdUuid = created.shape === "full" ? created.data.uuid : created.data.src_resource;
  await openstackMigrationsUpdate({ path: { uuid: createdUuid }, body: { mappings: {} } });
  await openstackMigrationsPartialUpdate({ path: { uuid: createdUuid }, body: { error_message: "" } });
  const destroyed: undefined = (await openstackMigrationsDestroy({ path: { uuid: createdUuid } })).data;

  const client = new WaldurMigrationsClient({ baseUrl: "https://other.example.com", auth: () => "Token x" });
  const page: Page<MigrationDetails> = await client.list({ page: 2 }, { signal });
  const sources: Page<SourceResource> = await client.sourceResources({ name: "genomics" });
  const tenant = sources.items[0]?.resource_uuid ?? "";
  await client.volumeTypesOfTenant(tenant);
  await client.volumeTypesOfSettings("s", { page_size: 300 });
  await client.volumeTypes();
  await client.networks(tenant);
  await client.subnets(tenant);
  const offerings = await client.destinationOfferings();
  const plan: string | undefined = offerings.items[0]?.plans[0]?.uuid;
  const all: AllPages = await client.listAll({}, { concurrency: 2, maxItems: 1000, onProgress: (done: number, of: number) => void (done / of) });
  await client.count();
  await client.retrieve("u");
  await client.create(body);
  await client.update("u", { mappings: { volume_types: [{ src_type_uuid: "a", dst_type_uuid: "b" }] } });
  await client.partialUpdate("u", {});
  await client.destroy("u");
  const baseUrl: string = client.baseUrl;
  client.free();

  const messages: FieldMessages = validateCreate(body);
  const subnetMessages: string[] = messages["mappings.subnets[0].dst_cidr"] ?? [];
  validateUpdate({ mappings: {} });
  validatePartialUpdate({});
  const cidrProblem: string | undefined = checkSubnetCidr("10.0.0.0/24");

  try {
    await openstackMigrationsList();
  } catch (error) {
    if (isWaldurMigrationsError(error)) {
      const kind: ErrorKind = error.kind;
      const status: number | null = error.status;
      const fields: FieldMessages = error.fields;
      const retryable: boolean = error.retryable;
      const message: string = error.message;
      void [kind, status, fields, retryable, message, error.body];
    }
  }
  void [isDone, next, total, volumeTypes, destroyed, page, plan, all, baseUrl, subnetMessages, cidrProblem, count];
  return data.length;
}

export function elements(host: HTMLElement): MountHandle[] {
  const client = new ElementsClient({ baseUrl: "", auth: "Token x" });
  const list = mountMigrationList(host, { client, pageSize: 25, srcResource: "a" });
  const details = mountMigrationDetails(host, { uuid: "u", refreshMs: 1000 });
  const create = mountMigrationCreate(host);
  const onSelect = (event: WaldurMigrationEventMap["migration-select"]) => event.detail.uuid;
  host.addEventListener("migration-select", (event) => onSelect(event as WaldurMigrationEventMap["migration-select"]));
  list.unmount();
  create.free();
  {
    using scoped = mountMigrationCreate(host);
    void scoped;
  }
  return [details];
}
