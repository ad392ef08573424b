import { defineCaptureSuite } from './capture-helpers';
import { launch } from './harness';

defineCaptureSuite('chatgpt', () => launch());
