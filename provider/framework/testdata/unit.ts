/** A provider for framework unit tests (no process, no Terraform). */
import { requiresReplace, t, unknownOnUpdate, useStateForUnknown, type Provider, type Resource, type ValueObject } from '../index.js';

export function unitResource(overrides: Partial<Resource<unknown>> = {}): Resource<unknown> {
  return {
    schema: {
      attributes: {
        id: { type: t.string, computed: true, planModifiers: [useStateForUnknown()] },
        name: { type: t.string, required: true },
        zone: { type: t.string, required: true, planModifiers: [requiresReplace()] },
        size: { type: t.number, optional: true, computed: true, default: 1 },
        note: { type: t.string, optional: true },
        address: { type: t.string, optional: true, computed: true },
        status: { type: t.string, computed: true },
        revision: { type: t.number, computed: true, planModifiers: [unknownOnUpdate()] },
        labels: { type: t.set(t.string), optional: true, planModifiers: [requiresReplace()] },
        nested: { optional: true, attributes: { a: { type: t.string, optional: true }, b: { type: t.string, optional: true, computed: true } } },
      },
      blocks: {
        settings: { attributes: { mode: { type: t.string, optional: true }, port: { type: t.number, optional: true, computed: true } } },
      },
    },
    async create(req, resp) {
      resp.state = { ...req.plan, id: 'x1', address: '10.0.0.1', status: 'ACTIVE', revision: 1 };
    },
    async read(req, resp) {
      resp.state = req.state;
    },
    async update(req, resp) {
      resp.state = { ...req.plan, revision: 2 };
    },
    async delete() {},
    ...overrides,
  };
}

export function unitProvider(resource: Resource<unknown> = unitResource()): Provider<unknown> {
  return {
    typeName: 'unit',
    version: '0',
    schema: { attributes: {} },
    resources: { unit_thing: resource },
    dataSources: {},
    async configure() {},
  };
}

/** A full state object of unit_thing. */
export function unitState(o: ValueObject = {}): ValueObject {
  return {
    id: 'x1',
    name: 'n',
    zone: 'z1',
    size: 1,
    note: null,
    address: '10.0.0.1',
    status: 'ACTIVE',
    revision: 1,
    labels: null,
    nested: null,
    settings: null,
    ...o,
  };
}
