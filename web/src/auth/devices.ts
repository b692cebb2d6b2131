/**
 * The device tokens this browser was given, one per username. Sent with the next sign-in to that
 * username, a token has the server check the password in a lane of its own, which a flood of
 * sign-ins from elsewhere cannot fill, and spares it the limits that failures from this address
 * bring (ADR 24). It lets no one in without the password, so it outlives signing out.
 */
import { unwrap, type Api } from "@/api/client";
import type { SessionStore } from "./session";

const KEY_PREFIX = "hexchat.device.";

export class DeviceTokens {
  constructor(private readonly storage: Pick<Storage, "getItem" | "setItem">) {}

  /** The token of the last sign-in to `username`, typed in any case as the server allows. */
  forUser(username: string): string | undefined {
    return this.storage.getItem(KEY_PREFIX + username.toLowerCase()) ?? undefined;
  }

  remember(username: string, token: string): void {
    this.storage.setItem(KEY_PREFIX + username, token);
  }
}

/** Signs in with this browser's device token for `username`, if any, and keeps the one answered. */
export async function signIn(
  api: Api,
  store: SessionStore,
  devices: DeviceTokens,
  username: string,
  password: string,
): Promise<void> {
  const body = { username, password, device_token: devices.forUser(username) };
  const signedIn = await unwrap(api.POST("/api/v1/sessions", { body }));
  devices.remember(signedIn.user.username, signedIn.device_token);
  store.save(signedIn);
}
