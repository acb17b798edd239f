/** The messages of the one-to-one attention area (A02–A07) in one import: everything a person reads about it. */
export * from './email-layout';
export * from './appointments';
export * from './reminder';
export * from './abandonment';
export * from './survey';
export * from './workshop-invitation';
export * from './day-summary';
export * from './attention-script';
