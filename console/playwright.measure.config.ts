import { defineConfig } from '@playwright/test';
import base from './playwright.config';

// `npm run measure`: the Today page with 2,000 people and the kiosk's face-to-greeting time, figures written to
// docs/console.md (not part of the tests)
export default defineConfig({ ...base, testDir: 'tests/measure', timeout: 600_000 });
