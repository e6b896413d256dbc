/**
 * What the serialized providers load inside the dynamic provider process:
 * one function per operation, each taking the object kind first. Loaded with
 * `import()`, so nothing here is captured by serialization.
 *
 * This is the case boundary: the engine and the program see camelCase
 * properties (`protocolPort`, `sessionPersistence.cookieName`); the
 * operations behind it, like the agent, see the schema's snake_case names.
 * Settings (`endpoint`, `waitSeconds` …) and `__provider` pass unchanged.
 */
import type { dynamic } from '@pulumi/pulumi';
import { camelName, snakeName, toCamel, toSnake } from '../../schema/case.js';
import type { Kind } from '../../schema/resources.js';
import { check as checkSnake } from './check.js';
import { create as createSnake } from './create.js';
import { remove as removeSnake } from './delete.js';
import { diff as diffSnake } from './diff.js';
import { CARRIED_KEYS, PROVIDER_KEY } from './keys.js';
import { read as readSnake } from './read.js';
import { ResourceInitError } from './settle.js';
import { update as updateSnake } from './update.js';

type Props = Record<string, unknown>;

function rename(props: Props | undefined, name: (k: string) => string, deep: (v: unknown) => unknown): Props {
  const out: Props = {};
  for (const [k, v] of Object.entries(props ?? {})) {
    if (k === PROVIDER_KEY || CARRIED_KEYS.includes(k)) out[k] = v;
    else out[name(k)] = deep(v);
  }
  return out;
}

/** Engine properties → the agent's names. */
export const toWire = (props: Props | undefined): Props => rename(props, snakeName, toSnake);
/** The agent's names → engine properties. */
export const fromWire = (props: Props | undefined): Props => rename(props, camelName, toCamel);

/** A partial failure keeps its properties: they are outputs too. */
async function outward<T>(f: () => Promise<T>): Promise<T> {
  try {
    return await f();
  } catch (err) {
    if (err instanceof ResourceInitError) throw new ResourceInitError(err.id, fromWire(err.properties), err.reasons);
    throw err;
  }
}

export async function check(kind: Kind, olds: Props, news: Props): Promise<dynamic.CheckResult> {
  const r = await checkSnake(kind, toWire(olds), toWire(news));
  return {
    inputs: fromWire(r.inputs as Props),
    failures: (r.failures ?? []).map((f) => ({ property: camelName(f.property), reason: f.reason })),
  };
}

export async function diff(kind: Kind, id: string, olds: Props, news: Props): Promise<dynamic.DiffResult> {
  const r = await diffSnake(kind, id, toWire(olds), toWire(news));
  return { ...r, replaces: (r.replaces ?? []).map(camelName), stables: (r.stables ?? []).map(camelName) };
}

export async function create(kind: Kind, inputs: Props): Promise<dynamic.CreateResult> {
  const r = await outward(() => createSnake(kind, toWire(inputs)));
  return { id: r.id, outs: fromWire(r.outs as Props) };
}

export async function read(kind: Kind, id: string, props: Props = {}): Promise<dynamic.ReadResult> {
  const r = await readSnake(kind, id, toWire(props));
  return { ...r, ...(r.props ? { props: fromWire(r.props as Props) } : {}), ...(r.inputs ? { inputs: fromWire(r.inputs as Props) } : {}) };
}

export async function update(kind: Kind, id: string, olds: Props, news: Props): Promise<dynamic.UpdateResult> {
  const r = await outward(() => updateSnake(kind, id, toWire(olds), toWire(news)));
  return { outs: fromWire(r.outs as Props) };
}

export async function remove(kind: Kind, id: string, props: Props): Promise<void> {
  await removeSnake(kind, id, toWire(props));
}
