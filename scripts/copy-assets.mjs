// After `tsc`: copies the web chat's static files next to the compiled adapter.
import { cpSync } from 'node:fs';

cpSync('adapters/local/public', 'dist/adapters/local/public', { recursive: true });
