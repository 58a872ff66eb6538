// Generated from the Rust models by tests/typescript.rs (ts-rs). Do not edit.

export type MigrationDetails = {
  /**
   * Identifier of the migration.
   */
  uuid: string,
  /**
   * When it was created.
   */
  created: string,
  /**
   * When it last changed.
   */
  modified: string,
  /**
   * What maps to what; the default when the server sent `null`.
   */
  mappings: Mapping,
  /**
   * The user who created it.
   */
  created_by_uuid: string,
  /**
   * That user's full name.
   */
  created_by_full_name: string,
  /**
   * Offering of the source tenant.
   */
  src_offering_uuid: string,
  /**
   * Name of that offering.
   */
  src_offering_name: string,
  /**
   * Offering the tenant is migrated to.
   */
  dst_offering_uuid: string,
  /**
   * Name of that offering.
   */
  dst_offering_name: string,
  /**
   * Marketplace resource being migrated.
   */
  src_resource_uuid: string,
  /**
   * Its name.
   */
  src_resource_name: string,
  /**
   * Marketplace resource created in the destination.
   */
  dst_resource_uuid: string,
  /**
   * Its name (the migration's name).
   */
  dst_resource_name: string,
  /**
   * State of the destination resource.
   */
  dst_resource_state: ResourceStateName,
  /**
   * State of the migration.
   */
  state: MigrationStateName,
  /**
   * Why it failed; empty unless `state` is `ERRED`.
   */
  error_message: string,
  /**
   * The server-side traceback of the failure; empty unless `state` is `ERRED`.
   */
  error_traceback: string,
};

export type Mapping = {
  /**
   * Source volume type -> destination volume type pairs.
   */
  volume_types?: Array<VolumeTypeMapping>,
  /**
   * Source subnet CIDR -> destination subnet CIDR pairs.
   */
  subnets?: Array<SubNetMapping>,
  /**
   * Do not connect the destination router to the external network.
   */
  skip_connection_extnet: boolean,
  /**
   * Copy the ports connected to instances.
   */
  sync_instance_ports: boolean,
  /**
   * Source networks to migrate (accepted by the server on create, never returned by it).
   */
  networks?: Array<string>,
};

export type VolumeTypeMapping = {
  /**
   * Volume type of the source tenant.
   */
  src_type_uuid: string,
  /**
   * Volume type of the destination cloud.
   */
  dst_type_uuid: string,
};

export type SubNetMapping = {
  /**
   * CIDR of the source subnet.
   */
  src_cidr: string,
  /**
   * CIDR the subnet gets in the destination.
   */
  dst_cidr: string,
};

export type MigrationCreate = {
  /**
   * Mappings as stored.
   */
  mappings: Mapping,
  /**
   * The source marketplace resource.
   */
  src_resource: string,
};

export type MigrationCreateRequest = {
  /**
   * Source marketplace resource (an `OpenStack.Tenant` resource). Required.
   */
  src_resource: string,
  /**
   * Destination offering (type `OpenStack.Tenant`). Required.
   */
  dst_offering: string,
  /**
   * Plan of the destination offering. Required.
   */
  dst_plan: string,
  /**
   * Name of the migration and of the destination resource; the source's name when absent.
   */
  name?: string,
  /**
   * Description. Sent only when set: real servers answer 500 to it (a server bug).
   */
  description?: string,
  /**
   * Mappings; stored as `{}` when absent.
   */
  mappings?: MappingRequest,
};

export type MappingRequest = {
  /**
   * Source volume type -> destination volume type pairs.
   */
  volume_types?: Array<VolumeTypeMappingRequest>,
  /**
   * Source subnet CIDR -> destination subnet CIDR pairs.
   */
  subnets?: Array<SubNetMappingRequest>,
  /**
   * Do not connect the destination router to the external network.
   */
  skip_connection_extnet?: boolean,
  /**
   * Copy the ports connected to instances (not together with subnet mappings).
   */
  sync_instance_ports?: boolean,
  /**
   * Uuids of the source tenant's networks to migrate.
   */
  networks?: Array<string>,
};

export type VolumeTypeMappingRequest = {
  /**
   * Volume type uuid of the source tenant.
   */
  src_type_uuid: string,
  /**
   * Volume type uuid of the destination cloud.
   */
  dst_type_uuid: string,
};

