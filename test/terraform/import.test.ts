import { importSuite } from './suites/import.js';

importSuite('terraform');
