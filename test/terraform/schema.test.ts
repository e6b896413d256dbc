import { schemaSuite } from './suites/schema.js';

schemaSuite('terraform');
