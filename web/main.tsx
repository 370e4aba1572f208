// The page's entry: small on purpose. It starts the reference reads at once, beside the download of
// the app's code (about 1.5 MB, most of it MapLibre) instead of after it has been parsed and run,
// then loads the app (start.tsx).
import './csp.ts';
import { startReference } from './app/reference.ts';

startReference(location.search);
void import('./start.tsx');
