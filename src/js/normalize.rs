//! Server answers made canonical where the engine parsed them: the schema tables
//! ([`crate::model::schema`]) walked over the JS objects, each member checked with the typed
//! decoders' own rules and rewritten only when its spelling differs (a hyphenated uuid, a
//! `+00:00` date, a label state, a `null` default). Names and other text are only
//! type-checked, never copied into wasm memory, so a page costs little more than `JSON.parse`.

use crate::prelude::*;

use crate::global::Global;
use crate::json::{normalize_fast, string_member, with_key, Json};
use crate::model::decode::Mismatch;
use crate::model::schema::{Member, Shape};
use crate::model::wire::{parse_uuid, uuid_to_hex};
use crate::model::{MigrationState, ResourceState, Timestamp};
use core::cell::RefCell;
use wasm_bindgen::prelude::*;

/// The member names of each schema as a JS array, and what each must hold to be canonical
/// (see [`normalize_fast`]), made once per schema, by the table's address.
static SCHEMAS: Global<RefCell<Vec<(usize, JsValue, JsValue)>>> = Global::new(RefCell::new(Vec::new()));

/// What `normalizeFast` (src/json/read.js) checks a member of `shape` against: 1 a string, 2 a
/// boolean, 3 a uuid, 4 a date, a `Set` of the state names written as they are, 8 an array of
/// uuids, `[5 | 6 | 7, keys, codes]` an object, an array of objects, a sparse one; 0 leaves
/// it to [`member`].
fn fast_code(shape: Shape) -> JsValue {
    let names = |names: &mut dyn Iterator<Item = &'static str>| {
        let set = js_sys::Set::new(&JsValue::UNDEFINED);
        for name in names {
            set.add(&JsValue::from_str(name));
        }
        set.into()
    };
    let nested = |kind: u8, members: &'static [Member]| {
        let (keys, codes) = schema(members);
        js_sys::Array::of3(&kind.into(), &keys, &codes).into()
    };
    match shape {
        Shape::Text => 1.into(),
        Shape::Flag => 2.into(),
        Shape::Uuid | Shape::OptionalUuid => 3.into(),
        Shape::Date => 4.into(),
        Shape::MigrationState => names(&mut MigrationState::wire_names()),
        Shape::ResourceState => names(&mut ResourceState::wire_names()),
        Shape::Object(members) => nested(5, members),
        Shape::Objects(members) => nested(6, members),
        Shape::SparseObjects(members) => nested(7, members),
        Shape::SparseUuids => 8.into(),
        Shape::Numbers => 0.into(),
    }
}

/// A schema's member names and codes as two JS arrays.
fn schema(members: &'static [Member]) -> (JsValue, JsValue) {
    let (keys, codes) = (js_sys::Array::new(), js_sys::Array::new());
    for (key, shape) in members {
        keys.push(&JsValue::from_str(key));
        codes.push(&fast_code(*shape));
    }
    (keys.into(), codes.into())
}

/// Makes the members of `object` canonical where the engine can alone; answers which are left
/// for [`member`], one bit each (`u32::MAX`, all of them, for a schema of more than 32).
fn fast(object: &JsValue, members: &'static [Member]) -> u32 {
    if members.len() > 32 {
        return u32::MAX;
    }
    let address = members.as_ptr() as usize;
    SCHEMAS.with(|schemas| {
        let Ok(mut schemas) = schemas.try_borrow_mut() else { return u32::MAX };
        if !schemas.iter().any(|(at, _, _)| *at == address) {
            let (keys, codes) = schema(members);
            schemas.push((address, keys, codes));
        }
        match schemas.iter().find(|(at, _, _)| *at == address) {
            Some((_, keys, codes)) => normalize_fast(object, keys, codes),
            None => u32::MAX,
        }
    })
}

fn get(object: &JsValue, key: &'static str) -> JsValue {
    with_key(key, |key| js_sys::Reflect::get(object, key)).unwrap_or(JsValue::UNDEFINED)
}

fn set(object: &JsValue, key: &'static str, value: &JsValue) {
    let _ = with_key(key, |key| js_sys::Reflect::set(object, key, value));
}

fn delete(object: &JsValue, key: &'static str) {
    if let Some(object) = wasm_bindgen::JsCast::dyn_ref::<js_sys::Object>(object) {
        let _ = with_key(key, |key| js_sys::Reflect::delete_property(object, key));
    }
}

fn mismatch(expected: &'static str, value: &JsValue) -> Mismatch {
    Mismatch::new(expected, &Json::from_js(value.clone()))
}

fn is_object(value: &JsValue) -> bool {
    value.is_object() && !js_sys::Array::is_array(value) && !value.is_function()
}

/// Replaces `text` by `canonical` when they differ.
fn canonical(object: &JsValue, key: &'static str, text: &str, canonical: &str) {
    if text != canonical {
        set(object, key, &JsValue::from_str(canonical));
    }
}

/// Normalises an object of `members` in place.
pub(crate) fn object(value: &JsValue, members: &'static [Member]) -> Result<(), Mismatch> {
    if !is_object(value) {
        return Err(mismatch("an object", value));
    }
    // What is canonical already, or the engine can make so (a hyphenated uuid, a `+00:00`
    // date), is done in one engine call; the rest member by member.
    let check = fast(value, members);
    for (at, (key, shape)) in members.iter().enumerate() {
        if at >= 32 || check & (1 << at) != 0 {
            member(value, key, *shape).map_err(|error| error.at_key(key))?;
        }
    }
    Ok(())
}

