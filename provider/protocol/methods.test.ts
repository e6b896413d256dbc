import test from 'ava';
import { loadServices } from './load.js';
import { METHODS, rawServiceDefinition, type ServiceName } from './methods.js';

test('the static method list matches the .proto services', (t) => {
  const services = loadServices();
  for (const name of Object.keys(METHODS) as ServiceName[]) {
    const fromProto = Object.fromEntries(Object.entries(services[name]).map(([m, d]) => [m, [d.path, d.requestStream, d.responseStream]]));
    const raw = Object.fromEntries(Object.entries(rawServiceDefinition(name)).map(([m, d]) => [m, [d.path, d.requestStream, d.responseStream]]));
    t.deepEqual(raw, fromProto, name);
  }
});

test('proto-loader options: field names kept, oneofs named, bytes as Buffer', (t) => {
  const def = loadServices()['tfplugin6.Provider'].PlanResourceChange!;
  const bytes = def.responseSerialize({
    planned_state: { msgpack: Buffer.from([0xc0]) },
    requires_replace: [{ steps: [{ attribute_name: 'zone' }, { element_key_int: 2 }] }],
    diagnostics: [{ severity: 1, summary: 's' }],
  });
  const back = def.responseDeserialize(bytes) as Record<string, unknown>;
  t.deepEqual(back.requires_replace, [{ steps: [{ attribute_name: 'zone', selector: 'attribute_name' }, { element_key_int: 2, selector: 'element_key_int' }] }]);
  t.true(Buffer.isBuffer((back.planned_state as { msgpack: Buffer }).msgpack));
});
