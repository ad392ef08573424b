import { defineCaptureSuite } from './capture-helpers';
import { launch } from './harness';

defineCaptureSuite('claude', () => launch());
