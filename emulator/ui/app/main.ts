/** The emulator's browser UI: starts the page once the document is parsed. */
import { App } from './app';

const root = document.getElementById('app');
if (root) void new App(root).start();
