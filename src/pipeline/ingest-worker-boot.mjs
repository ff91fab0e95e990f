// Ingest thread bootstrap: TypeScript through tsx, whether or not the parent was started with it.
import { register } from 'tsx/esm/api';

register();
await import('./ingest-worker.ts');
