import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../../../errors';

/**
 * Pictures and listening clips of questions, content-addressed under <data dir>/uploads/media/<sha256>. The
 * bytes never change for a hash, so a file is written once and shared by every question that uses it.
 */

export const MEDIA_TYPES: Record<string, 'image' | 'audio'> = {
  'image/png': 'image',
  'image/jpeg': 'image',
  'image/gif': 'image',
  'image/webp': 'image',
  'audio/mpeg': 'audio',
  'audio/mp4': 'audio',
  'audio/ogg': 'audio',
  'audio/wav': 'audio',
};
export const MAX_MEDIA_BYTES = 10 * 1024 * 1024;

/** The real type from the first bytes (the uploaded name and header are not trusted); null if not allowed. */
export function sniffMediaType(bytes: Uint8Array): string | null {
  const b = bytes;
  const ascii = (from: number, len: number) => String.fromCharCode(...b.slice(from, from + len));
  if (b.length >= 8 && b[0] === 0x89 && ascii(1, 3) === 'PNG') return 'image/png';
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'image/jpeg';
  if (b.length >= 6 && (ascii(0, 6) === 'GIF87a' || ascii(0, 6) === 'GIF89a')) return 'image/gif';
  if (b.length >= 12 && ascii(0, 4) === 'RIFF' && ascii(8, 4) === 'WEBP') return 'image/webp';
  if (b.length >= 12 && ascii(0, 4) === 'RIFF' && ascii(8, 4) === 'WAVE') return 'audio/wav';
  if (b.length >= 4 && ascii(0, 4) === 'OggS') return 'audio/ogg';
  if (b.length >= 3 && (ascii(0, 3) === 'ID3' || (b[0] === 0xff && (b[1] & 0xe0) === 0xe0)))
    return 'audio/mpeg';
  if (b.length >= 12 && ascii(4, 4) === 'ftyp') return 'audio/mp4';
  return null;
}

export const sha256Hex = (bytes: Uint8Array | string) => createHash('sha256').update(bytes).digest('hex');

export function createMediaStore(dataDir: string) {
  const dir = path.join(dataDir, 'uploads', 'media');
  const fileOf = (sha256: string) => {
    if (!/^[0-9a-f]{64}$/.test(sha256)) throw new AppError('NOT_FOUND', 'Không tìm thấy tệp');
    return path.join(dir, sha256);
  };
  return {
    /** Stores bytes (idempotent) and returns their hash and sniffed type; refuses unknown or oversized files. */
    async put(
      bytes: Uint8Array,
    ): Promise<{ sha256: string; contentType: string; kind: 'image' | 'audio'; size: number }> {
      if (bytes.length > MAX_MEDIA_BYTES)
        throw new AppError('PAYLOAD_TOO_LARGE', 'Tệp hình/âm thanh quá lớn (tối đa 10 MB)');
      const contentType = sniffMediaType(bytes);
      if (!contentType)
        throw new AppError(
          'UNSUPPORTED_FILE',
          'Chỉ nhận ảnh PNG, JPEG, GIF, WebP hoặc âm thanh MP3, M4A, OGG, WAV',
        );
      const sha256 = sha256Hex(bytes);
      const file = fileOf(sha256);
      if (!existsSync(file)) {
        await mkdir(dir, { recursive: true });
        const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
        await writeFile(tmp, bytes);
        await rename(tmp, file);
      }
      return { sha256, contentType, kind: MEDIA_TYPES[contentType], size: bytes.length };
    },
    async get(sha256: string): Promise<Uint8Array | null> {
      const file = fileOf(sha256);
      return existsSync(file) ? new Uint8Array(await readFile(file)) : null;
    },
  };
}
export type MediaStore = ReturnType<typeof createMediaStore>;
