/** Typed wrappers over ovs-vsctl: reachability, datapath, bridges, owned ports. */
export * from './errors.js';
export * from './vsctl.js';
export * from './db.js';
export * from './datapath.js';
export * from './bridge.js';
export * from './port.js';
export { parseTable, decodeValue } from './ovsdb-json.js';
