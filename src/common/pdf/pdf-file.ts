/** A printed document as a route sends it (common/http/pdf-response.ts). */
export interface PdfFile {
  /** `<name>.pdf`, safe inside a quoted Content-Disposition filename. */
  fileName: string;
  pdf: Buffer;
}

/** The file of a printed document: `name` with anything but letters, digits, `.`, `_` and `-` as `_`. */
export function pdfFile(name: string, pdf: Buffer): PdfFile {
  return { fileName: `${name.replace(/[^A-Za-z0-9._-]/g, '_')}.pdf`, pdf };
}
