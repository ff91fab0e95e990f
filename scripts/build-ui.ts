/** `npm run build:ui`: build the web UI into ui/dist (serve and demo also do it when it is stale). */
import { ensureUiBuilt } from '../src/server/ui-build.ts';

const result = await ensureUiBuilt({ force: process.argv.includes('--force'), log: (line) => process.stderr.write(line + '\n') });
if (result.warning) process.stderr.write(`warning: ${result.warning}\n`);
process.stdout.write(result.built ? `built ${result.dir}\n` : `${result.dir ?? 'ui/dist'} is up to date\n`);
