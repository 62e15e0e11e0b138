// `npm start`: builds the web app if needed, then runs the hub (PGlite in .data unless DATABASE_URL is set).
import { buildWeb, webIsStale } from './web-build.ts';

if (process.env.NODE_ENV !== 'production' && webIsStale()) buildWeb();
await import('../src/server/main.ts');
