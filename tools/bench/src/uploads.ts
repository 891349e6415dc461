import { readFileSync } from 'node:fs';
import sharp from 'sharp';
import { http } from '@tools/stack';
import { latency, Latency, round } from './stats';

/** One round of parallel uploads: what went through, how fast, and the API's memory meanwhile. */
export interface UploadRound {
  kind: 'document' | 'image';
  files: number;
  /** Size of each file sent, in MB. */
  fileMb: number;
  /** Uploads the API streams at once (ATTACHMENT_UPLOADS_AT_ONCE); the rest wait unread. */
  slots: number;
  created: number;
  failed: number;
  wallMs: number;
  /** MB sent ÷ wall time. */
  mbPerSec: number;
  latencyMs: Latency;
  /** The API's resident set just before the round, its highest during it, and the difference. */
  apiRssBeforeMb: number;
  apiRssPeakMb: number;
  apiRssGrowthMb: number;
}

export interface UploadFigures {
  rounds: UploadRound[];
}

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const m = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
  return m ? round(Number(m[1]) / 1024, 1) : 0;
}

/** A PDF by its signature, `bytes` long, its body pseudo-random (it neither compresses nor repeats). */
function documentOf(bytes: number): Buffer {
  const b = Buffer.allocUnsafe(bytes);
  let x = 0x2545f491;
  for (let i = 0; i < bytes; i += 4) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    b.writeUInt32LE(x >>> 0, i);
  }
  b.write('%PDF-1.7\n', 0, 'latin1');
  return b;
}

/** A camera-sized photo (noise, so it stays large as JPEG), with GPS tags like a phone's. */
async function photoOf(width: number, height: number): Promise<Buffer> {
  const raw = documentOf(width * height * 3);
  return sharp(raw, { raw: { width, height, channels: 3 } })
    .jpeg({ quality: 90 })
    .withExif({
      IFD0: { Make: 'BenchPhone' },
      IFD3: {
        GPSLatitudeRef: 'N',
        GPSLatitude: '10/1 45/1 0/1',
        GPSLongitudeRef: 'E',
        GPSLongitude: '106/1 40/1 0/1',
      },
    })
    .toBuffer();
}

async function round1(
  base: string,
  bearer: string,
  apiPid: number,
  kind: UploadRound['kind'],
  body: Buffer,
  files: number,
  slots: number,
  wards: string[],
): Promise<UploadRound> {
  const tipIds: string[] = [];
  for (let i = 0; i < files; i++) {
    const res = await http<{ id: string }>(
      base,
      'POST',
      '/api/tips',
      {
        channel: 'hotline',
        category: 'theft',
        ward: wards[i % wards.length],
        description: `Bench: evidence upload ${i}, a photo of the plate and a video of the street.`,
        anonymous: true,
      },
      { authorization: bearer },
    );
    if (res.status !== 202) throw new Error(`a tip for the upload bench answered ${res.status}`);
    tipIds.push(res.body.id);
  }
  // One Blob for every request: the bench process holds the file once.
  const blob = new Blob([body]);
  const before = rssMb(apiPid);
  let peak = before;
  const sampler = setInterval(() => {
    peak = Math.max(peak, rssMb(apiPid));
  }, 25);
  const latencies: number[] = [];
  let created = 0;
  const started = performance.now();
  try {
    await Promise.all(
      tipIds.map(async (id) => {
        const form = new FormData();
        form.append('file', blob, kind === 'image' ? 'photo.jpg' : 'statement.pdf');
        const t0 = performance.now();
        const res = await fetch(`${base}/api/tips/${id}/attachments`, {
          method: 'POST',
          headers: { authorization: bearer },
          body: form,
        });
        await res.arrayBuffer();
        latencies.push(performance.now() - t0);
        if (res.status === 201) created++;
      }),
    );
  } finally {
    clearInterval(sampler);
  }
  const wallMs = performance.now() - started;
  peak = Math.max(peak, rssMb(apiPid));
  const mb = body.length / 1024 / 1024;
  return {
    kind,
    files,
    fileMb: round(mb, 1),
    slots,
    created,
    failed: files - created,
    wallMs: round(wallMs, 0),
    mbPerSec: round((mb * files) / (wallMs / 1000), 1),
    latencyMs: latency(latencies),
    apiRssBeforeMb: before,
    apiRssPeakMb: peak,
    apiRssGrowthMb: round(peak - before, 1),
  };
}

/**
 * `files` uploads at once of a `fileMb` document (stored as sent), then of a photo with GPS tags
 * (re-encoded without metadata), each to its own tip, while the API's RSS is sampled every 25 ms.
 */
export async function runUploads(opts: {
  base: string;
  bearer: string;
  apiPid: number;
  files: number;
  fileMb: number;
  /** The photo's size in pixels, [width, height]. */
  photo: [number, number];
  slots: number;
  wards: string[];
  step: (text: string) => void;
}): Promise<UploadFigures> {
  const { base, bearer, apiPid, files, slots, wards, step } = opts;
  const rounds: UploadRound[] = [];
  const doc = documentOf(Math.floor(opts.fileMb * 1024 * 1024) - 1024);
  step(`uploads: ${files} × ${opts.fileMb} MB documents at once`);
  rounds.push(await round1(base, bearer, apiPid, 'document', doc, files, slots, wards));
  step(`  ${rounds[0].mbPerSec} MB/s; API RSS +${rounds[0].apiRssGrowthMb} MB`);
  const photo = await photoOf(...opts.photo);
  step(`uploads: ${files} × ${round(photo.length / 1024 / 1024, 1)} MB photos at once`);
  rounds.push(await round1(base, bearer, apiPid, 'image', photo, files, slots, wards));
  step(`  ${rounds[1].mbPerSec} MB/s; API RSS +${rounds[1].apiRssGrowthMb} MB`);
  return { rounds };
}