/// Normalises an array of objects of `members` in place.
pub(crate) fn objects(value: &JsValue, members: &'static [Member]) -> Result<(), Mismatch> {
    if !js_sys::Array::is_array(value) {
        return Err(mismatch("an array", value));
    }
    let array: &js_sys::Array = wasm_bindgen::JsCast::unchecked_ref(value);
    for index in 0..array.length() {
        object(&array.get(index), members).map_err(|error| error.at_index(index as usize))?;
    }
    Ok(())
}

/// A string member in its canonical spelling (a uuid as 32 hex digits, a date in UTC with `Z`,
/// a state as the current API spells it), rewritten only when it differs.
fn respell(object_value: &JsValue, key: &'static str, shape: Shape, text: &str) -> Result<(), Mismatch> {
    let found = || JsValue::from_str(text);
    let spelled = match shape {
        Shape::Date => Timestamp::parse(text).ok_or_else(|| mismatch("an RFC 3339 date-time", &found()))?.to_rfc3339(),
        Shape::MigrationState => MigrationState::from_wire(text).as_str().to_owned(),
        Shape::ResourceState => ResourceState::from_wire(text).as_str().to_owned(),
        _ => uuid_to_hex(&parse_uuid(text).ok_or_else(|| mismatch("a uuid", &found()))?),
    };
    canonical(object_value, key, text, &spelled);
    Ok(())
}

fn member(object_value: &JsValue, key: &'static str, shape: Shape) -> Result<(), Mismatch> {
    // Called for what `normalizeFast` left: a string to respell takes one engine call; what is
    // left (absent, `null`, a wrong type) takes the general path below.
    match shape {
        Shape::Uuid | Shape::OptionalUuid | Shape::Date | Shape::MigrationState | Shape::ResourceState => {
            if let Some(text) = string_member(object_value, key) {
                return respell(object_value, key, shape, &text);
            }
        }
        _ => {}
    }
    let value = get(object_value, key);
    let missing = value.is_undefined() || value.is_null();
    match shape {
        Shape::Uuid | Shape::OptionalUuid if missing => {
            if shape == Shape::Uuid {
                return Err(mismatch("a uuid", &value));
            }
            set(object_value, key, &JsValue::NULL);
        }
        Shape::Uuid | Shape::OptionalUuid => return Err(mismatch("a uuid", &value)),
        Shape::Date => return Err(mismatch("an RFC 3339 date-time", &value)),
        Shape::Text if missing => set(object_value, key, &JsValue::from_str("")),
        Shape::Text if !value.is_string() => return Err(mismatch("a string", &value)),
        Shape::Text => {}
        Shape::Flag if missing => set(object_value, key, &JsValue::FALSE),
        Shape::Flag if value.as_bool().is_none() => return Err(mismatch("a boolean", &value)),
        Shape::Flag => {}
        Shape::MigrationState | Shape::ResourceState => {
            // `null` reads as the unknown state, always written out; anything else is wrong.
            if !value.is_null() {
                return Err(mismatch("a state name", &value));
            }
            set(object_value, key, &JsValue::from_str(""));
            respell(object_value, key, shape, "")?;
        }
        Shape::Numbers if missing => set(object_value, key, &js_sys::Object::new()),
        Shape::Numbers => numbers(&value)?,
        Shape::Object(members) => {
            let value = if missing {
                let fresh: JsValue = js_sys::Object::new().into();
                set(object_value, key, &fresh);
                fresh
            } else {
                value
            };
            object(&value, members)?;
        }
        Shape::Objects(_) if missing => set(object_value, key, &js_sys::Array::new()),
        Shape::Objects(members) => objects(&value, members)?,
        Shape::SparseObjects(_) | Shape::SparseUuids if missing || empty_array(&value) => {
            if !value.is_undefined() {
                delete(object_value, key);
            }
        }
        Shape::SparseObjects(members) => objects(&value, members)?,
        Shape::SparseUuids => uuids(&value)?,
    }
    Ok(())
}

fn empty_array(value: &JsValue) -> bool {
    js_sys::Array::is_array(value) && wasm_bindgen::JsCast::unchecked_ref::<js_sys::Array>(value).length() == 0
}

/// An object of numbers: other members dropped.
fn numbers(value: &JsValue) -> Result<(), Mismatch> {
    if !is_object(value) {
        return Err(mismatch("an object of numbers", value));
    }
    let object: &js_sys::Object = wasm_bindgen::JsCast::unchecked_ref(value);
    for key in js_sys::Object::keys(object).iter() {
        if js_sys::Reflect::get(value, &key).ok().and_then(|member| member.as_f64()).is_none() {
            let _ = js_sys::Reflect::delete_property(object, &key);
        }
    }
    Ok(())
}

/// An array of uuids, each written as 32 hex digits.
fn uuids(value: &JsValue) -> Result<(), Mismatch> {
    if !js_sys::Array::is_array(value) {
        return Err(mismatch("an array", value));
    }
    let array: &js_sys::Array = wasm_bindgen::JsCast::unchecked_ref(value);
    for index in 0..array.length() {
        let item = array.get(index);
        let text = item.as_string().unwrap_or_default();
        let id = parse_uuid(&text).ok_or_else(|| mismatch("a uuid", &item).at_index(index as usize))?;
        let hex = uuid_to_hex(&id);
        if text != hex {
            array.set(index, JsValue::from_str(&hex));
        }
    }
    Ok(())
}
