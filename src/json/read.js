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

// What a member is: as kindOf, or 6 when it is absent (undefined).
export function memberKind(object, key) {
  let value;
  try {
    value = object[key];
  } catch {
    return 0;
  }
  return value === undefined ? 6 : kindOf(value);
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
