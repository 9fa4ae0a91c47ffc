import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';

// Angular's packages are partially compiled; outside an Angular build they need the JIT
// compiler loaded first. Resolved from frontend/, like everything the generated client uses.
createRequire(join(resolve(__dirname, '../..'), 'frontend/package.json'))('@angular/compiler');
