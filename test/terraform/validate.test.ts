import { validateSuite } from './suites/validate.js';

validateSuite('terraform');
