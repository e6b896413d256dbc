/**
 * What the serialized providers (./index.ts) load inside the dynamic provider
 * process: one function per operation, each taking the object kind first.
 * Loaded with `import()`, so nothing here is captured by serialization.
 */
export { check } from './check.js';
export { diff } from './diff.js';
export { create } from './create.js';
export { read } from './read.js';
export { update } from './update.js';
export { remove } from './delete.js';
