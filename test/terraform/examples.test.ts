import { examplesSuite } from './suites/examples.js';

examplesSuite('terraform');
