import sharp from 'sharp';
import type { ApiClient } from '@tools/stack';

export interface EvidenceCheck {
  sent: number;
  stored: number;
  /** Stored photos whose bytes still carry EXIF or GPS: must be 0. */
  withTags: number;
}

// Rows of GPS positions in District 4 (degrees, minutes, seconds as EXIF rationals).
const PLACES = [
  ['10/1 45/1 30/1', '106/1 42/1 6/1'],
  ['10/1 45/1 42/1', '106/1 41/1 48/1'],
  ['10/1 45/1 18/1', '106/1 42/1 24/1'],
  ['10/1 45/1 54/1', '106/1 41/1 36/1'],
  ['10/1 45/1 6/1', '106/1 42/1 12/1'],
];

/** A phone's photo: a generated picture whose EXIF names the phone and the place it was taken. */
async function photo(i: number): Promise<Buffer> {
  const [lat, lng] = PLACES[i % PLACES.length];
  return sharp({
    create: {
      width: 800,
      height: 600,
      channels: 3,
      background: { r: 40 + i * 30, g: 90, b: 140 - i * 10 },
    },
  })
    .jpeg({ quality: 85 })
    .withExif({
      IFD0: { Make: 'DemoPhone', Model: `Evidence ${i}` },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: lat, GPSLongitudeRef: 'E', GPSLongitude: lng },
    })
    .toBuffer();
}

/**
 * Tipsters' photos with GPS tags on a few tips, sent through the API; each is read back through
 * the API and must carry no EXIF (so no GPS). Files change no stage and no report figure.
 */
export async function attachPhotos(sup: ApiClient, tipIds: string[]): Promise<EvidenceCheck> {
  let stored = 0;
  let withTags = 0;
  for (const [i, tipId] of tipIds.entries()) {
    const bytes = await photo(i);
    const meta = await sharp(bytes).metadata();
    if (!meta.exif) throw new Error('the demo photo was generated without its EXIF');
    const res = await sup.upload<{ id: string }>(
      `/api/tips/${tipId}/attachments`,
      bytes,
      `IMG_${1000 + i}.jpg`,
    );
    if (res.status !== 201) throw new Error(`a demo photo upload answered ${res.status}`);
    stored++;
    const back = await sup.download(`/api/attachments/${res.body.id}`);
    if (back.status !== 200) throw new Error(`a demo photo download answered ${back.status}`);
    const after = await sharp(back.bytes).metadata();
    if (after.exif || after.xmp || back.bytes.includes(Buffer.from('DemoPhone'))) withTags++;
  }
  return { sent: tipIds.length, stored, withTags };
}
