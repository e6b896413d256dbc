import { releaseSuite } from './suites/release.js';

await releaseSuite('tofu');
