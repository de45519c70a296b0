import { currentToken } from './session';

/**
 * Plain HTTP calls of the portal outside GraphQL (exports, uploads), with the
 * session's bearer token. Errors carry the server's own message when it sent one.
 */

export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

function authHeader(): Record<string, string> {
  const token = currentToken();
  return token ? { authorization: `Bearer ${token}` } : {};
}

async function messageOf(res: Response): Promise<string> {
  const text = await res.text();
  try {
    const body = JSON.parse(text) as { error?: string; message?: string };
    return body.error ?? body.message ?? text;
  } catch {
    return text || res.statusText;
  }
}

/** The file name from a Content-Disposition header, else the fallback. */
export function fileNameFrom(disposition: string | null, fallback: string): string {
  if (!disposition) return fallback;
  const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  if (star) return decodeURIComponent(star[1]);
  const plain = /filename="?([^";]+)"?/i.exec(disposition);
  return plain ? plain[1] : fallback;
}

/** GET a JSON answer with the session's token. */
export async function getJson<T>(url: string): Promise<T> {
  const res = await fetch(url, { headers: authHeader() });
  if (!res.ok) throw new HttpError(res.status, `Permintaan gagal (${res.status}): ${await messageOf(res)}`);
  return (await res.json()) as T;
}

/** Downloads a file with the Authorization header (a plain link cannot send it) and saves it via a blob URL. */
export async function downloadWithAuth(url: string, fallbackName: string): Promise<{ name: string; bytes: number }> {
  const res = await fetch(url, { headers: authHeader() });
  if (!res.ok) throw new HttpError(res.status, `Unduhan gagal (${res.status}): ${await messageOf(res)}`);
  const blob = await res.blob();
  const name = fileNameFrom(res.headers.get('content-disposition'), fallbackName);
  saveBlob(blob, name);
  return { name, bytes: blob.size };
}

export function saveBlob(blob: Blob, name: string): void {
  const href = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = href;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  // Give the browser time to start the download before the URL goes.
  setTimeout(() => URL.revokeObjectURL(href), 10_000);
}

export interface UploadProgress {
  loaded: number;
  total: number;
}

/**
 * Uploads one file as multipart field `file`, reporting upload progress
 * (fetch cannot report upload progress; XMLHttpRequest can). Resolves with the
 * HTTP status and the parsed JSON answer whatever the status, so the caller
 * can show a refused import's report.
 */
export function uploadWithProgress(
  url: string,
  file: File,
  onProgress: (p: UploadProgress) => void,
  fields: Record<string, string> = {},
): { done: Promise<{ status: number; body: unknown }>; abort: () => void } {
  const xhr = new XMLHttpRequest();
  const done = new Promise<{ status: number; body: unknown }>((resolve, reject) => {
    xhr.open('POST', url);
    for (const [k, v] of Object.entries(authHeader())) xhr.setRequestHeader(k, v);
    xhr.upload.onprogress = (e) => onProgress({ loaded: e.loaded, total: e.lengthComputable ? e.total : file.size });
    xhr.onload = () => {
      let body: unknown = xhr.responseText;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        // Not JSON (a proxy error page, say): keep the text for the message.
      }
      resolve({ status: xhr.status, body });
    };
    xhr.onerror = () => reject(new Error('Unggahan gagal: server tidak dapat dihubungi.'));
    xhr.onabort = () => reject(new Error('Unggahan dibatalkan.'));
    const form = new FormData();
    // Fields before the file, so the server has them when the file stream arrives.
    for (const [k, v] of Object.entries(fields)) form.append(k, v);
    form.append('file', file, file.name);
    xhr.send(form);
  });
  return { done, abort: () => xhr.abort() };
}
