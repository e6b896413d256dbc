/**
 * Shared by the unit tests that run Pulumi with mocks (not a test file): a
 * mock engine that records every resource registered, answers like the agent
 * would (ids, computed fields), and a way to await an Output's value.
 */
import * as pulumi from '@pulumi/pulumi';

export interface Registered {
  type: string;
  name: string;
  inputs: Record<string, unknown>;
  custom: boolean;
}

export const PROJECT = 'lbaas-test';
export const STACK = 'unit';

/** Starts mocks; returns the list the mocks append every registered resource to. */
export async function useMocks(): Promise<Registered[]> {
  const registered: Registered[] = [];
  await pulumi.runtime.setMocks(
    {
      newResource(args) {
        registered.push({ type: args.type, name: args.name, inputs: args.inputs as Record<string, unknown>, custom: args.custom ?? true });
        const state: Record<string, unknown> = { ...args.inputs, provisioningStatus: 'ACTIVE', inSync: true, revision: 1 };
        if (args.type.endsWith(':Vip') && state.address === undefined) state.address = '10.0.0.99';
        return { id: `${args.name}-id`, state };
      },
      call: (args) => args.inputs as Record<string, unknown>,
    },
    PROJECT,
    STACK,
    false,
  );
  return registered;
}

/** The value of an Output (mocks resolve everything; a preview would not). */
export function valueOf<T>(o: pulumi.Input<T>): Promise<T> {
  return new Promise((resolve) => pulumi.output(o).apply((v) => resolve(v as T)));
}

/** A secret input as the mock engine receives it: the value under the secret signature. */
export function isSecretValue(v: unknown): boolean {
  return pulumi.runtime.isRpcSecret(v);
}

export function unwrap(v: unknown): unknown {
  return pulumi.runtime.unwrapRpcSecret(v);
}
