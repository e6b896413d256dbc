import { scaleSuite } from './suites/scale.js';

scaleSuite('terraform');
