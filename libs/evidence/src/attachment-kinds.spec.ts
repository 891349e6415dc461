import { allowedType, sniffType } from './attachment-kinds';

const pad = (head: Buffer, size = 4100) => Buffer.concat([head, Buffer.alloc(size, 0)]);

describe('allowedType', () => {
  it.each([
    [{ ext: 'jpg', mime: 'image/jpeg' }, 'image'],
    [{ ext: 'png', mime: 'image/png' }, 'image'],
    [{ ext: 'webp', mime: 'image/webp' }, 'image'],
    [{ ext: 'mp4', mime: 'video/mp4' }, 'video'],
    [{ ext: 'mov', mime: 'video/quicktime' }, 'video'],
    [{ ext: 'webm', mime: 'video/webm' }, 'video'],
    [{ ext: 'mp3', mime: 'audio/mpeg' }, 'audio'],
    [{ ext: 'm4a', mime: 'audio/x-m4a' }, 'audio'],
    [{ ext: 'wav', mime: 'audio/wav' }, 'audio'],
    [{ ext: 'pdf', mime: 'application/pdf' }, 'document'],
  ])('accepts %o as %s', (detected, kind) => {
    expect(allowedType(detected)).toEqual({ ...detected, kind });
  });

  it.each([
    { ext: 'exe', mime: 'application/x-msdownload' },
    { ext: 'elf', mime: 'application/x-elf' },
    { ext: 'zip', mime: 'application/zip' },
    { ext: 'svg', mime: 'image/svg+xml' },
    { ext: 'gif', mime: 'image/gif' },
    { ext: 'heic', mime: 'image/heic' },
    {
      ext: 'docx',
      mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    },
    { ext: 'constructor', mime: 'x/x' },
    { ext: '__proto__', mime: 'x/x' },
  ])('refuses %o', (detected) => {
    expect(allowedType(detected)).toBeNull();
  });

  it('refuses what no signature names', () => {
    expect(allowedType(undefined)).toBeNull();
  });
});

describe('sniffType', () => {
  it('judges from the bytes, whatever a name would say', async () => {
    expect(await sniffType(pad(Buffer.from([0xff, 0xd8, 0xff, 0xe0])))).toMatchObject({
      kind: 'image',
      ext: 'jpg',
    });
    expect(await sniffType(pad(Buffer.from('%PDF-1.7\n')))).toMatchObject({
      kind: 'document',
      mime: 'application/pdf',
    });
    const mp4 = Buffer.concat([
      Buffer.from([0, 0, 0, 0x18]),
      Buffer.from('ftypmp42'),
      Buffer.from([0, 0, 0, 0]),
      Buffer.from('mp42isom'),
    ]);
    expect(await sniffType(pad(mp4))).toMatchObject({ kind: 'video', ext: 'mp4' });
  });

  it('refuses programs, pages, scripts and empty files', async () => {
    expect(await sniffType(pad(Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0])))).toBeNull();
    expect(await sniffType(pad(Buffer.from('MZ')))).toBeNull();
    expect(await sniffType(Buffer.from('<!doctype html><script>alert(1)</script>'))).toBeNull();
    expect(await sniffType(Buffer.from('#!/bin/sh\nrm -rf /\n'))).toBeNull();
    expect(await sniffType(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBeNull();
    expect(await sniffType(Buffer.alloc(0))).toBeNull();
  });
});
