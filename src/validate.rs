//! Client-side validation with the server's own rules and texts, so invalid input never reaches
//! the network and a form can show the same message the server would have sent.

use crate::prelude::*;

use crate::error::FieldErrors;
use crate::model::wire::parse_uuid;
use crate::model::{MappingRequest, MigrationCreateRequest, MigrationDetailsRequest, PatchedMigrationDetailsRequest};

/// The exact texts the real server uses (Django REST framework and Waldur).
pub mod texts {
    /// A required field is missing.
    pub const REQUIRED: &str = "This field is required.";
    /// A text field is empty or whitespace.
    pub const BLANK: &str = "This field may not be blank.";
    /// A `UUIDField` got something else.
    pub const INVALID_UUID: &str = "Must be a valid UUID.";
    /// A uuid filter in the query string is malformed.
    pub const INVALID_FILTER_UUID: &str = "Enter a valid UUID.";
    /// The plan does not belong to the chosen offering.
    pub const PLAN_NOT_OF_OFFERING: &str = "This plan is not available for selected offering.";
    /// The plan's limit of resources is reached.
    pub const PLAN_LIMIT_REACHED: &str = "Plan is not available because limit has been reached.";
    /// The user may not order in the source's project.
    pub const NO_PERMISSION: &str = "User does not have enough permissions to migrate resource.";
    /// `sync_instance_ports` together with subnet mappings.
    pub const SYNC_PORTS_WITH_SUBNETS: &str = "sync_instance_ports cannot be used together with subnets mappings.";
    /// The source resource has no limits (the braces and quotes are in the server's text).
    pub const SOURCE_WITHOUT_LIMITS: &str = "{'Source resource does not have limits set.'}";
    /// A subnet CIDR that does not parse.
    pub const INVALID_IPV4: &str = "Enter a valid IPv4 address.";
    /// A subnet CIDR that is not a `/24`.
    pub const MASK_NOT_24: &str = "Network mask length should be equal to 24.";
    /// A subnet CIDR outside 10/8, 172.16/12 and 192.168/16.
    pub const NOT_PRIVATE: &str = "A private network CIDR is expected.";
    /// A page number that does not exist.
    pub const INVALID_PAGE: &str = "Invalid page.";
    /// 404 for a migration the user cannot see or that does not exist.
    pub const NOT_FOUND: &str = "No Migration matches the given query.";
    /// 401 without credentials.
    pub const NO_CREDENTIALS: &str = "Authentication credentials were not provided.";
    /// 401 with an unknown token.
    pub const INVALID_TOKEN: &str = "Invalid token.";

    /// A related object that is unknown, invisible or malformed.
    pub fn object_does_not_exist(value: &str) -> alloc::string::String {
        super::concat(&["Object with uuid=", value, " does not exist."])
    }
}

/// The parts joined, without formatting machinery (this runs in the wasm).
pub(crate) fn concat(parts: &[&str]) -> String {
    let mut out = String::with_capacity(parts.iter().map(|part| part.len()).sum());
    for part in parts {
        out.push_str(part);
    }
    out
}

/// The parts with `separator` between them: one function for every caller (`[T]::join` is a
/// generic copy of 1 kB of wasm).
pub(crate) fn join<S: AsRef<str>>(parts: &[S], separator: &str) -> String {
    let mut out = String::new();
    for (index, part) in parts.iter().enumerate() {
        if index > 0 {
            out.push_str(separator);
        }
        out.push_str(part.as_ref());
    }
    out
}

/// `prefix.list[index].field` (or `prefix.list[index]` without a field).
fn item_path(prefix: &str, list: &str, index: usize, field: &str) -> String {
    let index = crate::json::u64_text(index as u64);
    if field.is_empty() {
        concat(&[prefix, ".", list, "[", &index, "]"])
    } else {
        concat(&[prefix, ".", list, "[", &index, "].", field])
    }
}

