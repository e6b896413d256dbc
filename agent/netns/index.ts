/** Network namespaces for pools: naming, ownership markers, devices, addresses, routes, GARP, inspection. */
export * from './errors.js';
export * from './names.js';
export * from './marker.js';
export * from './ip.js';
export * from './namespace.js';
export * from './device.js';
export * from './l3.js';
export * from './garp.js';
export * from './inspect.js';
