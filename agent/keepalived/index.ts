/** keepalived per ACTIVE_STANDBY pool: model and checks, rendering, config file, process, role, manager. */
export * from './errors.js';
export * from './model.js';
export * from './render.js';
export * from './script.js';
export * from './config-file.js';
export * from './process.js';
export * from './role.js';
export * from './manager.js';
