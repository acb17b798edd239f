/**
 * Entry points of the reminders area (issue 3). Each export becomes a top-level function of dist/Code.js.
 */
export {};
