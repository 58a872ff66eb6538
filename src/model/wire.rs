//! Serde helpers for the quirks of the real wire format: uuids in two spellings, `null` where a
//! value was expected, RFC 3339 dates with `Z` or `+00:00`.

use serde::{Deserialize, Deserializer, Serializer};
use uuid::Uuid;

/// Parses a uuid the way the server's `UUIDField` does: 32 hex digits or the hyphenated form
/// (also braced or `urn:uuid:` prefixed), any case. `None` for anything else.
pub fn parse_uuid(text: &str) -> Option<Uuid> {
    Uuid::try_parse(text.trim()).ok()
}

/// Formats a uuid as the server emits top-level uuids: 32 lower-case hex digits.
pub fn uuid_to_hex(id: &Uuid) -> String {
    id.simple().to_string()
}

/// Normalises user input to the 32-hex form when it is a valid uuid; otherwise returns it trimmed,
/// so the server can name the bad value in its error.
pub fn normalize_uuid_input(text: &str) -> String {
    match parse_uuid(text) {
        Some(id) => uuid_to_hex(&id),
        None => text.trim().to_owned(),
    }
}

/// Reads a string without copying it when the input allows (the decoders run per field of
/// every item of a page, so this is on the hot path), then maps it with `read`.
pub(crate) fn with_str<'de, D, T>(
    deserializer: D,
    expecting: &'static str,
    read: impl FnOnce(&str) -> Result<T, String>,
) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
{
    struct Text<F>(&'static str, F);
    impl<'de, T, F: FnOnce(&str) -> Result<T, String>> serde::de::Visitor<'de> for Text<F> {
        type Value = T;
        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str(self.0)
        }
        fn visit_str<E: serde::de::Error>(self, value: &str) -> Result<T, E> {
            (self.1)(value).map_err(E::custom)
        }
    }
    deserializer.deserialize_str(Text(expecting, read))
}

/// `#[serde(with = "uuid_hex")]`: read either spelling, write 32-hex.
pub mod uuid_hex {
    use super::*;

    /// Writes the uuid as 32 lower-case hex digits.
    pub fn serialize<S: Serializer>(id: &Uuid, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(id.simple().encode_lower(&mut Uuid::encode_buffer()))
    }

    /// Reads a uuid in any spelling the server uses.
    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Uuid, D::Error> {
        with_str(deserializer, "a uuid", |text| {
            parse_uuid(text).ok_or_else(|| format!("invalid uuid {:?}", short(text)))
        })
    }
}

/// `#[serde(with = "uuid_hex_list")]`: a list of uuids, `null` read as empty.
pub mod uuid_hex_list {
    use super::*;
    use serde::ser::SerializeSeq;

    /// Writes each uuid as 32 lower-case hex digits.
    pub fn serialize<S: Serializer>(ids: &[Uuid], serializer: S) -> Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(Some(ids.len()))?;
        for id in ids {
            seq.serialize_element(&uuid_to_hex(id))?;
        }
        seq.end()
    }

    /// Reads a list of uuids; `null` is an empty list.
    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<Uuid>, D::Error> {
        #[derive(Deserialize)]
        struct Item(#[serde(with = "uuid_hex")] Uuid);
        let items = Option::<Vec<Item>>::deserialize(deserializer)?;
        Ok(items.unwrap_or_default().into_iter().map(|item| item.0).collect())
    }
}

/// `#[serde(deserialize_with = "null_as_default")]`: `null` reads as the type's default.
pub fn null_as_default<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Default + Deserialize<'de>,
{
    Ok(Option::<T>::deserialize(deserializer)?.unwrap_or_default())
}

/// The first 40 characters of a value, for error messages about it.
pub(crate) fn short(text: &str) -> String {
    let mut out: String = text.chars().take(40).collect();
    if text.chars().nth(40).is_some() {
        out.push('…');
    }
    out
}
