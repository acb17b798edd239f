/**
 * Modeled cost of one service call in real Apps Script, in milliseconds. The emulator adds it
 * to the virtual clock and to the execution's modeled time, which is what the 6-minute limit
 * and the benchmarks measure. Figures are medians from public measurements where one exists,
 * and labelled estimates otherwise; `docs/emulator.md` prints this table with its sources.
 *
 * Keys are `Class.method`; a missing method falls back to `Class.*`, then to the service's
 * default. Builders and getters on objects already fetched cost little: Apps Script batches
 * them locally until a read or a write needs the server.
 */
export interface LatencyEntry {
  ms: number;
  source: string;
}

const S_PROPS = 'ziritione.org "Google Apps Script APIs performance" (100 runs: getProperty avg 30 ms, setProperty avg 62 ms, cache put 93 ms, cache get 3 ms)';
const S_BLOG = 'Google Apps Script blog, "Optimizing Spreadsheet Operations" (2010) and the measurement it prompted (one 4,000-cell setValues < 50 ms; flush ~600 ms)';
const S_TANAIKE = 'K. Tanaike, Apps Script benchmark reports (tanaikech.github.io/topics/benchmark): per-call cost of SpreadsheetApp reads/writes in the tens of milliseconds';
const S_QUOTAS = 'developers.google.com/apps-script/guides/services/quotas (limits, not latency)';
const S_EST = 'estimate: no public measurement; order of magnitude of one Google API round trip';

