import { defineCaptureSuite, OTHER_SITE } from './capture-helpers';
import { launch } from './harness';

defineCaptureSuite('claude', () => launch({ [OTHER_SITE]: 'chatgpt-2025-article.html' }));