/// True for a uuid in a spelling the server accepts (32 hex digits or hyphenated).
pub fn is_valid_uuid(text: &str) -> bool {
    parse_uuid(text).is_some()
}

/// An IPv4 address as `Ipv4Addr::from_str` (and Python's `ipaddress`) read it: four decimal
/// octets of at most three digits, no leading zero, each at most 255. (Written out: the
/// standard parser brings 1.2 kB of wasm.)
fn parse_ipv4(text: &str) -> Option<u32> {
    let mut bits = 0u32;
    let mut octets = 0;
    for octet in text.split('.') {
        let digits = octet.as_bytes();
        let well_formed = !digits.is_empty()
            && digits.len() <= 3
            && digits.iter().all(u8::is_ascii_digit)
            && (digits.first() != Some(&b'0') || digits.len() == 1);
        if !well_formed || octets == 4 {
            return None;
        }
        let value = digits.iter().fold(0u32, |n, d| n * 10 + u32::from(d - b'0'));
        if value > 255 {
            return None;
        }
        bits = bits << 8 | value;
        octets += 1;
    }
    (octets == 4).then_some(bits)
}

/// Whether an address is in 10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16.
fn is_private(bits: u32) -> bool {
    bits >> 24 == 10 || bits >> 20 == (172 << 4 | 1) || bits >> 16 == (192 << 8 | 168)
}

/// Checks one subnet CIDR as the server does: an IPv4 network (host bits zero) with a `/24`
/// mask inside 10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16. Returns the server's text.
pub fn check_subnet_cidr(text: &str) -> Result<(), &'static str> {
    let text = text.trim();
    let (address, prefix) = match text.split_once('/') {
        Some((address, mask)) => {
            let address = parse_ipv4(address).ok_or(texts::INVALID_IPV4)?;
            let prefix = if mask.contains('.') {
                let bits = parse_ipv4(mask).ok_or(texts::INVALID_IPV4)?;
                // A netmask is ones, then zeros.
                if bits.leading_ones() + bits.trailing_zeros() != 32 {
                    return Err(texts::INVALID_IPV4);
                }
                bits.leading_ones()
            } else if !mask.is_empty() && mask.len() <= 2 && mask.bytes().all(|b| b.is_ascii_digit()) {
                crate::json::parse_u32(mask).ok_or(texts::INVALID_IPV4)?
            } else {
                return Err(texts::INVALID_IPV4);
            };
            (address, prefix)
        }
        None => (parse_ipv4(text).ok_or(texts::INVALID_IPV4)?, 32),
    };
    if prefix > 32 {
        return Err(texts::INVALID_IPV4);
    }
    let host_bits = u32::MAX.checked_shr(prefix).unwrap_or(0);
    if address & host_bits != 0 {
        // Python's strict `IPv4Network` rejects host bits; the server reports it as invalid.
        return Err(texts::INVALID_IPV4);
    }
    if prefix != 24 {
        return Err(texts::MASK_NOT_24);
    }
    if !is_private(address) {
        return Err(texts::NOT_PRIVATE);
    }
    Ok(())
}

fn check_related_uuid(errors: &mut FieldErrors, path: &str, value: &str) {
    if value.trim().is_empty() {
        errors.add(path, texts::REQUIRED);
    } else if !is_valid_uuid(value) {
        errors.add(path, texts::object_does_not_exist(value.trim()));
    }
}

fn check_text(errors: &mut FieldErrors, path: &str, value: Option<&str>) {
    if value.is_some_and(|text| text.trim().is_empty()) {
        errors.add(path, texts::BLANK);
    }
}