export const LATENCY: Record<string, LatencyEntry> = {
  // SpreadsheetApp
  'SpreadsheetApp.*': { ms: 5, source: S_TANAIKE },
  'SpreadsheetApp.openById': { ms: 300, source: S_TANAIKE },
  'SpreadsheetApp.getActiveSpreadsheet': { ms: 20, source: S_TANAIKE },
  'SpreadsheetApp.flush': { ms: 600, source: S_BLOG },
  'Spreadsheet.*': { ms: 10, source: S_TANAIKE },
  'Spreadsheet.insertSheet': { ms: 250, source: S_EST },
  'Sheet.*': { ms: 10, source: S_TANAIKE },
  'Sheet.appendRow': { ms: 80, source: S_TANAIKE },
  'Sheet.getDataRange': { ms: 15, source: S_TANAIKE },
  'Range.*': { ms: 5, source: S_TANAIKE },
  'Range.getValues': { ms: 60, source: S_TANAIKE },
  'Range.getDisplayValues': { ms: 60, source: S_TANAIKE },
  'Range.getFormulas': { ms: 60, source: S_TANAIKE },
  'Range.setValues': { ms: 100, source: S_BLOG },
  'Range.setValue': { ms: 60, source: S_BLOG },
  'Range.getValue': { ms: 40, source: S_TANAIKE },
  'Range.setNumberFormat': { ms: 40, source: S_TANAIKE },
  'Range.setDataValidation': { ms: 60, source: S_EST },
  // One request for every range of the list, as a Range call is for its block.
  'RangeList.setNumberFormat': { ms: 40, source: S_TANAIKE },
  'RangeList.clearContent': { ms: 40, source: S_TANAIKE },
  'RangeList.*': { ms: 5, source: S_TANAIKE },
  // Protections and sharing: each change is one Sheets (or Drive permissions) request; reading a
  // fetched Protection's fields is local. No public measurement: estimates.
  'Range.protect': { ms: 100, source: S_EST },
  'Sheet.protect': { ms: 100, source: S_EST },
  'Sheet.getProtections': { ms: 50, source: S_EST },
  'Spreadsheet.getProtections': { ms: 80, source: S_EST },
  'Protection.getDescription': { ms: 0, source: 'local object' },
  'Protection.isWarningOnly': { ms: 0, source: 'local object' },
  'Protection.getProtectionType': { ms: 0, source: 'local object' },
  'Protection.getRangeName': { ms: 0, source: 'local object' },
  'Protection.*': { ms: 100, source: S_EST },
  'Spreadsheet.getOwner': { ms: 150, source: S_EST + ' (Drive file metadata)' },
  'Spreadsheet.getEditors': { ms: 150, source: S_EST + ' (Drive permissions list)' },
  'Spreadsheet.getViewers': { ms: 150, source: S_EST + ' (Drive permissions list)' },
  'Spreadsheet.addEditor': { ms: 300, source: S_EST + ' (Drive permission create)' },
  'Spreadsheet.addEditors': { ms: 300, source: S_EST + ' (Drive permission create)' },
  'Spreadsheet.removeEditor': { ms: 300, source: S_EST + ' (Drive permission delete)' },
  'Spreadsheet.addViewer': { ms: 300, source: S_EST + ' (Drive permission create)' },
  'Spreadsheet.addViewers': { ms: 300, source: S_EST + ' (Drive permission create)' },
  'Spreadsheet.removeViewer': { ms: 300, source: S_EST + ' (Drive permission delete)' },
  'Ui.*': { ms: 5, source: S_EST },
  'Menu.*': { ms: 1, source: S_EST },
  'DataValidationBuilder.*': { ms: 0, source: 'builder: local until build()' },
  // Properties, cache, lock
  'Properties.getProperty': { ms: 30, source: S_PROPS },
  'Properties.getProperties': { ms: 30, source: S_PROPS },
  'Properties.setProperty': { ms: 62, source: S_PROPS },
  'Properties.setProperties': { ms: 62, source: S_PROPS },
  'Properties.*': { ms: 30, source: S_PROPS },
  'PropertiesService.*': { ms: 1, source: S_EST },
  'Cache.get': { ms: 3, source: S_PROPS },
  'Cache.getAll': { ms: 3, source: S_PROPS },
  'Cache.*': { ms: 93, source: S_PROPS },
  'CacheService.*': { ms: 1, source: S_EST },
  'LockService.*': { ms: 1, source: S_EST },
  'Lock.*': { ms: 20, source: S_EST },
  // Script, session, utilities
  'ScriptApp.getProjectTriggers': { ms: 50, source: S_EST },
  'ScriptApp.deleteTrigger': { ms: 100, source: S_EST },
  'ScriptApp.*': { ms: 1, source: S_EST },
  'TriggerBuilder.*': { ms: 0, source: 'builder: local until create()' },
  'ClockTriggerBuilder.create': { ms: 150, source: S_EST },
  'SpreadsheetTriggerBuilder.create': { ms: 150, source: S_EST },
  'FormTriggerBuilder.create': { ms: 150, source: S_EST },
  'ClockTriggerBuilder.*': { ms: 0, source: 'builder' },
  'SpreadsheetTriggerBuilder.*': { ms: 0, source: 'builder' },
  'FormTriggerBuilder.*': { ms: 0, source: 'builder' },
  'Trigger.*': { ms: 0, source: 'local object' },
  'Session.*': { ms: 5, source: S_EST },
  'User.*': { ms: 0, source: 'local object' },
  'Utilities.*': { ms: 1, source: 'local computation in the Apps Script runtime' },
  'Logger.*': { ms: 0, source: 'local: buffered in the execution log' },
  'Blob.*': { ms: 0, source: 'local object' },
  'HtmlService.*': { ms: 5, source: S_EST },
  'HtmlOutput.*': { ms: 0, source: 'local object' },
  'HtmlTemplate.*': { ms: 2, source: 'local object' },
  'ContentService.*': { ms: 0, source: 'local object (ContentService builds a TextOutput in the script; nothing reaches a server until doGet returns)' },
  'TextOutput.*': { ms: 0, source: 'local object' },
  // Mail, Calendar, Forms, Drive
  'MailApp.sendEmail': { ms: 450, source: S_EST },
  'MailApp.getRemainingDailyQuota': { ms: 20, source: S_EST },
  'MailApp.*': { ms: 20, source: S_EST },
  'Calendar.Events.insert': { ms: 700, source: S_EST + ' (with a Meet conference request)' },
  'Calendar.Events.patch': { ms: 400, source: S_EST },
  'Calendar.Events.get': { ms: 200, source: S_EST },
  'Calendar.Events.list': { ms: 300, source: S_EST },
  'Calendar.*': { ms: 300, source: S_EST },
  'FormApp.create': { ms: 1500, source: S_EST },
  'FormApp.openById': { ms: 300, source: S_EST },
  'FormApp.*': { ms: 1, source: S_EST },
  'Form.*': { ms: 150, source: S_EST },
  'Form.getResponses': { ms: 300, source: S_EST },
  'Item.*': { ms: 20, source: S_EST },
  'FormResponse.*': { ms: 5, source: S_EST },
  'ItemResponse.*': { ms: 0, source: 'local object' },
  'DriveApp.*': { ms: 300, source: S_EST },
  'File.*': { ms: 150, source: S_EST },
  'Folder.*': { ms: 150, source: S_EST },
  // Drive: no public per-call measurement; estimates of one Drive API request each. Creating a
  // file uploads its content; reading a fetched file's ID, name or URL is local.
  'DriveApp.getRootFolder': { ms: 150, source: S_EST + ' (Drive files.get)' },
  'DriveApp.getFileById': { ms: 200, source: S_EST + ' (Drive files.get)' },
  'DriveApp.getFolderById': { ms: 200, source: S_EST + ' (Drive files.get)' },
  'DriveApp.createFile': { ms: 600, source: S_EST + ' (Drive files.create with upload)' },
  'DriveApp.createFolder': { ms: 400, source: S_EST + ' (Drive files.create)' },
  'Folder.createFile': { ms: 600, source: S_EST + ' (Drive files.create with upload)' },
  'Folder.createFolder': { ms: 400, source: S_EST + ' (Drive files.create)' },
  'Folder.getFiles': { ms: 250, source: S_EST + ' (Drive files.list)' },
  'Folder.getFilesByName': { ms: 250, source: S_EST + ' (Drive files.list)' },
  'Folder.getFolders': { ms: 250, source: S_EST + ' (Drive files.list)' },
  'Folder.getFoldersByName': { ms: 250, source: S_EST + ' (Drive files.list)' },
  'Folder.getId': { ms: 0, source: 'local object' },
  'Folder.getName': { ms: 0, source: 'local object' },
  'Folder.getUrl': { ms: 0, source: 'local object' },
  'File.getId': { ms: 0, source: 'local object' },
  'File.getName': { ms: 0, source: 'local object' },
  'File.getUrl': { ms: 0, source: 'local object' },
  'File.getDownloadUrl': { ms: 0, source: 'local object' },
  'File.getMimeType': { ms: 0, source: 'local object' },
  'File.getSize': { ms: 0, source: 'local object' },
  'File.getBlob': { ms: 300, source: S_EST + ' (Drive files.get media download)' },
  'File.getAs': { ms: 1500, source: S_EST + ' (download and conversion)' },
  'File.setSharing': { ms: 300, source: S_EST + ' (Drive permission create)' },
  'File.addViewer': { ms: 300, source: S_EST + ' (Drive permission create)' },
  'File.addEditor': { ms: 300, source: S_EST + ' (Drive permission create)' },
  'FileIterator.hasNext': { ms: 0, source: 'local: the page fetched by the listing call' },
  'FileIterator.next': { ms: 0, source: 'local: the page fetched by the listing call' },
  'FolderIterator.*': { ms: 0, source: 'local: the page fetched by the listing call' },
  // Copying a file is one Drive files.copy request; a Google-native file is copied server side.
  'File.makeCopy': { ms: 900, source: S_EST + ' (Drive files.copy)' },
  // Slides (SlidesApp): no public per-call measurement. Opening loads the whole presentation
  // (Slides API presentations.get); each change is one batchUpdate request; reading what was
  // loaded is local; saveAndClose flushes and saves. Creating makes a Drive file.
  'SlidesApp.create': { ms: 1500, source: S_EST + ' (Slides presentations.create)' },
  'SlidesApp.openById': { ms: 500, source: S_EST + ' (Slides presentations.get of the whole file)' },
  'SlidesApp.openByUrl': { ms: 500, source: S_EST + ' (Slides presentations.get of the whole file)' },
  'SlidesApp.*': { ms: 1, source: S_EST },
  // The advanced Slides service: one Slides API request for the whole batch.
  'Slides.Presentations.batchUpdate': { ms: 500, source: S_EST + ' (one Slides API batchUpdate request, whatever the number of sub-requests)' },
  'Slides.Presentations.*': { ms: 400, source: S_EST },
  'Presentation.replaceAllText': { ms: 400, source: S_EST + ' (one batchUpdate replaceAllText request)' },
  'Presentation.appendSlide': { ms: 300, source: S_EST + ' (one batchUpdate request)' },
  'Presentation.setName': { ms: 300, source: S_EST + ' (Drive files.update)' },
  'Presentation.saveAndClose': { ms: 800, source: S_EST + ' (flush and save)' },
  'Presentation.*': { ms: 5, source: 'local: the loaded presentation' },
  'Slide.insertImage': { ms: 800, source: S_EST + ' (image upload and createImage request)' },
  'Slide.insertTextBox': { ms: 300, source: S_EST + ' (one batchUpdate request)' },
  'Slide.insertShape': { ms: 300, source: S_EST + ' (one batchUpdate request)' },
  'Slide.insertTable': { ms: 300, source: S_EST + ' (one batchUpdate request)' },
  'Slide.replaceAllText': { ms: 400, source: S_EST + ' (one batchUpdate replaceAllText request)' },
  'Slide.remove': { ms: 300, source: S_EST + ' (one batchUpdate request)' },
  'Slide.*': { ms: 5, source: 'local: the loaded presentation' },
  'PageElement.remove': { ms: 300, source: S_EST + ' (one batchUpdate request)' },
  'Shape.remove': { ms: 300, source: S_EST + ' (one batchUpdate request)' },
  'Image.remove': { ms: 300, source: S_EST + ' (one batchUpdate request)' },
  'Table.remove': { ms: 300, source: S_EST + ' (one batchUpdate request)' },
  'PageElement.*': { ms: 5, source: 'local: the loaded presentation (setters: one request)' },
  'Shape.*': { ms: 5, source: 'local: the loaded presentation' },
  'Image.*': { ms: 5, source: 'local: the loaded presentation' },
  'Table.*': { ms: 5, source: 'local: the loaded presentation' },
  'TableCell.*': { ms: 1, source: 'local object' },
  'TextRange.setText': { ms: 300, source: S_EST + ' (one batchUpdate request)' },
  'TextRange.appendText': { ms: 300, source: S_EST + ' (one batchUpdate request)' },
  'TextRange.clear': { ms: 300, source: S_EST + ' (one batchUpdate request)' },
  'TextRange.replaceAllText': { ms: 400, source: S_EST + ' (one batchUpdate replaceAllText request)' },
  'TextRange.*': { ms: 2, source: 'local: the loaded presentation' },
  'TextStyle.*': { ms: 150, source: S_EST + ' (setters: one updateTextStyle request; getters local)' },
  'ParagraphStyle.*': { ms: 150, source: S_EST + ' (setters: one updateParagraphStyle request)' },
  // Sheets charts: building is local; inserting, updating and removing are one request each.
  'Sheet.newChart': { ms: 0, source: 'builder: local until insertChart' },
  'Sheet.insertChart': { ms: 300, source: S_EST + ' (Sheets addChart request)' },
  'Sheet.updateChart': { ms: 300, source: S_EST + ' (Sheets updateChartSpec request)' },
  'Sheet.removeChart': { ms: 200, source: S_EST + ' (Sheets deleteEmbeddedObject request)' },
  'Sheet.getCharts': { ms: 80, source: S_EST + ' (read of the sheet\'s embedded objects)' },
  'EmbeddedChartBuilder.*': { ms: 0, source: 'builder: local until insertChart' },
  'EmbeddedChart.getBlob': { ms: 800, source: S_EST + ' (the chart drawn to PNG on Google\'s servers)' },
  'EmbeddedChart.getAs': { ms: 800, source: S_EST + ' (the chart drawn to PNG on Google\'s servers)' },
  'EmbeddedChart.*': { ms: 0, source: 'local object' },
  'ChartOptions.*': { ms: 0, source: 'local object' },
  'ContainerInfo.*': { ms: 0, source: 'local object' },
  // HTML or text to PDF runs on Google's conversion servers: no public measurement.
  'Blob.getAs': { ms: 1000, source: S_EST + ' (HTML-to-PDF conversion; a same-type copy is local)' },
};

export const SERVICE_DEFAULT_MS = 10;

export function latencyOf(className: string, method: string): LatencyEntry {
  // Typed form items (TextItem, MultipleChoiceItem …) cost what an Item does.
  // Typed chart builders (EmbeddedColumnChartBuilder …) are local, as EmbeddedChartBuilder is.
  const family = /Item$/.test(className) && className !== 'Item' ? 'Item' : /^Embedded\w+ChartBuilder$/.test(className) ? 'EmbeddedChartBuilder' : className;
  return (
    LATENCY[`${className}.${method}`] ??
    LATENCY[`${className}.*`] ??
    LATENCY[`${family}.*`] ?? { ms: SERVICE_DEFAULT_MS, source: S_EST }
  );
}

export const LIMIT_SOURCES = { quotas: S_QUOTAS };
