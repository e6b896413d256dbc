/** DynamicValue ↔ framework values. We always answer in msgpack (JSON cannot carry unknowns). */
import { decodeJsonValue } from '../cty/json.js';
import { decodeMsgpack, encodeMsgpack } from '../cty/msgpack.js';
import type { CtyType, ObjectType } from '../cty/types.js';
import { isObject, type Value, type ValueObject } from '../cty/value.js';
import type { DynamicValue } from '../wire.js';

export function decodeDynamic(type: CtyType, dv: DynamicValue | undefined | null): Value {
  if (dv?.msgpack?.length) return decodeMsgpack(type, dv.msgpack);
  if (dv?.json?.length) return decodeJsonValue(type, dv.json);
  return null;
}

/** An object-typed DynamicValue (config, state, plan); null stays null. */
export function decodeObject(type: ObjectType, dv: DynamicValue | undefined | null): ValueObject | null {
  const v = decodeDynamic(type, dv);
  if (v === null) return null;
  if (!isObject(v)) throw new TypeError('expected an object value (an unknown whole object is not supported here)');
  return v;
}

export function encodeDynamic(type: CtyType, v: Value): DynamicValue {
  return { msgpack: Buffer.from(encodeMsgpack(type, v)) };
}
