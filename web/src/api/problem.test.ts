import { describe, expect, it } from "vitest";
import { ApiError, errorMessage, fieldErrorsOf, problemToError } from "./problem";

describe("problemToError", () => {
  it("shows the problem's detail and keeps field errors apart", () => {
    const error = problemToError(422, {
      type: "https://hexchat.dev/problems/invalid-value",
      title: "Invalid value",
      status: 422,
      detail: "The request has invalid values; see `errors`.",
      errors: [
        { field: "username", message: "String should have at least 3 characters" },
        { field: "username", message: "second message" },
        { field: "password", message: "String should have at least 8 characters" },
      ],
    });
    expect(error.status).toBe(422);
    expect(error.message).toBe("The request has invalid values; see `errors`.");
    expect(fieldErrorsOf(error)).toEqual({
      username: "String should have at least 3 characters",
      password: "String should have at least 8 characters",
    });
  });

  it("falls back to a sentence per status when the body is not a problem", () => {
    expect(problemToError(429, "Too Many Requests").message).toMatch(/Too many attempts/);
    expect(problemToError(502, undefined).message).toMatch(/server had a problem/);
    expect(problemToError(418, null).message).toBe("Request failed (418).");
  });
});

describe("errorMessage", () => {
  it("explains network failures", () => {
    expect(errorMessage(new TypeError("Failed to fetch"))).toMatch(/Could not reach the server/);
  });

  it("uses the api error's message", () => {
    expect(errorMessage(new ApiError("Username taken", 409))).toBe("Username taken");
    expect(fieldErrorsOf(new Error("x"))).toEqual({});
  });
});
