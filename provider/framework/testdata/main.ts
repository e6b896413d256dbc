/** Entry point of the test provider; the provider module loads after the handshake. */
import { serve } from '../../protocol/serve.js';

serve(() => import('./testfix.js').then((m) => m.provider));