/// Checks mappings as the server does; paths start with `prefix` (`mappings`).
pub fn validate_mappings(mappings: &MappingRequest, prefix: &str, errors: &mut FieldErrors) {
    for (index, pair) in mappings.volume_types.iter().enumerate() {
        for (field, value) in [("src_type_uuid", &pair.src_type_uuid), ("dst_type_uuid", &pair.dst_type_uuid)] {
            if !is_valid_uuid(value) {
                errors.add(item_path(prefix, "volume_types", index, field), texts::INVALID_UUID);
            }
        }
    }
    for (index, pair) in mappings.subnets.iter().enumerate() {
        for (field, value) in [("src_cidr", &pair.src_cidr), ("dst_cidr", &pair.dst_cidr)] {
            let path = item_path(prefix, "subnets", index, field);
            if value.trim().is_empty() {
                errors.add(path, texts::BLANK);
            } else if let Err(message) = check_subnet_cidr(value) {
                errors.add(path, message);
            }
        }
    }
    for (index, network) in mappings.networks.iter().enumerate() {
        if !is_valid_uuid(network) {
            errors.add(item_path(prefix, "networks", index, ""), texts::INVALID_UUID);
        }
    }
    if mappings.sync_instance_ports && !mappings.subnets.is_empty() {
        errors.add("non_field_errors", texts::SYNC_PORTS_WITH_SUBNETS);
    }
}

/// Checks a create body: required uuids, uuid format, non-blank name and description, and the
/// mappings. Empty when the server would accept the shape.
pub fn validate_create(request: &MigrationCreateRequest) -> FieldErrors {
    let mut errors = FieldErrors::new();
    check_related_uuid(&mut errors, "src_resource", &request.src_resource);
    check_related_uuid(&mut errors, "dst_offering", &request.dst_offering);
    check_related_uuid(&mut errors, "dst_plan", &request.dst_plan);
    check_text(&mut errors, "name", request.name.as_deref());
    check_text(&mut errors, "description", request.description.as_deref());
    if let Some(mappings) = &request.mappings {
        validate_mappings(mappings, "mappings", &mut errors);
    }
    errors
}

/// Checks a PUT body: `mappings` is required.
pub fn validate_update(request: &MigrationDetailsRequest) -> FieldErrors {
    let mut errors = FieldErrors::new();
    match &request.mappings {
        Some(mappings) => validate_mappings(mappings, "mappings", &mut errors),
        None => errors.add("mappings", texts::REQUIRED),
    }
    errors
}

/// Checks a PATCH body.
pub fn validate_partial_update(request: &PatchedMigrationDetailsRequest) -> FieldErrors {
    let mut errors = FieldErrors::new();
    if let Some(mappings) = &request.mappings {
        validate_mappings(mappings, "mappings", &mut errors);
    }
    errors
}

#[cfg(test)]
mod tests {
    use super::{is_private, parse_ipv4};
    use core::net::Ipv4Addr;

    /// The written-out parser agrees with the standard one, including on what it rejects.
    #[test]
    fn ipv4_as_the_standard_parser() {
        let parts = ["0", "1", "00", "01", "10", "192", "255", "256", "999", "1000", "", " 1", "+1", "-1", "a"];
        let mut texts = vec!["1.2.3", "1.2.3.4.5", "1..2.3", "1.2.3.4.", ".1.2.3.4", "1.2.3.4/24", "١.2.3.4"];
        let owned: Vec<String> = parts
            .iter()
            .flat_map(|a| parts.iter().map(move |b| [*a, "168", *b, "0"].join(".")))
            .chain(parts.iter().map(|a| [*a, *a, *a, *a].join(".")))
            .collect();
        texts.extend(owned.iter().map(String::as_str));
        for text in texts {
            let expected = text.parse::<Ipv4Addr>().ok();
            assert_eq!(parse_ipv4(text), expected.map(u32::from), "{text:?}");
            if let Some(address) = expected {
                assert_eq!(is_private(u32::from(address)), address.is_private(), "{text:?}");
            }
        }
        for text in
            ["172.15.255.255", "172.16.0.0", "172.31.255.255", "172.32.0.0", "192.167.1.1", "192.168.1.1", "9.1.1.1"]
        {
            let address: Ipv4Addr = text.parse().unwrap();
            assert_eq!(is_private(u32::from(address)), address.is_private(), "{text}");
        }
    }
}
