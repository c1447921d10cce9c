import {
  MAX_IP_ADDRESS_LENGTH,
  MAX_SIGNATURE_BYTES,
  MAX_USER_AGENT_LENGTH,
} from '../repositories/consent.schema';

const PNG_DATA_URL_PREFIX = 'data:image/png;base64,';
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;
/** Every PNG file starts with these eight bytes (ISO/IEC 15948, 5.2). */
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/**
 * Why `dataUrl` is not a drawn signature as the patient's signature pad gives it (a base64 data
 * URL of a PNG image, at most MAX_SIGNATURE_BYTES characters), or null when it is one.
 */
export function pngDataUrlProblem(dataUrl: string): string | null {
  const problem = 'A drawn signature is a base64 data URL of a PNG image (data:image/png;base64,…)';
  if (dataUrl.length > MAX_SIGNATURE_BYTES) {
    return `A drawn signature has at most ${MAX_SIGNATURE_BYTES} characters`;
  }
  if (!dataUrl.startsWith(PNG_DATA_URL_PREFIX)) return problem;
  const base64 = dataUrl.slice(PNG_DATA_URL_PREFIX.length);
  if (!BASE64.test(base64) || base64.length % 4 !== 0) return problem;
  const bytes = Buffer.from(base64, 'base64');
  if (bytes.length <= PNG_SIGNATURE.length || !bytes.subarray(0, 8).equals(PNG_SIGNATURE)) {
    return 'The drawn signature is not a PNG image';
  }
  return null;
}

/** A stored drawn signature's image bytes and type, for printing; null for anything else. */
export function decodeSignatureImage(
  dataUrl: string,
): { type: 'PNG' | 'JPEG' | 'SVG'; bytes: Buffer } | null {
  const match = /^data:image\/(png|jpeg|svg\+xml);base64,([A-Za-z0-9+/]+={0,2})$/.exec(dataUrl);
  if (!match) return null;
  const type = match[1] === 'png' ? 'PNG' : match[1] === 'jpeg' ? 'JPEG' : 'SVG';
  return { type, bytes: Buffer.from(match[2] ?? '', 'base64') };
}

/** The request's address and browser as signature evidence, bounded as the table bounds them. */
export function signatureEvidenceOf(
  ipAddress: string | undefined,
  userAgent: string | undefined,
): { signedIpAddress: string | null; signedUserAgent: string | null } {
  const bounded = (value: string | undefined, max: number) => {
    const v = (value ?? '').replace(/\p{Cc}/gu, '').trim();
    return v === '' ? null : v.slice(0, max);
  };
  return {
    signedIpAddress: bounded(ipAddress, MAX_IP_ADDRESS_LENGTH),
    signedUserAgent: bounded(userAgent, MAX_USER_AGENT_LENGTH),
  };
}

/** A name as typed, compared without case, accents' composition or extra spaces. */
export function comparableName(name: string): string {
  return name.normalize('NFKC').toLocaleLowerCase('en-US').replace(/\s+/g, ' ').trim();
}
