//! Waldur's and Django REST framework's texts and input rules, as the real server applies them.
//!
//! This is deliberately the fake's own copy, written from `spec/waldur-api.md` and the upstream
//! sources (`waldur_openstack_replication/serializers.py`, `waldur_core/core/authentication.py`,
//! DRF's fields), not shared with the client crate: a rule or a text misunderstood once must not
//! pass both sides' tests. Do not replace it with an import of `waldur_migrations`.

use std::net::Ipv4Addr;
use uuid::Uuid;

/// A required field is missing.
pub const REQUIRED: &str = "This field is required.";
/// A `CharField` got an empty or whitespace text.
pub const BLANK: &str = "This field may not be blank.";
/// `null` where a value is needed.
pub const NOT_NULL: &str = "This field may not be null.";
/// A `CharField` got something that is not text.
pub const NOT_A_STRING: &str = "Not a valid string.";
/// A `BooleanField` got something that is not a flag.
pub const NOT_A_BOOLEAN: &str = "Must be a valid boolean.";
/// A `UUIDField` got something else.
pub const INVALID_UUID: &str = "Must be a valid UUID.";
/// A uuid filter of a list is malformed (django-filter's `UUIDFilter`).
pub const INVALID_FILTER_UUID: &str = "Enter a valid UUID.";
/// The plan is not one of the chosen offering's.
pub const PLAN_NOT_OF_OFFERING: &str = "This plan is not available for selected offering.";
/// The plan's limit of resources is reached (marketplace's `validate_plan`).
pub const PLAN_LIMIT_REACHED: &str = "Plan is not available because limit has been reached.";
/// The user may not order in the source's project.
pub const NO_PERMISSION: &str = "User does not have enough permissions to migrate resource.";
/// `sync_instance_ports` together with subnet mappings.
pub const SYNC_PORTS_WITH_SUBNETS: &str = "sync_instance_ports cannot be used together with subnets mappings.";
/// A source without limits: the serializer raises a Python set, so DRF prints its repr, braces
/// and quotes included.
pub const SOURCE_WITHOUT_LIMITS: &str = "{'Source resource does not have limits set.'}";
/// A source volume type that is not the source tenant's. The real serializer passes the uuid
/// as the error *code*, so the `%s` stays in the text.
pub const SRC_TYPE_NOT_IN_TENANT: &str = "Invalid src_type_uuid %s as it is not available in tenant.";
/// A subnet CIDR that does not parse (netaddr, strict).
pub const INVALID_IPV4: &str = "Enter a valid IPv4 address.";
/// A subnet CIDR that is not a `/24`.
pub const MASK_NOT_24: &str = "Network mask length should be equal to 24.";
/// A subnet CIDR outside the private ranges.
pub const NOT_PRIVATE: &str = "A private network CIDR is expected.";
/// A page that does not exist.
pub const INVALID_PAGE: &str = "Invalid page.";
/// A migration the user cannot see, or that does not exist.
pub const NOT_FOUND: &str = "No Migration matches the given query.";
/// 401 without credentials (DRF's `NotAuthenticated`).
pub const NO_CREDENTIALS: &str = "Authentication credentials were not provided.";
/// 401 with an unknown API token.
pub const INVALID_TOKEN: &str = "Invalid token.";
/// 401: the keyword alone (`Authorization: Token`).
pub const TOKEN_MISSING: &str = "Invalid token. No credentials provided.";
/// 401: more than one word after the keyword.
pub const TOKEN_WITH_SPACES: &str = "Invalid token. Token string should not contain spaces.";
/// 401: a `Bearer` value that is not a JWT (an API token sent with the wrong keyword).
pub const INVALID_JWT: &str = "Invalid JWT token.";
/// 401: a JWT the identity provider's introspection does not know.
pub const BEARER_INACTIVE: &str = "Token is inactive or invalid.";

/// A related object that is unknown, invisible or malformed.
pub fn object_does_not_exist(value: &str) -> String {
    format!("Object with uuid={value} does not exist.")
}

