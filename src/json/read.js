// Reading parsed JSON from the wasm with one engine call per member instead of four or five
// (get, checks, copy). A getter that throws (a caller's own object) reads as absent; the
// decoders then take their general path, which reports the value.
export function stringMember(object, key) {
  try {
    const value = object[key];
    return typeof value === "string" ? value : undefined;
  } catch {
    return undefined;
  }
}

// 0 null (also undefined, functions, symbols, bigints), 1 boolean, 2 number, 3 string,
// 4 array, 5 object.
export function kindOf(value) {
  switch (typeof value) {
    case "boolean":
      return 1;
    case "number":
      return 2;
    case "string":
      return 3;
    case "object":
      if (value === null) return 0;
      try {
        return Array.isArray(value) ? 4 : 5;
      } catch {
        return 0;
      }
    default:
      return 0;
  }
}

const HEX32 = /^[0-9a-f]{32}$/;
const HYPHENATED = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const DATE = /^(\d{4})-(\d\d)-(\d\d)T(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d(?:\.(\d+))?(?:Z|\+00:00)$/;

// A date in UTC as the wasm writes it (`Timestamp::to_rfc3339`): `Z`, the fraction cut to nine
// digits and without trailing zeros; undefined for what the wasm must read (another offset, a
// leap second, a day the month does not have, another spelling).
function utcDate(text) {
  const date = DATE.exec(text);
  if (date === null) return undefined;
  const year = +date[1], month = +date[2], day = +date[3];
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const days = month === 2 ? (leap ? 29 : 28) : month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
  if (month < 1 || month > 12 || day < 1 || day > days) return undefined;
  const fraction = (date[4] ?? "").slice(0, 9).replace(/0+$/, "");
  return text.slice(0, 19) + (fraction ? "." + fraction : "") + "Z";
}

function write(target, key, value) {
  try {
    target[key] = value;
    return true;
  } catch {
    return false;
  }
}

const isObject = (value) => typeof value === "object" && value !== null && !Array.isArray(value);

// A uuid in 32 lower-case hex digits, the hyphenated lower-case spelling rewritten so.
const uuid = (target, key, value) =>
  typeof value === "string" &&
  (HEX32.test(value) || (HYPHENATED.test(value) && write(target, key, value.replaceAll("-", ""))));

// Whether `value` is canonical for `code` (made so where the engine can), as `normalizeFast`.
function fine(target, key, value, code) {
  if (code === 1) return typeof value === "string";
  if (code === 2) return typeof value === "boolean";
  if (code === 3) return uuid(target, key, value);
  if (code === 4) {
    const date = typeof value === "string" ? utcDate(value) : undefined;
    return date !== undefined && (date === value || write(target, key, date));
  }
  if (code instanceof Set) return code.has(value);
  if (code === 8) {
    if (value === undefined) return true;
    if (!Array.isArray(value) || value.length === 0) return false;
    for (let i = 0; i < value.length; i++) if (!uuid(value, i, value[i])) return false;
    return true;
  }
  if (!Array.isArray(code)) return false;
  const [kind, keys, codes] = code;
  if (kind === 5) return isObject(value) && normalizeFast(value, keys, codes) === 0;
  if (kind === 7 && value === undefined) return true;
  if (!Array.isArray(value) || (kind === 7 && value.length === 0)) return false;
  for (const item of value) if (!isObject(item) || normalizeFast(item, keys, codes) !== 0) return false;
  return true;
}

// The members of an object that are canonical already, or made so here, in one engine call:
// returns a mask with bit i set for each keys[i] the wasm must look at. codes[i] says what the
// member must be: 1 a string, 2 a boolean, 3 a uuid (32 lower-case hex digits; the hyphenated
// lower-case spelling is rewritten without its hyphens), 4 a date (rewritten as `utcDate`
// writes it), a Set of the
// state names written as they are, 8 an array of uuids left out when empty, and
// [5 | 6 | 7, keys, codes] an object, an array of objects, and one left out when empty, each
// fine only when all its members are; 0 always needs the wasm. What is left to the wasm may
// have been partly rewritten here: it is rewritten only to what the wasm would write.
export function normalizeFast(object, keys, codes) {
  let mask = 0;
  for (let i = 0; i < keys.length; i++) {
    let value;
    try {
      value = object[keys[i]];
    } catch {
      mask |= 1 << i;
      continue;
    }
    if (!fine(object, keys[i], value, codes[i])) mask |= 1 << i;
  }
  return mask >>> 0;
}
