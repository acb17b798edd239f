/**
 * The hostile input corpus (issue 5, point 4) pushed through the built bundle in the emulator:
 * imports of report files, walk-in bookings, the day's actions, the emails they send and the
 * survey form. One suite per area (./suites); the number of cases tried is printed at the end.
 */
import { tallyLine } from './checks';
import { dayAndMailSuite } from './suites/day-and-mail';
import { importFilesSuite } from './suites/import-files';
import { importLimitsSuite } from './suites/import-limits';
import { importTextSuite } from './suites/import-text';
import { walkInSuite } from './suites/walk-in';
// Check-in form (B09, i12-checkin).
import { checkinSuite } from './suites/checkin';
// B08 (issue 12): the workshop survey.
import { workshopSurveySuite } from './suites/workshop-survey';
// Issue 14 (C01, i14-intake): the institutions' request form.
import { externalRequestSuite } from './suites/external-request';

importTextSuite();
importFilesSuite();
importLimitsSuite();
walkInSuite();
dayAndMailSuite();
checkinSuite();
workshopSurveySuite();
externalRequestSuite();

afterAll(() => {
  console.log(tallyLine());
});