/// A destination volume type of another cloud; the uuid as Python prints a `UUID` (hyphenated).
pub fn dst_type_not_in_settings(id: &Uuid) -> String {
    format!("Invalid dst_type_uuid {} as it is not available in service settings.", id.hyphenated())
}

/// A nested serializer got something other than an object.
pub fn expected_dictionary(got: &str) -> String {
    format!("Invalid data. Expected a dictionary, but got {got}.")
}

/// A list field got something other than a list.
pub fn expected_list(got: &str) -> String {
    format!("Expected a list of items but got type \"{got}\".")
}

/// A method the endpoint does not have.
pub fn method_not_allowed(method: &str) -> String {
    format!("Method \"{method}\" not allowed.")
}

/// A uuid in any form Python's `uuid.UUID` takes: 32 hex digits, hyphenated, braced or
/// `urn:uuid:`-prefixed, any case.
pub fn parse_uuid(text: &str) -> Option<Uuid> {
    Uuid::try_parse(text.trim()).ok()
}

/// Waldur's `validate_private_subnet_cidr`: a strict IPv4 network (host bits zero), a `/24`
/// mask, inside 10/8, 172.16/12 or 192.168/16. Returns the failing text.
pub fn check_subnet_cidr(text: &str) -> Result<(), &'static str> {
    let text = text.trim();
    let (address, prefix) = match text.split_once('/') {
        Some((address, mask)) => {
            let address: Ipv4Addr = address.parse().map_err(|_| INVALID_IPV4)?;
            let prefix = if mask.contains('.') {
                let bits = u32::from(mask.parse::<Ipv4Addr>().map_err(|_| INVALID_IPV4)?);
                // A netmask is ones then zeros.
                if bits.leading_ones() + bits.trailing_zeros() != 32 {
                    return Err(INVALID_IPV4);
                }
                bits.leading_ones()
            } else if !mask.is_empty() && mask.len() <= 2 && mask.bytes().all(|b| b.is_ascii_digit()) {
                mask.parse::<u32>().map_err(|_| INVALID_IPV4)?
            } else {
                return Err(INVALID_IPV4);
            };
            (address, prefix)
        }
        None => (text.parse().map_err(|_| INVALID_IPV4)?, 32),
    };
    if prefix > 32 {
        return Err(INVALID_IPV4);
    }
    let host_bits = if prefix == 32 { 0 } else { u32::MAX >> prefix };
    if u32::from(address) & host_bits != 0 {
        return Err(INVALID_IPV4);
    }
    if prefix != 24 {
        return Err(MASK_NOT_24);
    }
    let [a, b, ..] = address.octets();
    let private = a == 10 || (a == 172 && (16..=31).contains(&b)) || (a == 192 && b == 168);
    if !private {
        return Err(NOT_PRIVATE);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn subnet_rule() {
        for (cidr, expected) in [
            ("10.1.2.0/24", Ok(())),
            ("172.31.0.0/255.255.255.0", Ok(())),
            ("192.168.7.5/24", Err(INVALID_IPV4)),
            ("10.0.0.0/16", Err(MASK_NOT_24)),
            ("8.8.8.0/24", Err(NOT_PRIVATE)),
            ("172.32.0.0/24", Err(NOT_PRIVATE)),
            ("not a cidr", Err(INVALID_IPV4)),
            ("10.0.0.0/33", Err(INVALID_IPV4)),
            ("10.0.0.0/255.0.255.0", Err(INVALID_IPV4)),
        ] {
            assert_eq!(check_subnet_cidr(cidr), expected, "{cidr}");
        }
    }

    #[test]
    fn texts_as_python_prints_them() {
        let id = Uuid::parse_str("1f8a8d6458a44c529b5e2d3f8e6a7b10").unwrap();
        assert_eq!(
            dst_type_not_in_settings(&id),
            "Invalid dst_type_uuid 1f8a8d64-58a4-4c52-9b5e-2d3f8e6a7b10 as it is not available in service settings."
        );
        assert!(SRC_TYPE_NOT_IN_TENANT.contains("%s"));
    }
}
