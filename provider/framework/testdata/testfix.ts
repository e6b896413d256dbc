/**
 * Test-only provider "testfix" for the end-to-end tests with the real
 * terraform CLI: one resource whose objects live in a JSON file, and a data
 * source reading them. It exercises every planning rule the framework has.
 */
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import {
  type DataSource,
  getAttr,
  isUnknown,
  oneOf,
  type Provider,
  type Resource,
  requiresReplace,
  t,
  unknownOnUpdate,
  useStateForUnknown,
  type Value,
  type ValueObject,
} from '../index.js';

/** The value, or the fallback when it is null or not yet known. */
const or = (v: Value, fallback: Value): Value => (v === null || isUnknown(v) ? fallback : v);

interface Store {
  next: number;
  things: Record<string, ValueObject>;
}

class FileStore {
  constructor(readonly path: string) {}
  load(): Store {
    try {
      return JSON.parse(readFileSync(this.path, 'utf8')) as Store;
    } catch {
      return { next: 1, things: {} };
    }
  }
  save(s: Store): void {
    writeFileSync(`${this.path}.tmp`, JSON.stringify(s, null, 2));
    renameSync(`${this.path}.tmp`, this.path);
  }
}

const thing: Resource<FileStore> = {
  schema: {
    description: 'A thing stored in a JSON file.',
    attributes: {
      id: { type: t.string, computed: true, planModifiers: [useStateForUnknown()] },
      name: { type: t.string, required: true },
      zone: { type: t.string, required: true, planModifiers: [requiresReplace()] },
      size: { type: t.number, optional: true, computed: true, default: 1 },
      tags: { type: t.map(t.string), optional: true },
      labels: { type: t.set(t.string), optional: true },
      secret: { type: t.string, optional: true, sensitive: true },
      address: { type: t.string, optional: true, computed: true, planModifiers: [requiresReplace()] },
      created_at: { type: t.string, computed: true },
      revision: { type: t.number, computed: true, planModifiers: [unknownOnUpdate()] },
      meta: { computed: true, attributes: { owner: { type: t.string, computed: true } } },
      options: { optional: true, attributes: { level: { type: t.string, optional: true }, color: { type: t.string, optional: true, computed: true } } },
    },
    blocks: {
      settings: {
        attributes: {
          mode: { type: t.string, optional: true, validators: [oneOf('a', 'b')] },
          port: { type: t.number, optional: true, computed: true },
        },
      },
    },
  },

  async create(req, resp) {
    const store = req.providerData!;
    const s = store.load();
    const n = s.next++;
    const p = req.plan;
    const settings = getAttr(p, 'settings') as ValueObject | null;
    const options = getAttr(p, 'options') as ValueObject | null;
    const obj: ValueObject = {
      ...p,
      id: `thing-${n}`,
      address: or(getAttr(p, 'address'), `10.0.0.${n}`),
      created_at: `created-${n}`,
      revision: 1,
      meta: { owner: 'fixture' },
      settings: settings ? { ...settings, port: or(getAttr(settings, 'port'), 8080) } : null,
      options: options ? { ...options, color: or(getAttr(options, 'color'), 'blue') } : null,
    };
    s.things[obj.id as string] = obj;
    store.save(s);
    resp.state = obj;
  },

  async read(req, resp) {
    const obj = req.providerData!.load().things[req.state.id as string];
    resp.state = obj ?? null;
  },

  async update(req, resp) {
    const store = req.providerData!;
    const s = store.load();
    const id = req.state.id as string;
    const old = s.things[id];
    if (!old) {
      resp.diagnostics.error('Thing vanished', `thing ${id} is no longer in the store`);
      return;
    }
    const settings = getAttr(req.plan, 'settings') as ValueObject | null;
    const obj: ValueObject = {
      ...req.plan,
      revision: (old.revision as number) + 1,
      settings: settings ? { ...settings, port: or(getAttr(settings, 'port'), 8080) } : null,
    };
    s.things[id] = obj;
    store.save(s);
    resp.state = obj;
  },

  async delete(req, resp) {
    const store = req.providerData!;
    const s = store.load();
    if (getAttr(req.state, 'name') === 'undeletable') {
      resp.diagnostics.error('Cannot delete', 'this thing refuses');
      return;
    }
    delete s.things[req.state.id as string];
    store.save(s);
  },

  validateConfig(req, resp) {
    if (getAttr(req.config, 'name') === 'forbidden') resp.diagnostics.error('Forbidden name', 'pick another name', ['name']);
  },
};

const thingData: DataSource<FileStore> = {
  schema: {
    attributes: {
      id: { type: t.string, required: true },
      name: { type: t.string, computed: true },
      zone: { type: t.string, computed: true },
      revision: { type: t.number, computed: true },
    },
  },
  async read(req, resp) {
    const id = getAttr(req.config, 'id') as string;
    const obj = req.providerData!.load().things[id];
    if (!obj) {
      resp.diagnostics.error('No such thing', `thing ${id} does not exist`, ['id']);
      return;
    }
    resp.state = { id, name: obj.name!, zone: obj.zone!, revision: obj.revision! };
  },
};

export const provider: Provider<FileStore> = {
  typeName: 'testfix',
  version: '0.0.1',
  schema: { attributes: { store: { type: t.string, optional: true, description: 'JSON file holding the objects (default $TESTFIX_STORE).' } } },
  resources: { testfix_thing: thing },
  dataSources: { testfix_thing: thingData },
  async configure(req, resp) {
    const path = (getAttr(req.config, 'store') as string | null) ?? process.env.TESTFIX_STORE;
    if (!path) {
      resp.diagnostics.error('Missing store', 'set store or TESTFIX_STORE', ['store']);
      return;
    }
    resp.providerData = new FileStore(path);
  },
};

