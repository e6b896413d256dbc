import { scaleSuite } from './suites/scale.js';

scaleSuite('tofu');
