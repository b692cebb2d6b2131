/**
 * Turns whatever a failed call produced (an RFC 9457 problem, a bare status, a network error)
 * into words for the person in front of the screen. Field errors are kept apart so forms can
 * show each one next to its input instead of one long sentence.
 */

interface FieldError {
  field: string;
  message: string;
}

export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly fieldErrors: Record<string, string> = {},
  ) {
    super(message);
    this.name = "ApiError";
  }
}

const fallbackByStatus: Record<number, string> = {
  401: "Your session has ended. Please sign in again.",
  403: "You are not allowed to do that.",
  404: "Not found.",
  409: "That conflicts with the current state. Reload and try again.",
  413: "That is too large.",
  415: "That type of file is not accepted.",
  429: "Too many attempts. Wait a moment and try again.",
};

function isFieldError(value: unknown): value is FieldError {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as FieldError).field === "string" &&
    typeof (value as FieldError).message === "string"
  );
}

/** Builds the error for a response that was not 2xx; `body` is the parsed JSON, if any. */
export function problemToError(status: number, body: unknown): ApiError {
  const problem = typeof body === "object" && body !== null ? (body as Record<string, unknown>) : {};
  const fieldErrors: Record<string, string> = {};
  if (Array.isArray(problem.errors)) {
    for (const error of problem.errors.filter(isFieldError)) {
      // The first message per field is enough to fix it; several would crowd the form.
      fieldErrors[error.field] ??= error.message;
    }
  }
  const detail = typeof problem.detail === "string" ? problem.detail : undefined;
  const title = typeof problem.title === "string" ? problem.title : undefined;
  const message =
    detail ?? title ?? fallbackByStatus[status] ?? (status >= 500 ? "The server had a problem. Try again." : `Request failed (${status}).`);
  return new ApiError(message, status, fieldErrors);
}

/** The sentence to show for any thrown value. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  if (error instanceof TypeError) return "Could not reach the server. Check your connection and try again.";
  return error instanceof Error ? error.message : "Something went wrong.";
}

/** The per-field messages of a validation failure, empty for any other error. */
export function fieldErrorsOf(error: unknown): Record<string, string> {
  return error instanceof ApiError ? error.fieldErrors : {};
}
