/**
 * Sends one file to `POST /api/v1/uploads` with XMLHttpRequest, because fetch reports no upload
 * progress and a large file can take a while. Signed as the typed client signs its requests:
 * the session's access token, and on a 401 one refresh and one retry.
 */
import type { SessionStore } from "@/auth/session";
import { problemToError } from "./problem";
import type { Upload } from "./types";

/** The part of XMLHttpRequest an upload uses; tests give a fake one. */
export type UploadRequest = Pick<
  XMLHttpRequest,
  "open" | "setRequestHeader" | "send" | "abort" | "status" | "responseText" | "responseType" | "upload" | "onload" | "onerror" | "onabort"
>;

export type Uploader = (file: File, onProgress: (fraction: number) => void, signal: AbortSignal) => Promise<Upload>;

interface Answer {
  status: number;
  body: unknown;
}

function parsed(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export function createUploader(session: SessionStore, origin: string, request: () => UploadRequest = () => new XMLHttpRequest()): Uploader {
  function attempt(file: File, token: string | null, onProgress: (fraction: number) => void, signal: AbortSignal): Promise<Answer> {
    return new Promise((resolve, reject) => {
      const xhr = request();
      xhr.open("POST", `${origin}/api/v1/uploads`);
      xhr.responseType = "text";
      if (token) xhr.setRequestHeader("Authorization", `Bearer ${token}`);
      xhr.upload.onprogress = (event) => {
        if (event.lengthComputable && event.total > 0) onProgress(event.loaded / event.total);
      };
      xhr.onload = () => resolve({ status: xhr.status, body: parsed(xhr.responseText) });
      // As fetch does, a network failure is a TypeError: errorMessage explains it as one.
      xhr.onerror = () => reject(new TypeError("Network request failed"));
      xhr.onabort = () => reject(new DOMException("The upload was cancelled", "AbortError"));
      signal.addEventListener("abort", () => xhr.abort(), { once: true });
      const form = new FormData();
      form.append("file", file, file.name);
      xhr.send(form);
    });
  }

  return async (file, onProgress, signal) => {
    const token = await session.accessToken();
    let answer = await attempt(file, token, onProgress, signal);
    if (answer.status === 401 && token) {
      const renewed = await session.refresh(token);
      if (renewed) answer = await attempt(file, renewed.accessToken, onProgress, signal);
    }
    if (answer.status !== 201) throw problemToError(answer.status, answer.body);
    onProgress(1);
    return answer.body as Upload;
  };
}
