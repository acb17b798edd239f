/**
 * Bytes of an uploaded file over Utilities: base64 from the sidebar to Java bytes, and an XLSX
 * (a ZIP) to its XML parts for `parseXlsx`. Apps Script has no TextDecoder nor zlib; Utilities
 * does both in one call each.
 *
 * Implements the `ReportFiles` interface of src/app/appointments/import.ts (structurally: this
 * layer does not import src/app).
 */

/** Parts of an XLSX worth reading as text: XML parts and relationships (never images or binaries). */
const TEXT_PART = /\.(xml|rels)$/i;

export class UtilitiesFiles {
  /** Signed Java bytes (-128…127), as Apps Script gives them. Throws on text that is not base64. */
  decodeBase64(base64: string): number[] {
    return Utilities.base64Decode(base64);
  }

  /** Path → UTF-8 text of the XML parts of a ZIP. Throws when the bytes are not a ZIP. */
  unzipText(bytes: ArrayLike<number>): Record<string, string> {
    const blob = Utilities.newBlob(Array.from(bytes, (b) => (b > 127 ? b - 256 : b)), 'application/zip', 'reporte.zip');
    const out: Record<string, string> = {};
    for (const part of Utilities.unzip(blob)) {
      const name = part.getName();
      if (name && TEXT_PART.test(name)) out[name] = part.getDataAsString('UTF-8');
    }
    return out;
  }
}
