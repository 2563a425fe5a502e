/** Saving generated files from the browser. */

/** Saves a Blob under `filename`. */
export function saveBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  saveUrl(url, filename);
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Saves a URL (object URL or data URL) under `filename`. */
export function saveUrl(url: string, filename: string): void {
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.rel = 'noopener';
  document.body.appendChild(a);
  a.click();
  a.remove();
}

/** A file-name-safe version of a title (keeps Chinese characters). */
export function safeFileName(title: string): string {
  return title.replace(/[\\/:*?"<>|\s]+/g, '_').slice(0, 80) || '导出';
}
