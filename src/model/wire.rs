//! The real wire's uuid spellings: read either form, write 32 lower-case hex digits.

use crate::prelude::*;

use uuid::Uuid;

/// Parses a uuid the way the server's `UUIDField` does: 32 hex digits or the hyphenated form
/// (also braced or `urn:uuid:` prefixed), any case. `None` for anything else.
pub fn parse_uuid(text: &str) -> Option<Uuid> {
    Uuid::try_parse(text.trim()).ok()
}

/// Formats a uuid as the server emits top-level uuids: 32 lower-case hex digits.
pub fn uuid_to_hex(id: &Uuid) -> String {
    id.simple().encode_lower(&mut Uuid::encode_buffer()).to_owned()
}

/// Normalises user input to the 32-hex form when it is a valid uuid; otherwise returns it trimmed,
/// so the server can name the bad value in its error.
pub fn normalize_uuid_input(text: &str) -> String {
    match parse_uuid(text) {
        Some(id) => uuid_to_hex(&id),
        None => text.trim().to_owned(),
    }
}

/// The first 40 characters of a value, for error messages about it.
pub(crate) fn short(text: &str) -> String {
    for (count, (at, _)) in text.char_indices().enumerate() {
        if count == 40 {
            let mut out = text.get(..at).unwrap_or(text).to_owned();
            out.push('…');
            return out;
        }
    }
    text.to_owned()
}

#[cfg(test)]
mod tests {
    use super::short;

    #[test]
    fn short_keeps_forty_characters() {
        assert_eq!(short(""), "");
        let forty = "é".repeat(40);
        assert_eq!(short(&forty), forty);
        assert_eq!(short(&(forty.clone() + "x")), forty.clone() + "…");
        assert_eq!(short(&"ab".repeat(50)), "ab".repeat(20) + "…");
    }
}
