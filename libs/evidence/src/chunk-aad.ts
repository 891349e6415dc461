/** What a sealed chunk is bound to: its attachment and its place in it. */
export function chunkAad(attachmentId: string, idx: number): Buffer {
  return Buffer.from(`attachment:${attachmentId}:${idx}`, 'utf8');
}