export type SubNetMappingRequest = {
  /**
   * CIDR of the source subnet.
   */
  src_cidr: string,
  /**
   * CIDR the subnet gets in the destination: a private `/24`.
   */
  dst_cidr: string,
};

export type MigrationDetailsRequest = {
  /**
   * The new mappings. Required.
   */
  mappings: MappingRequest,
  /**
   * Replaces the error message.
   */
  error_message?: string,
  /**
   * Replaces the error traceback.
   */
  error_traceback?: string,
};

export type PatchedMigrationDetailsRequest = {
  /**
   * Replaces the stored mappings whole.
   */
  mappings?: MappingRequest,
  /**
   * Replaces the error message.
   */
  error_message?: string,
  /**
   * Replaces the error traceback.
   */
  error_traceback?: string,
};

export type ListQuery = {
  /**
   * Only migrations of this source resource.
   */
  src_resource_uuid?: string,
  /**
   * Only migrations into this destination resource.
   */
  dst_resource_uuid?: string,
  /**
   * 1-based page number.
   */
  page?: number,
  /**
   * Items per page, kept within 1..=300 (server default 10).
   */
  page_size?: number,
};

export type LookupQuery = {
  /**
   * Case-insensitive part of the name.
   */
  name?: string,
  /**
   * 1-based page number.
   */
  page?: number,
  /**
   * Items per page, kept within 1..=300.
   */
  page_size?: number,
};

export type PageLink = {
  /**
   * The absolute URL the server gave (carries every query parameter of the request).
   */
  url: string,
  /**
   * The page number in it (1 when it has no `page` parameter, as for the first page).
   */
  page: number,
};

export type PageLinks = {
  /**
   * `rel="first"`.
   */
  first: PageLink | null,
  /**
   * `rel="prev"`.
   */
  prev: PageLink | null,
  /**
   * `rel="next"`.
   */
  next: PageLink | null,
  /**
   * `rel="last"`.
   */
  last: PageLink | null,
};

export type SourceResource = {
  /**
   * The marketplace resource: what `src_resource` takes.
   */
  uuid: string,
  /**
   * Its name.
   */
  name: string,
  /**
   * The OpenStack tenant behind it: what the volume type, network and subnet lookups filter by.
   */
  resource_uuid: string | null,
  /**
   * Name of its offering.
   */
  offering_name: string,
  /**
   * Its project.
   */
  project_name: string,
  /**
   * Its organisation.
   */
  customer_name: string,
  /**
   * Marketplace resource state (`OK`, `Erred`, ...).
   */
  state: string,
  /**
   * Quota limits (`cores`, `ram`, `storage`, ...); empty when none are set, which the server
   * rejects as a migration source.
   */
  limits: { [key in string]: number },
};

export type DestinationOffering = {
  /**
   * What `dst_offering` takes.
   */
  uuid: string,
  /**
   * Its name.
   */
  name: string,
  /**
   * The organisation offering it.
   */
  customer_name: string,
  /**
   * Service settings of the target cloud: what the destination volume types filter by.
   */
  scope_uuid: string | null,
  /**
   * Its plans, in the server's order.
   */
  plans: Array<Plan>,
};

export type Plan = {
  /**
   * What `dst_plan` takes.
   */
  uuid: string,
  /**
   * Its name.
   */
  name: string,
  /**
   * Archived plans take no new orders.
   */
  archived: boolean,
};

export type VolumeType = {
  /**
   * What the volume type mappings take.
   */
  uuid: string,
  /**
   * Its name (`ssd`, `hdd`, ...).
   */
  name: string,
  /**
   * Its description.
   */
  description: string,
};

export type Network = {
  /**
   * What `mappings.networks` takes.
   */
  uuid: string,
  /**
   * Its name.
   */
  name: string,
  /**
   * Its subnets.
   */
  subnets: Array<NestedSubnet>,
};

export type NestedSubnet = {
  /**
   * Identifier.
   */
  uuid: string,
  /**
   * Its name.
   */
  name: string,
  /**
   * Its CIDR.
   */
  cidr: string,
};

export type Subnet = {
  /**
   * Identifier.
   */
  uuid: string,
  /**
   * Its name.
   */
  name: string,
  /**
   * Its CIDR: what `mappings.subnets[].src_cidr` takes.
   */
  cidr: string,
  /**
   * Name of its network.
   */
  network_name: string,
};

